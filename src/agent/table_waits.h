/*
 * Requests that wait for a build of the table engine (table_set.h): the
 * handler hands them back to net-snmp as delegated, so that snmpd (with the
 * module) or the daemon answers everything else meanwhile, and answers
 * them from the main loop when the engine's wake descriptor fires: every
 * finished build is taken then, and every waiting request tried again.
 * Nothing polls on a timer.
 */
#ifndef IPSTACK_TABLE_WAITS_H
#define IPSTACK_TABLE_WAITS_H

#include <stdbool.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

struct context;

/*
 * Answer the requests now and return true, or return false (having
 * answered none) to be tried again at the next wake.  A retry sees the mode
 * the handler was first called with (MODE_GETNEXT for a GETBULK through
 * net-snmp's bulk-to-next helper).
 */
typedef bool (*table_retry_fn)(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
			       netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests);

/*
 * Mark `requests` delegated and try `retry` at each wake until it answers;
 * they wait for context `owner`'s rows.  False when nothing could be set
 * up: the caller must answer now.
 */
bool table_waits_add(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
		     netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests,
		     table_retry_fn retry, struct context *owner);
/* Whether requests wait for `owner`'s rows. */
bool table_waits_pending(const struct context *owner);
/* `owner` goes away: its waiting requests end with genErr (NULL: all). */
void table_waits_drop(const struct context *owner);

/* Watch the engine's wake descriptor from the main loop (ours or snmpd's). */
bool table_waits_start(void);
/* Stop watching; every waiting request ends (genErr). */
void table_waits_stop(void);
/* One wake: take the finished builds, answer what can be answered. */
void table_waits_wake(void);

#endif
