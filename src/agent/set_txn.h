/*
 * The SET transactions in progress, shared by every handler that takes
 * SETs (the tunables and deleteTCB): a SET's phases arrive as separate
 * AgentX messages, and nothing may change under it between them (a reload
 * waits until no transaction is open), while one that the master abandons
 * is dropped after REQUEST_MAX_MS.
 */
#ifndef IPSTACK_SET_TXN_H
#define IPSTACK_SET_TXN_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>

#include "sysctl_txn.h"

/*
 * At the start of each SET phase: RESERVE1 opens the request's
 * transaction, later phases find it.  NULL when RESERVE1 finds
 * SYSCTL_TXN_MAX open, or a later phase finds none (already ended).
 */
struct sysctl_txn *set_txn_track(netsnmp_agent_request_info *reqinfo);
/*
 * After a phase: COMMIT, UNDO and FREE end the transaction.  Its journal
 * stays until the main loop asks set_txn_in_progress(), since several
 * handlers may still run the same phase (the first UNDO undoes it all).
 */
void set_txn_finish(netsnmp_agent_request_info *reqinfo);
/* Between requests: is a SET between its phases?  Frees ended and
 * abandoned transactions first. */
bool set_txn_in_progress(void);
void set_txn_shutdown(void);

#endif
