/*
 * SNMP access to the IPv4 tunables: LINUX-IPSTACK-MIB's ipstackSysctlTable
 * and the SET side of IP-MIB's ipForwarding.0 / ipDefaultTTL.0.
 */
#ifndef IPSTACK_SYSCTL_AGENT_H
#define IPSTACK_SYSCTL_AGENT_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>

#include "sysctl_policy.h"
#include "sysctl_tree.h"

struct context;
struct sysctl_ns;

/*
 * The tunables of `c` read afresh from inside its namespace, or with
 * `names` (NULL-terminated) those whose last path component is listed:
 * `fn` for each.  A pass goes in slices: it starts at entry *next (0: the
 * first; the entries are looked for again then), reads `max` entries at
 * most (0: no limit) and leaves *next where the following slice starts,
 * 0 once the last entry was read.  false, reading nothing, while a SET is
 * between its phases or when the namespace cannot be entered.
 */
typedef void (*sysctl_each_fn)(void *ctx, const char *path, const char *text);
bool sysctl_agent_read_each(struct context *c, const char *const *names, size_t *next, size_t max,
			    sysctl_each_fn fn, void *ctx);

/*
 * writeAllow/writeDeny and persistSets (NULL: none): the settings' own,
 * kept until the next call.
 */
void sysctl_agent_configure(const struct sysctl_policy *policy, const char *persist_file);
/* Interfaces came or went: the default context's conf/ and neigh/ entries
 * are discovered again (other namespaces' at their next request). */
void sysctl_agent_mark_stale(void);
/*
 * The tunables of context `c`, read and written from inside its namespace
 * (the proc root of context_config()).  NULL when out of memory.  Nothing
 * is read before the first request.
 */
struct sysctl_ns *sysctl_ns_new(const struct context *c);
void sysctl_ns_free(struct sysctl_ns *ns);
/* New settings: the entries are discovered again. */
void sysctl_ns_configure(struct sysctl_ns *ns);

/* ipstackSysctlTable in context `c`, into c->regs. */
void sysctl_agent_register(struct context *c, int priority);
void sysctl_agent_shutdown(void);

/*
 * Writes committed, write attempts refused, and of those the writes the
 * running kernel refused though the model accepted them, since start.
 */
void sysctl_agent_counts(unsigned long *committed, unsigned long *refused,
			 unsigned long *kernel_refused);

/*
 * An integer object of a standard MIB that a tunable backs: what one
 * varbind writes, as a target function tells it.
 */
enum sysctl_map {
	SYSCTL_MAP_AS_IS, /* the integer itself */
	SYSCTL_MAP_TRUTH, /* 1 writes 1, 2 writes 0 (forwarding(1)) */
	SYSCTL_MAP_FALSEHOOD, /* 1 writes 0, 2 writes 1 (up(1) to disable_ipv6) */
};

struct sysctl_target {
	char name[64]; /* the object, for log lines */
	char path[SYSCTL_PATH_MAX + 1]; /* the tunable (sysctl_tree.h's path) */
	enum sysctl_map map;
	const char *one, *two; /* the names of 1 and 2, for log lines */
	const char *refusal; /* non-NULL: refused, for this reason ... */
	int refusal_status; /* ... with this status */
};

/* Fill `t` for varbind `vb` (called in RESERVE1 only). */
typedef void (*sysctl_target_fn)(const netsnmp_variable_list *vb, struct sysctl_target *t,
				 void *ctx);

/*
 * A SET of such objects in context `c`, every phase: the checks, the
 * policy, the kernel's verdict, the undo journal and the log lines of the
 * tunables' own SETs.
 */
void sysctl_agent_integer_set(struct context *c, netsnmp_agent_request_info *reqinfo,
			      netsnmp_request_info *requests, sysctl_target_fn target, void *ctx);

/* The IP-MIB scalars whose row names a tunable (mib_objects.c) take SETs here. */
void sysctl_agent_scalar_set(struct context *c, netsnmp_agent_request_info *reqinfo,
			     netsnmp_request_info *requests);

#endif
