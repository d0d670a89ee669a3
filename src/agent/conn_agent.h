/*
 * deleteTCB: a SET of tcpConnectionState or tcpConnState to deleteTCB(12)
 * destroys the named connection (SOCK_DESTROY, in the context's
 * namespace), when allowDeleteTcb allows it.  The tables themselves are the
 * engine's (conn_source.c, table_handler.c).
 */
#ifndef IPSTACK_CONN_AGENT_H
#define IPSTACK_CONN_AGENT_H

#include <stdbool.h>

#include "table_handler.h"

/* allowDeleteTcb, at start and on SIGHUP. */
void conn_agent_configure(bool allow_delete_tcb);
/* The connection tables' SET handler (table_set_handler_fn). */
void conn_agent_set(struct context *c, const struct table_region *region,
		    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests);

#endif
