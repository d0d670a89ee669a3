/* net-snmp beyond its documented agent API (see netsnmp_internals.h). */
#include "netsnmp_internals.h"

#include <net-snmp/agent/agent_callbacks.h>

#include <stdio.h>
#include <string.h>

const struct request_key *ns_request_key(const netsnmp_agent_request_info *reqinfo,
					 struct request_key *buf)
{
	if (!reqinfo->asp || !reqinfo->asp->pdu)
		return NULL;
	buf->session = reqinfo->asp->pdu->sessid;
	buf->transaction = reqinfo->asp->pdu->transid;
	return buf;
}

void ns_bulk_to_next_answered(netsnmp_request_info *requests)
{
	netsnmp_bulk_to_next_fix_requests(requests);
}

void ns_unregister(netsnmp_handler_registration *reg)
{
	oid name[MAX_OID_LEN];
	char context[64] = "";
	size_t len = reg->rootoid_len < MAX_OID_LEN ? reg->rootoid_len : MAX_OID_LEN;

	memcpy(name, reg->rootoid, len * sizeof(oid));
	if (reg->contextName)
		snprintf(context, sizeof(context), "%s", reg->contextName);
	unregister_mib_context(name, len, reg->priority, reg->range_subid, reg->range_ubound,
			       reg->contextName ? context : NULL);
}

bool ns_registered_by_another(const oid *name, size_t len, const char *handler_name,
			      Netsnmp_Node_Handler *ours)
{
	netsnmp_subtree *t = netsnmp_subtree_find(name, len, NULL, "");
	const netsnmp_handler_registration *r = t ? t->reginfo : NULL;

	return r && r->handlerName && !strcmp(r->handlerName, handler_name) && r->handler &&
		r->handler->access_method != ours;
}

static int registration_muted(int major, int minor, void *serverarg, void *clientarg)
{
	(void)major, (void)minor, (void)serverarg, (void)clientarg;
	return SNMPERR_SUCCESS;
}

#define MUTED_MAX 8

void ns_open_context_quietly(const char *context)
{
	static const oid ccitt[] = { 0 };
	struct snmp_gen_callback *list, *cb;
	SNMPCallback *saved[MUTED_MAX];
	size_t n = 0;

	if (!*context || netsnmp_subtree_find_first(context))
		return;
	list = snmp_callback_list(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_REGISTER_OID);
	for (cb = list; cb && n < MUTED_MAX; cb = cb->next, n++) {
		saved[n] = cb->sc_callback;
		cb->sc_callback = registration_muted;
	}
	/* creates the context with its three null regions; this one at 0 is
	 * then a local duplicate, and net-snmp frees it */
	netsnmp_register_null_context(snmp_duplicate_objid(ccitt, 1), 1, context);
	for (cb = list, n = 0; cb && n < MUTED_MAX; cb = cb->next, n++)
		cb->sc_callback = saved[n];
}

/* A piece of a split region that does not start at the region's own OID. */
static void skip_if_later_piece(netsnmp_subtree *s)
{
	if (snmp_oid_compare(s->start_a, s->start_len, s->name_a, s->namelen) != 0)
		s->flags |= SUBTREE_ATTACHED;
}

void ns_register_each_region_once(void)
{
	for (subtree_context_cache *c = get_top_context_cache(); c; c = c->next)
		for (netsnmp_subtree *s = c->first_subtree; s; s = s->next)
			for (netsnmp_subtree *t = s; t; t = t->children)
				skip_if_later_piece(t);
}

long ns_refused_registration(const char *msg)
{
	long code;

	if (msg && sscanf(msg, "registering pdu failed: %ld", &code) == 1)
		return code;
	return -1;
}

typedef int (*session_fn)(int op, netsnmp_session *s, int reqid, netsnmp_pdu *pdu, void *magic);

static netsnmp_session *wrapped;
static session_fn agentx_handler; /* net-snmp's, which ours wraps */
static ns_agentx_watch_fn watcher;

static int watch(int op, netsnmp_session *s, int reqid, netsnmp_pdu *pdu, void *magic)
{
	if (op == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE && pdu && s == wrapped && !watcher(s, pdu))
		return 1;
	return agentx_handler(op, s, reqid, pdu, magic);
}

void ns_agentx_wrap(netsnmp_session *s, ns_agentx_watch_fn fn)
{
	wrapped = s;
	watcher = fn;
	if (s && s->callback != watch) {
		agentx_handler = s->callback;
		s->callback = watch;
	}
}

void ns_agentx_cleanup_for_master(netsnmp_session *s, long session, long transaction)
{
	netsnmp_pdu *pdu = snmp_pdu_create(NS_AGENTX_CLEANUPSET);

	if (!pdu || !agentx_handler) {
		snmp_free_pdu(pdu);
		return;
	}
	pdu->version = s->version;
	pdu->sessid = session;
	pdu->transid = transaction;
	agentx_handler(NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE, s, 0, pdu, NULL);
	snmp_free_pdu(pdu);
}
