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

#include "registrations.h"
#include "sysctl_policy.h"

/* What the tunables need of the configuration. */
struct sysctl_agent_config {
	const char *proc_root; /* copied */
	unsigned cache_ms; /* cacheLifetime */
	const struct sysctl_policy *policy; /* writeAllow/writeDeny: kept, until the next call */
};

/* `written(ctx)` runs after every committed or undone write (to drop caches). */
void sysctl_agent_init(const struct sysctl_agent_config *c, void (*written)(void *ctx), void *ctx);
/* New settings (SIGHUP, between requests): entries are discovered again. */
void sysctl_agent_configure(const struct sysctl_agent_config *c);
/* Interfaces came or went: discover the conf/ and neigh/ entries again. */
void sysctl_agent_mark_stale(void);
/*
 * The tunables of another network namespace, for SNMP context `context`
 * (copied): read and written from inside `netns_fd`.  NULL when out of
 * memory.  Nothing is read before the first request.
 */
struct sysctl_ns *sysctl_ns_new(const char *context, int netns_fd, void (*written)(void *ctx),
				void *ctx);
void sysctl_ns_free(struct sysctl_ns *ns);
/* After sysctl_agent_configure(): `ns`'s entries are discovered again. */
void sysctl_ns_reconfigure(struct sysctl_ns *ns);

/* ipstackSysctlTable in `ns`'s context (NULL: the default), remembered in `regs`. */
void sysctl_agent_register(struct sysctl_ns *ns, struct reg_list *regs, int priority);
void sysctl_agent_shutdown(void);

/*
 * Writes committed, write attempts refused, and of those the writes the
 * running kernel refused though the model accepted them, since start.
 */
void sysctl_agent_counts(unsigned long *committed, unsigned long *refused,
			 unsigned long *kernel_refused);

/* The IP-MIB scalars whose row names a tunable (mib_objects.c) take SETs here (`ns` NULL: the default context). */
void sysctl_agent_scalar_set(struct sysctl_ns *ns, netsnmp_agent_request_info *reqinfo,
			     netsnmp_request_info *requests);

#endif
