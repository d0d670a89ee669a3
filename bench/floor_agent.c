/*
 * The benchmark's floor: the cheapest AgentX subagent possible, answering
 * N rows below 1.3.6.1.4.1.8072.9999.9999.2 by arithmetic.  A walk of it
 * costs what the master and the AgentX exchange cost, and nothing else.
 *
 * Usage: floor-agent SOCKET ROWS
 *
 * Built with -DFLOOR_MODULE -shared it is the in-process floor instead: a
 * dlmod module (dlmod floor_agent PATH) answering $FLOOR_ROWS objects from
 * inside snmpd, the cost of snmpd's own request path alone.
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <signal.h>
#include <stdlib.h>

static const oid base[] = { 1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 2 };
#define BASE_LEN (sizeof(base) / sizeof(base[0]))
static long rows;
static volatile sig_atomic_t stop;

static void answer(netsnmp_variable_list *vb, long i)
{
	oid name[BASE_LEN + 1];

	memcpy(name, base, sizeof(base));
	name[BASE_LEN] = (oid)i;
	snmp_set_var_objid(vb, name, BASE_LEN + 1);
	snmp_set_var_typed_value(vb, ASN_INTEGER, &i, sizeof(i));
}

static int handler(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
		   netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	(void)h, (void)reg;
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		netsnmp_variable_list *vb = r->requestvb;
		long i = 1;

		if (reqinfo->mode == MODE_GET) {
			if (vb->name_length == BASE_LEN + 1 && vb->name[BASE_LEN] >= 1 &&
			    (long)vb->name[BASE_LEN] <= rows)
				answer(vb, (long)vb->name[BASE_LEN]);
			else
				netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHINSTANCE);
			continue;
		}
		if (snmp_oid_compare(vb->name, vb->name_length, base, BASE_LEN) > 0)
			i = (long)vb->name[BASE_LEN] +
				(vb->name_length > BASE_LEN + 1 || !r->inclusive);
		if (i <= rows)
			answer(vb, i);
	}
	return SNMP_ERR_NOERROR;
}

#ifdef FLOOR_MODULE
void init_floor_agent(void);
void deinit_floor_agent(void);

void init_floor_agent(void)
{
	const char *n = getenv("FLOOR_ROWS");

	rows = n ? atol(n) : 0;
	netsnmp_register_handler(netsnmp_create_handler_registration("floor", handler, base,
								     BASE_LEN, HANDLER_CAN_RONLY));
}

void deinit_floor_agent(void)
{
	unregister_mib((oid *)base, BASE_LEN);
}
#else
static void on_signal(int sig)
{
	stop = sig;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: floor-agent SOCKET ROWS\n");
		return 2;
	}
	rows = atol(argv[2]);
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
	netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET, argv[1]);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
	setenv("MIBS", "", 1);
	snmp_enable_stderrlog();
	init_agent("floor-agent");
	netsnmp_register_handler(netsnmp_create_handler_registration("floor", handler, base,
								     BASE_LEN, HANDLER_CAN_RONLY));
	init_snmp("floor-agent");
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	while (!stop)
		agent_check_and_process(1);
	snmp_shutdown("floor-agent");
	return 0;
}
#endif
