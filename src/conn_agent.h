/*
 * SNMP access to the connection tables (TCP-MIB tcpConnectionTable,
 * tcpListenerTable, tcpConnTable; UDP-MIB udpEndpointTable, udpTable) and
 * deleteTCB on tcpConnectionState / tcpConnState.
 */
#ifndef IPSTACK_CONN_AGENT_H
#define IPSTACK_CONN_AGENT_H

#include "settings.h"

void conn_agent_init(const struct settings *s);
/* One region per column (the ipv4 rows of the RFC 4022/4113 tables). */
void conn_agent_register(int priority);
void conn_agent_shutdown(void);

#endif
