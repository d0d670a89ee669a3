/*
 * Requests that wait without blocking: a handler whose answer needs work
 * still running in another thread (a connection-table build) hands the
 * request back to net-snmp as delegated, and answers it later from the
 * main loop.  Meanwhile snmpd (with the module) or the daemon answers
 * everything else.
 */
#ifndef IPSTACK_DELEGATED_WAIT_H
#define IPSTACK_DELEGATED_WAIT_H

#include <stdbool.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

/* How often a waiting request is tried again. */
#define DELEGATED_RETRY_MS 5

/*
 * Answer the requests now and return true, or return false (having
 * answered none) to be tried again later.  A retry sees the mode the
 * handler was first called with (MODE_GETNEXT for a GETBULK through
 * net-snmp's bulk-to-next helper).
 */
typedef bool (*delegated_retry_fn)(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
				   netsnmp_agent_request_info *reqinfo,
				   netsnmp_request_info *requests);

/*
 * Mark `requests` delegated and try `retry` every DELEGATED_RETRY_MS until
 * it answers; `owner` names who answers (delegated_wait_drop).  False when
 * nothing could be set up: the caller must answer now.
 */
bool delegated_wait(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
		    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests,
		    delegated_retry_fn retry, void *owner);

/* Whether requests of `owner` are waiting. */
bool delegated_wait_pending(const void *owner);

/* `owner` goes away: its waiting requests end with genErr (NULL: all). */
void delegated_wait_drop(void *owner);

#endif
