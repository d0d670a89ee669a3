/*
 * The key of "one request, one snapshot": the AgentX session and
 * transaction a handler call belongs to (every AgentX message of one
 * manager request carries the same transaction id).
 */
#ifndef IPSTACK_REQUEST_TXN_H
#define IPSTACK_REQUEST_TXN_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "counter_store.h"

/* Fill `buf` from the request; NULL when the request carries no PDU. */
static inline const struct request_key *request_txn(const netsnmp_agent_request_info *reqinfo,
						    struct request_key *buf)
{
	if (!reqinfo->asp || !reqinfo->asp->pdu)
		return NULL;
	buf->session = reqinfo->asp->pdu->sessid;
	buf->transaction = reqinfo->asp->pdu->transid;
	return buf;
}

#endif
