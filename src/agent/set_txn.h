/*
 * The SET transactions in progress: one registry, one bound, one expiry,
 * asked by every layer.  A SET's phases arrive as separate calls (separate
 * AgentX messages for the daemon) and nothing may change under it between
 * them: a reload, or a context's removal, waits until none is open.
 *
 * The daemon's AgentX layer (agentx_sets.c) opens a transaction at the
 * master's TestSet and refuses one beyond SET_TXN_MAX before net-snmp keeps
 * anything of it; inside snmpd, the first handler's RESERVE1 opens it.
 * Either way the handlers of its phases find it, with the tunables' undo
 * journal.  It ends with its last phase (COMMIT, UNDO or FREE) or the
 * master's UndoSet/CleanupSet, and is freed between requests.  One open
 * longer than a request can last (REQUEST_MAX_MS) is abandoned: the AgentX
 * layer ends it for the master, through net-snmp's own handler (what was
 * written stays, and is logged); inside snmpd it is simply forgotten.
 */
#ifndef IPSTACK_SET_TXN_H
#define IPSTACK_SET_TXN_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>

#include "cache_rule.h"
#include "sysctl_txn.h"

/* At most this many SET transactions are open at once. */
#define SET_TXN_MAX 16

struct set_txn {
	bool open;
	struct request_key key;
	uint64_t since_ms;
	bool by_master; /* opened at the master's TestSet (the daemon) */
	bool master_ended; /* its UndoSet or CleanupSet came */
	bool handled; /* a handler's phase ran */
	bool ended; /* a handler's last phase ran */
	struct sysctl_txn journal; /* the tunables' undo journal */
};

/* Open the transaction `key` at `now`; NULL when SET_TXN_MAX are open. */
struct set_txn *set_txn_open(const struct request_key *key, bool by_master, uint64_t now);
struct set_txn *set_txn_find(const struct request_key *key);
/* A handler's last phase ran: freed between requests. */
void set_txn_end(struct set_txn *t);
/*
 * The master's UndoSet or CleanupSet came.  net-snmp's subagent hands that
 * phase to the handlers later, through its internal session: the
 * transaction stays until they ran it (or, if no handler ever had a phase
 * of it, is freed between requests).
 */
void set_txn_master_end(struct set_txn *t);

/*
 * At the start of each SET phase of a handler: RESERVE1 opens the
 * request's transaction (or finds the one the master's TestSet opened),
 * later phases find it.  NULL when RESERVE1 finds SET_TXN_MAX open (logged),
 * or a later phase finds none (already ended).
 */
struct set_txn *set_txn_track(netsnmp_agent_request_info *reqinfo);
/* After a phase: COMMIT, UNDO and FREE end the transaction. */
void set_txn_finish(netsnmp_agent_request_info *reqinfo);

/* Between requests: free the transactions that are over. */
void set_txn_reap(void);
/*
 * Between requests: pass each transaction open longer than REQUEST_MAX_MS
 * and opened by the master to `abandoned` (which ends it for the master),
 * forget the others that old, then reap.  Returns how many were abandoned.
 */
typedef void (*set_txn_abandoned_fn)(struct set_txn *t, void *ctx);
unsigned set_txn_expire(uint64_t now, set_txn_abandoned_fn abandoned, void *ctx);
/* Whether a SET is between its phases. */
bool set_txn_in_progress(void);
void set_txn_shutdown(void);

#endif
