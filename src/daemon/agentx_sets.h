/*
 * SET transactions as the AgentX master runs them, seen at the protocol
 * level: every TestSet opens one in the registry (set_txn.h), UndoSet or
 * CleanupSet ends it.  net-snmp's subagent keeps a copy of each open
 * transaction's request (its own lists, not ours) until the master ends it,
 * so a master that never does would grow the daemon without bound: a
 * TestSet beyond the registry's SET_TXN_MAX is answered resourceUnavailable
 * before net-snmp sees it, and a transaction open longer than a request can
 * last (REQUEST_MAX_MS) is ended for the master: a CleanupSet is handed to
 * net-snmp's own AgentX handler, which runs the cleanup phase (FREE, or
 * COMMIT after ACTION: what was written stays, and is logged) and frees its
 * copies.  Only that old: a younger one may still be between phases inside
 * net-snmp.
 */
#ifndef IPSTACK_AGENTX_SETS_H
#define IPSTACK_AGENTX_SETS_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

/* A new session to the master (SNMPD_CALLBACK_INDEX_START): watch it. */
void agentx_sets_attach(netsnmp_session *master);
/* The session is closing (SNMPD_CALLBACK_INDEX_STOP): forget it. */
void agentx_sets_detach(void);
/* Between requests: end what the master abandoned. */
void agentx_sets_expire(void);

#endif
