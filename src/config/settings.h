/*
 * The daemon's settings: from the command line (options.c) and from the
 * configuration file (config_file.c).  The command line wins where both
 * name the same thing (-x over agentXSocket, --proc-root over procRoot).
 *
 * Folder src/config/: the settings and the configuration file reader.  No
 * net-snmp headers; may include src/util/ and src/sysctl/ (the policy).
 */
#ifndef IPSTACK_SETTINGS_H
#define IPSTACK_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "sysctl_policy.h"

#define DEFAULT_PROC_ROOT "/proc"
#define DEFAULT_CACHE_MS 1000
#define DEFAULT_PRIORITY 100
#define DEFAULT_PING_INTERVAL 5
#define DEFAULT_AGENTX_TIMEOUT 1 /* seconds, net-snmp's own default */
#define DEFAULT_AGENTX_RETRIES 5 /* net-snmp's own default */
#define DEFAULT_TUNABLE_POLL_S 60

#define DEFAULT_NETNS_DIR "/run/netns" /* iproute2's ip netns add */
/* SNMP context names are SnmpAdminString (SIZE(0..32)) (RFC 3411). */
#define SNMP_CONTEXT_NAME_MAX 32

/* A list of strings a token repeats. */
struct name_list {
	char **v;
	size_t n;
};

/* Append a copy of `s`; false when out of memory. */
bool name_list_add(struct name_list *l, const char *s);
bool name_list_has(const struct name_list *l, const char *s);
void name_list_free(struct name_list *l);

/* What the configuration file sets: replaced as a whole by a clean read. */
struct config {
	char *proc_root; /* procRoot; NULL: /proc */
	unsigned cache_ms; /* cacheLifetime */
	int priority; /* registrationPriority */
	struct sysctl_policy policy; /* writeAllow, writeDeny */
	bool allow_delete_tcb; /* allowDeleteTcb */
	char *persist_file; /* persistSets; NULL: SETs are runtime only */
	bool notify_tunables; /* notifyTunableChanges */
	unsigned tunable_poll_s; /* tunablePollInterval */
	char *agentx_socket; /* agentXSocket; NULL: net-snmp's default */
	int ping_interval; /* agentXPingInterval, seconds; 0: never */
	int agentx_timeout; /* agentXTimeout, seconds */
	int agentx_retries; /* agentXRetries */
	struct name_list netns_dirs; /* netnsDir, in order; empty: DEFAULT_NETNS_DIR */
	bool netns_all; /* netnsContexts all */
	struct name_list netns_names; /* netnsContexts NAME...: fnmatch(3) patterns */
};

/* Whether netnsContexts asks for any context besides the default one. */
bool config_netns_wanted(const struct config *c);
/* Whether the namespace file `name` is to be a context. */
bool config_netns_chosen(const struct config *c, const char *name);

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
	struct config conf;
};

void settings_defaults(struct settings *s);
void config_defaults(struct config *c);
/* Free what a configuration read allocated; `c` holds defaults again. */
void config_free(struct config *c);
/* At exit. */
void settings_free(struct settings *s);

/* The proc root in force: --proc-root, else procRoot, else /proc. */
const char *settings_proc_root(const struct settings *s);
/* The AgentX master in force: -x, else agentXSocket, else NULL. */
const char *settings_master(const struct settings *s);

#endif
