/*
 * The configuration file at run time, for the AgentX daemon and for the
 * module inside snmpd alike: where it is looked for, and a reload that
 * changes everything or nothing.
 */
#ifndef IPSTACK_CONFIG_RELOAD_H
#define IPSTACK_CONFIG_RELOAD_H

#include <stdbool.h>

#include "settings.h"

/* net-snmp's search path, as its own tools (and snmpd) use it. */
const char *config_search_path(void);

/* A config_msg_fn that logs each error as a warning. */
void config_log_error(void *ctx, const char *msg);

/*
 * Read the configuration again (s->config_file, else the search path).
 * Any error: nothing changes, and the errors and one summary line are
 * logged.  Otherwise `note` (if not NULL) sees the old and new settings,
 * the new ones replace the old, the objects are reconfigured, and one line
 * says what is in force.
 */
bool config_reload(struct settings *s,
		   void (*note)(const struct config *old, const struct config *fresh));

#endif
