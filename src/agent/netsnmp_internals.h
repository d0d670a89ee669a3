/*
 * Every use of net-snmp beyond its documented agent API, in one place.
 * Each was checked against net-snmp 5.9.3 (Debian 12's libsnmp40), and
 * each names the test that fails if that behaviour changes.  Nothing else
 * of ours touches net-snmp's registry, its PDU structures or its AgentX
 * internals.
 */
#ifndef IPSTACK_NETSNMP_INTERNALS_H
#define IPSTACK_NETSNMP_INTERNALS_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>

#include "cache_rule.h"

/*
 * The key of "one request, one snapshot": the session and transaction ids
 * of the request's PDU (every AgentX message of one manager request
 * carries the same).  NULL when the request has no PDU.
 * Test: check_handlers.c (one snapshot per transaction).
 */
const struct request_key *ns_request_key(const netsnmp_agent_request_info *reqinfo,
					 struct request_key *buf);

/*
 * A GETBULK through net-snmp's bulk-to-next helper, answered late (after a
 * wait): the helper's step that moves each request on to its next
 * repetition, taken as the helper would have.
 * Test: refresh.sh (a waiting bulk walk returns every row once).
 */
void ns_bulk_to_next_answered(netsnmp_request_info *requests);

/*
 * Unregister a handler registration.  net-snmp passes the registration's
 * own OID and context name on to unregister_mib_context(), which frees the
 * pieces of a split region (ours nest) while it still reads both: so they
 * are copied first.  Test: contexts.sh under ASan.
 */
void ns_unregister(netsnmp_handler_registration *reg);

/*
 * Whether the default context's registry holds `name` registered by a
 * handler called `handler_name` whose access function is not `ours` (inside
 * snmpd: another copy of our module).  Test: dlmod.sh (hand-over).
 */
bool ns_registered_by_another(const oid *name, size_t len, const char *handler_name,
			      Netsnmp_Node_Handler *ours);

/*
 * A context new to the registry first gets null regions at 0, 1 and 2,
 * which a subagent sends to the master like any registration; the master
 * has its own there.  Create the context with the registration callbacks
 * muted, so that the master hears of our regions only.
 * Test: contexts.sh (no registration refused).
 */
void ns_open_context_quietly(const char *context);

/*
 * Our regions nest (ip 4 holds ipForwarding 4.1 ...), and the registry
 * splits an outer region into pieces around the inner ones; on a
 * reconnection the subagent re-registers every piece under the region's
 * own OID, so all but the first would be refused as duplicates.  Mark the
 * later pieces attached before it does.  Test: reconnect.sh.
 */
void ns_register_each_region_once(void);

/*
 * net-snmp's AgentX client reports a refused Register PDU only as a log
 * line, "registering pdu failed: CODE!": the code, or -1 when `msg` is no
 * such line.  Test: dlmod.sh (the daemon beside the module exits 1).
 */
long ns_refused_registration(const char *msg);

/*
 * The AgentX session's packet handler, wrapped: `watch` sees every packet
 * first (returns true to let net-snmp's handler have it).  And a
 * CleanupSet for `session`/`transaction` handed to net-snmp's handler as if
 * the master had sent it.  Tests: abandon.sh, hostile.sh.
 */
typedef bool (*ns_agentx_watch_fn)(netsnmp_session *s, netsnmp_pdu *pdu);
void ns_agentx_wrap(netsnmp_session *s, ns_agentx_watch_fn watch);
void ns_agentx_cleanup_for_master(netsnmp_session *s, long session, long transaction);
/* RFC 2741's PDU types, as net-snmp's AgentX parser leaves them. */
enum {
	NS_AGENTX_TESTSET = 8,
	NS_AGENTX_UNDOSET = 10,
	NS_AGENTX_CLEANUPSET = 11,
	NS_AGENTX_RESPONSE = 18
};

#endif
