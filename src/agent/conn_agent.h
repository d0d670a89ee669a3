/*
 * SNMP access to the connection tables (TCP-MIB tcpConnectionTable,
 * tcpListenerTable, tcpConnTable; UDP-MIB udpEndpointTable, udpTable) and
 * deleteTCB on tcpConnectionState / tcpConnState.
 */
#ifndef IPSTACK_CONN_AGENT_H
#define IPSTACK_CONN_AGENT_H

#include <stdbool.h>

/* What the connection tables need of the configuration. */
struct conn_agent_config {
	const char *proc_root; /* copied: where /proc/<pid>/fd is */
	unsigned cache_ms; /* cacheLifetime */
	bool allow_delete_tcb; /* allowDeleteTcb */
};

/* At start and on SIGHUP (between requests). */
void conn_agent_configure(const struct conn_agent_config *c);
/* One region per column (the ipv4 rows of the RFC 4022/4113 tables). */
void conn_agent_register(int priority);
void conn_agent_shutdown(void);

#endif
