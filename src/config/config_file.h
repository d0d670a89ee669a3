/*
 * Reading ipstack-agentx.conf.
 *
 * We read the file ourselves rather than through net-snmp's config
 * machinery: that machinery reads nothing once persistent state is off,
 * takes an unknown token for a warning, fopen()s a FIFO and blocks, and
 * reports errors against whichever file it read last.  Here every line is
 * one of our tokens or an error naming file and line, files are opened only
 * if regular and never blocking, and a read with any error changes nothing.
 * The search path is still net-snmp's, so the file lives where operators of
 * snmpd expect it.  No net-snmp headers: the reader builds and tests alone.
 */
#ifndef IPSTACK_CONFIG_FILE_H
#define IPSTACK_CONFIG_FILE_H

#include <stddef.h>

#include "settings.h"

#define CONFIG_NAME "ipstack-agentx"

/* One message: "FILE line N: what" or "FILE: what". */
typedef void (*config_msg_fn)(void *ctx, const char *msg);

struct config_read {
	unsigned errors;
	char first_error[600]; /* the first message, for a one-line refusal */
	char files[1024]; /* the files read, ", "-separated; "" if none */
};

/*
 * Read into `out` (reset to defaults first).  With `file` (-c), only that
 * file, which must exist; otherwise each directory of `search_path`
 * (':'-separated) in order, CONFIG_NAME.conf then CONFIG_NAME.local.conf,
 * where missing files are skipped.  A file that is not regular, is writable
 * by group or others, or cannot be read is an error.  Each error is also
 * passed to `on_error`.  Returns the number of errors; on errors `out` must
 * be freed and not used.
 */
unsigned config_file_load(struct config *out, const char *file, const char *search_path,
			  config_msg_fn on_error, void *ctx, struct config_read *result);

/* The i-th token the reader knows (ipstack-agentx.conf(5) lists them), NULL past the last. */
const char *config_token_name(size_t i);

#endif
