/*
 * The daemon's settings: from the command line (options.c) and from the
 * configuration file (config.c).  The command line wins.
 */
#ifndef IPSTACK_SETTINGS_H
#define IPSTACK_SETTINGS_H

#include <stdbool.h>

#include "sysctl_policy.h"

#define DEFAULT_PROC_ROOT "/proc"
#define DEFAULT_CACHE_MS 1000
#define DEFAULT_PRIORITY 100
#define DEFAULT_PING_INTERVAL 5

struct settings {
	/* command line */
	const char *master; /* -x: AgentX master address */
	const char *config_file; /* -c */
	const char *pid_file; /* -p */
	const char *proc_root_arg; /* --proc-root */
	bool foreground; /* -f */
	bool dump; /* --dump */
	bool log_chosen; /* a -L option was given */
	/* configuration file (defaults until read) */
	char *proc_root; /* procRoot, overridden by --proc-root */
	unsigned cache_ms; /* cacheLifetime */
	int priority; /* registrationPriority */
	struct sysctl_policy policy; /* writeAllow, writeDeny */
	bool allow_delete_tcb; /* allowDeleteTcb */
};

void settings_defaults(struct settings *s);
/* Free what the configuration file allocated. */
void settings_free(struct settings *s);

/* The proc root in force: --proc-root, else procRoot, else /proc. */
const char *settings_proc_root(const struct settings *s);

#endif
