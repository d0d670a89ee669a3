/*
 * Our tokens in ipstack-agentx.conf, read by net-snmp's config machinery.
 */
#ifndef IPSTACK_CONFIG_TOKENS_H
#define IPSTACK_CONFIG_TOKENS_H

#include "settings.h"

/* Register the tokens; values land in `s` once a whole read is clean. */
void config_tokens_register(struct settings *s);

/*
 * Errors seen in the last read.  After a read with errors the settings in
 * force are left as they were, and this returns their count.
 */
unsigned config_tokens_errors(void);

/* At exit: what a read left pending. */
void config_tokens_free(void);

/* SIGHUP: read the configuration again; returns the number of errors. */
unsigned config_tokens_reload(const char *config_file);

#endif
