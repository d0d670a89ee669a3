/*
 * SETs of the interface tables (ipif_tables.c): ipv6InterfaceEnableStatus
 * and ipv6InterfaceForwarding write the interface's disable_ipv6 and
 * forwarding tunables through the sysctl model (its policy, the kernel's
 * verdict, undo, the log line); every other column is read-only, rows are
 * not created.
 */
#ifndef IPSTACK_IPIF_AGENT_H
#define IPSTACK_IPIF_AGENT_H

#include "table_handler.h"

/* The interface tables' SET handler (table_set_handler_fn). */
void ipif_agent_set(struct context *c, const struct table_region *region,
		    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests);

#endif
