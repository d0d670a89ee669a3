/* SET transactions at the AgentX level (see agentx_sets.h). */
#include "agentx_sets.h"

#include "counter_store.h"
#include "log.h"

/* RFC 2741's PDU types, as net-snmp's AgentX parser leaves them in pdu->command. */
enum { AGENTX_TESTSET = 8, AGENTX_UNDOSET = 10, AGENTX_CLEANUPSET = 11, AGENTX_RESPONSE = 18 };

typedef int (*session_fn)(int op, netsnmp_session *s, int reqid, netsnmp_pdu *pdu, void *magic);

static struct {
	long session; /* the master's session id */
	long transaction;
	uint64_t since_ms;
	bool open;
} sets[AGENTX_SETS_MAX];

static netsnmp_session *master;
static session_fn agentx_handler; /* net-snmp's, which ours wraps */
static unsigned long abandoned, refused;

/* Logged at 1, 2, 4, 8 ...: a master that abandons everything cannot flood the log. */
static bool worth_a_line(unsigned long count)
{
	return !(count & (count - 1));
}

/* Hand net-snmp a CleanupSet for slot i, as if the master had sent it. */
static void end_for_master(size_t i)
{
	netsnmp_pdu *pdu = snmp_pdu_create(AGENTX_CLEANUPSET);

	sets[i].open = false;
	if (worth_a_line(++abandoned))
		log_warnx("SET transaction %ld abandoned by the master: cleaned up for it "
			  "(%lu so far)",
			  sets[i].transaction, abandoned);
	if (!pdu)
		return;
	pdu->version = master->version;
	pdu->sessid = sets[i].session;
	pdu->transid = sets[i].transaction;
	agentx_handler(NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE, master, 0, pdu, NULL);
	snmp_free_pdu(pdu);
}

/* Track a TestSet; false when AGENTX_SETS_MAX are open already. */
static bool track(const netsnmp_pdu *pdu)
{
	for (size_t i = 0; i < AGENTX_SETS_MAX; i++) {
		if (!sets[i].open) {
			sets[i].session = pdu->sessid;
			sets[i].transaction = pdu->transid;
			sets[i].since_ms = monotonic_ms();
			sets[i].open = true;
			return true;
		}
	}
	return false;
}

/* Answer a TestSet resourceUnavailable ourselves: net-snmp never sees it. */
static void refuse(netsnmp_session *s, const netsnmp_pdu *pdu)
{
	netsnmp_pdu *r = snmp_clone_pdu((netsnmp_pdu *)pdu);

	if (worth_a_line(++refused))
		log_warnx("SET transaction %ld refused: %d SET transactions are open, none "
			  "finished by the master (%lu refused so far)",
			  pdu->transid, AGENTX_SETS_MAX, refused);
	if (!r)
		return;
	r->command = AGENTX_RESPONSE;
	r->errstat = SNMP_ERR_RESOURCEUNAVAILABLE;
	r->errindex = 0;
	snmp_free_varbind(r->variables);
	r->variables = NULL;
	if (!snmp_send(s, r))
		snmp_free_pdu(r);
}

static void untrack(const netsnmp_pdu *pdu)
{
	for (size_t i = 0; i < AGENTX_SETS_MAX; i++)
		if (sets[i].open && sets[i].transaction == pdu->transid &&
		    sets[i].session == pdu->sessid)
			sets[i].open = false;
}

static int watch(int op, netsnmp_session *s, int reqid, netsnmp_pdu *pdu, void *magic)
{
	if (op == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE && pdu && s == master) {
		if (pdu->command == AGENTX_TESTSET) {
			agentx_sets_expire();
			if (!track(pdu)) {
				refuse(s, pdu);
				return 1;
			}
		} else if (pdu->command == AGENTX_UNDOSET || pdu->command == AGENTX_CLEANUPSET) {
			untrack(pdu);
		}
	}
	return agentx_handler(op, s, reqid, pdu, magic);
}

void agentx_sets_detach(void)
{
	/* What net-snmp kept for this session's open SETs, it keeps: it never
	 * looks at them again.  At most AGENTX_SETS_MAX per lost master. */
	for (size_t i = 0; i < AGENTX_SETS_MAX; i++)
		sets[i].open = false;
	master = NULL;
}

void agentx_sets_attach(netsnmp_session *s)
{
	agentx_sets_detach();
	master = s;
	if (s && s->callback != watch) {
		agentx_handler = s->callback;
		s->callback = watch;
	}
}

void agentx_sets_expire(void)
{
	uint64_t now = monotonic_ms();

	if (!master || !agentx_handler)
		return;
	for (size_t i = 0; i < AGENTX_SETS_MAX; i++)
		if (sets[i].open && now - sets[i].since_ms > REQUEST_MAX_MS)
			end_for_master(i);
}
