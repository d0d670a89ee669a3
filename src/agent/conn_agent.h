/*
 * SNMP access to the connection tables (TCP-MIB tcpConnectionTable,
 * tcpListenerTable, tcpConnTable; UDP-MIB udpEndpointTable, udpTable) and
 * deleteTCB on tcpConnectionState / tcpConnState.
 */
#ifndef IPSTACK_CONN_AGENT_H
#define IPSTACK_CONN_AGENT_H

#include <stdbool.h>
#include <stdint.h>

#include "registrations.h"

/* What the connection tables need of the configuration. */
struct conn_agent_config {
	const char *proc_root; /* copied: where /proc/<pid>/fd is */
	unsigned cache_ms; /* cacheLifetime */
	bool allow_delete_tcb; /* allowDeleteTcb */
};

/* At start and on SIGHUP (between requests). */
void conn_agent_configure(const struct conn_agent_config *c);
/*
 * The rows of one network namespace: `netns_fd` -1 is the daemon's own;
 * `context` (copied) names it in log lines.  NULL when out of memory.
 */
struct conn_state *conn_state_new(const char *context, int netns_fd);
void conn_state_free(struct conn_state *st);
/*
 * Free the rows read so far, unless they are in use: asked since
 * `since_ms`, a build running, or requests waiting for one.  The next
 * request reads anew.  Returns whether they were released.
 */
bool conn_state_release_idle(struct conn_state *st, uint64_t since_ms);

/*
 * One region per table, in `st`'s context (NULL: the daemon's own
 * namespace, in the default context), remembered in `regs`.
 */
void conn_agent_register(struct conn_state *st, struct reg_list *regs, int priority);
/* Wait for `st`'s background build (NULL: the default context's) and take its rows. */
void conn_state_join(struct conn_state *st);
void conn_agent_shutdown(void);

#endif
