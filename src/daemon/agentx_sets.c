/* SET transactions at the AgentX level (see agentx_sets.h). */
#include "agentx_sets.h"

#include "log.h"
#include "netsnmp_internals.h"
#include "set_txn.h"

static netsnmp_session *master;
static unsigned long refused;

/* Logged at 1, 2, 4, 8 ...: a master that refuses to finish cannot flood the log. */
static bool worth_a_line(unsigned long count)
{
	return !(count & (count - 1));
}

static void cleanup_for_master(struct set_txn *t, void *ctx)
{
	(void)ctx;
	if (master)
		ns_agentx_cleanup_for_master(master, t->key.session, t->key.transaction);
}

/* Answer a TestSet resourceUnavailable ourselves: net-snmp never sees it. */
static void refuse(netsnmp_session *s, const netsnmp_pdu *pdu)
{
	netsnmp_pdu *r = snmp_clone_pdu((netsnmp_pdu *)pdu);

	if (worth_a_line(++refused))
		log_warnx("SET transaction %ld refused: %d SET transactions are open, none "
			  "finished by the master (%lu refused so far)",
			  pdu->transid, SET_TXN_MAX, refused);
	if (!r)
		return;
	r->command = NS_AGENTX_RESPONSE;
	r->errstat = SNMP_ERR_RESOURCEUNAVAILABLE;
	r->errindex = 0;
	snmp_free_varbind(r->variables);
	r->variables = NULL;
	if (!snmp_send(s, r))
		snmp_free_pdu(r);
}

/* Every packet from the master, before net-snmp's handler: false keeps it from it. */
static bool watch(netsnmp_session *s, netsnmp_pdu *pdu)
{
	struct request_key key = { pdu->sessid, pdu->transid };
	struct set_txn *t;

	if (pdu->command == NS_AGENTX_TESTSET) {
		agentx_sets_expire();
		if (!set_txn_open(&key, true, monotonic_ms())) {
			refuse(s, pdu);
			return false;
		}
	} else if (pdu->command == NS_AGENTX_UNDOSET || pdu->command == NS_AGENTX_CLEANUPSET) {
		if ((t = set_txn_find(&key)))
			set_txn_master_end(t);
	}
	return true;
}

void agentx_sets_detach(void)
{
	/* What net-snmp kept for this session's open SETs, it keeps: it never
	 * looks at them again.  At most SET_TXN_MAX per lost master. */
	master = NULL;
}

void agentx_sets_attach(netsnmp_session *s)
{
	agentx_sets_detach();
	master = s;
	if (s)
		ns_agentx_wrap(s, watch);
}

void agentx_sets_expire(void)
{
	set_txn_expire(monotonic_ms(), master ? cleanup_for_master : NULL, NULL);
}
