/*
 * libFuzzer target: the SNMP side.  Each input is an SNMP PDU in BER (the
 * part of a message after the community), decoded by net-snmp and handed
 * to net-snmp's agent with our objects registered in it: GET, GETNEXT,
 * GETBULK, and SET either whole (every phase in one go, UNDO after a failed
 * ACTION) or split into the separate phases a subagent receives (RESERVE1,
 * RESERVE2, ACTION, then COMMIT, UNDO or FREE), against a writable fixture
 * tree.  The first input byte picks whole (0) or split (1..3: which last
 * phase).  The connection tables are not registered: they would read, and
 * deleteTCB could destroy, the host's own sockets.  Any crash, overflow,
 * leak or undefined behaviour is a bug.
 *
 * IPSTACK_FUZZ_SEEDS=DIR writes the seed inputs to DIR and exits.
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent_harness.h"
#include "mib_oids.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_VARBINDS 32

static long transaction;

/* Send one PDU; only crashes, leaks and undefined behaviour matter here. */
static void exchange(netsnmp_pdu *pdu)
{
	netsnmp_pdu *answer = harness_exchange(pdu, transaction);

	if (answer && getenv("IPSTACK_FUZZ_VERBOSE")) {
		fprintf(stderr, "answer: errstat %ld\n", answer->errstat);
		for (netsnmp_variable_list *v = answer->variables; v; v = v->next_variable)
			fprint_variable(stderr, v->name, v->name_length, v);
	}
	snmp_free_pdu(answer);
}

/* ---- seeds: the cases of the hostile-input tests ---------------------- */

struct seed_vb {
	const char *oid; /* numeric; "@path" is ipstackSysctlValue of path */
	char type; /* as snmpset's: i, s, x, u ... */
	const char *value;
};

static const struct {
	int command;
	struct seed_vb vb[3];
} seeds[] = {
	{ SNMP_MSG_GET,
	  { { ".1.3.6.1.2.1.4.1.0", 0, 0 },
	    { ".1.3.6.1.2.1.4.2.0", 0, 0 },
	    { ".1.3.6.1.2.1.4.3.0", 0, 0 } } },
	{ SNMP_MSG_GETNEXT,
	  { { ".1.3.6.1.2.1.4", 0, 0 }, { ".1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1", 0, 0 } } },
	{ SNMP_MSG_GETBULK, { { ".1.3.6.1.4.1.8072.9999.9999.1.1.1", 0, 0 } } },
	{ SNMP_MSG_SET, { { ".1.3.6.1.2.1.4.1.0", 'i', "1" } } },
	{ SNMP_MSG_SET, { { ".1.3.6.1.2.1.4.1.0", 'i', "3" } } },
	{ SNMP_MSG_SET, { { ".1.3.6.1.2.1.4.2.0", 'i', "0" } } },
	{ SNMP_MSG_SET, { { ".1.3.6.1.2.1.4.2.0", 's', "64" } } },
	{ SNMP_MSG_SET, { { "@ip_forward", 's', "1" } } },
	{ SNMP_MSG_SET,
	  { { "@conf/lo/forwarding", 's', "0" },
	    { "@ip_forward", 's', "1" },
	    { "@ipfrag_high_thresh", 's', "1" } } },
	{ SNMP_MSG_SET,
	  { { "@ip_local_reserved_ports", 's', "1000" }, { "@ipfrag_high_thresh", 's', "1" } } },
	{ SNMP_MSG_SET, { { "@tcp_syncookies", 's', "999\nSET ip_forward: '0' -> '1'" } } },
	{ SNMP_MSG_SET, { { "@tcp_rmem", 's', "4096 65536 1048576" } } },
	{ SNMP_MSG_SET, { { "@tcp_congestion_control", 's', "bbr" } } },
	{ SNMP_MSG_SET, { { "@conf/default/rp_filter", 's', "1" } } },
	{ SNMP_MSG_SET, { { "@../../../etc/passwd", 's', "x" } } },
	{ SNMP_MSG_SET,
	  { { ".1.3.6.1.4.1.8072.9999.9999.1.1.3.1.1.3.18.116.99.112.95.107.101.101.112.97.108.105.118.101.95.116.105.109.101",
	      'i', "60" } } },
};

static size_t seed_oid(const char *spec, oid *name)
{
	static const oid value_col[] = { MIB_OID_IPSTACK_SYSCTL_ENTRY, 2 };
	size_t len = MAX_OID_LEN, n = sizeof(value_col) / sizeof(value_col[0]);

	if (spec[0] != '@')
		return read_objid(spec, name, &len) ? len : 0;
	memcpy(name, value_col, sizeof(value_col));
	name[n++] = strlen(spec + 1);
	for (const char *c = spec + 1; *c; c++)
		name[n++] = (unsigned char)*c;
	return n;
}

static void write_seed(const char *dir, size_t i, int first, netsnmp_pdu *pdu)
{
	u_char buf[4096];
	size_t left = sizeof(buf);
	u_char *end = snmp_pdu_build(pdu, buf, &left);
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/seed%zu-%d", dir, i, first);
	if (!end || !(f = fopen(path, "w")))
		abort();
	fputc(first, f);
	fwrite(buf, 1, (size_t)(end - buf), f);
	fclose(f);
}

static void write_seeds(const char *dir)
{
	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		netsnmp_pdu *pdu = snmp_pdu_create(seeds[i].command);
		for (size_t k = 0; k < 3 && seeds[i].vb[k].oid; k++) {
			oid name[MAX_OID_LEN];
			size_t len = seed_oid(seeds[i].vb[k].oid, name);
			if (!len)
				abort();
			if (seeds[i].vb[k].type)
				snmp_add_var(pdu, name, len, seeds[i].vb[k].type,
					     seeds[i].vb[k].value);
			else
				snmp_add_null_var(pdu, name, len);
		}
		pdu->version = SNMP_VERSION_2c;
		if (pdu->command == SNMP_MSG_GETBULK)
			pdu->max_repetitions = 20;
		for (int first = 0; first < (pdu->command == SNMP_MSG_SET ? 4 : 1); first++)
			write_seed(dir, i, first, pdu);
		snmp_free_pdu(pdu);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const allow[] = { "*", "*/*/*", NULL };
	const char *fixture = getenv("IPSTACK_FUZZ_FIXTURE");

	(void)argc, (void)argv;
	if (getenv("IPSTACK_FUZZ_SEEDS")) {
		setenv("MIBS", "", 1);
		init_snmp("ipstack-fuzz-seeds");
		write_seeds(getenv("IPSTACK_FUZZ_SEEDS"));
		exit(0);
	}
	/* Not the connection tables: they are the host's own sockets. */
	harness_start(fixture ? fixture : "tests/data/linux-6.18", allow, false);
	atexit(harness_stop);
	return 0;
}

static bool usable(const netsnmp_pdu *pdu)
{
	size_t n = 0;

	switch (pdu->command) {
	case SNMP_MSG_GET:
	case SNMP_MSG_GETNEXT:
	case SNMP_MSG_GETBULK:
	case SNMP_MSG_SET:
		break;
	default:
		return false;
	}
	for (const netsnmp_variable_list *v = pdu->variables; v; v = v->next_variable)
		n++;
	return n && n <= MAX_VARBINDS;
}

/* A SET in the phases a subagent receives, ending with `last`. */
static void split_set(netsnmp_pdu *pdu, int last)
{
	static const int ends[] = { SNMP_MSG_INTERNAL_SET_COMMIT, SNMP_MSG_INTERNAL_SET_UNDO,
				    SNMP_MSG_INTERNAL_SET_FREE };
	const int phases[] = { SNMP_MSG_INTERNAL_SET_RESERVE1, SNMP_MSG_INTERNAL_SET_RESERVE2,
			       SNMP_MSG_INTERNAL_SET_ACTION, ends[last % 3] };

	for (size_t i = 0; i < 4; i++) {
		netsnmp_pdu *p;

		if (ends[last % 3] == SNMP_MSG_INTERNAL_SET_FREE && i == 2)
			continue; /* FREE follows a failed RESERVE: no ACTION before it */
		if (!(p = snmp_clone_pdu(pdu)))
			abort();
		p->command = phases[i];
		exchange(p);
	}
	snmp_free_pdu(pdu);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	netsnmp_pdu *pdu;
	size_t len;
	u_char *copy;

	if (size < 2)
		return 0;
	len = size - 1;
	if (!(copy = malloc(len)) || !(pdu = snmp_pdu_create(SNMP_MSG_GET)))
		abort();
	memcpy(copy, data + 1, len);
	if (snmp_pdu_parse(pdu, copy, &len) != 0 || !usable(pdu)) {
		snmp_free_pdu(pdu);
		free(copy);
		return 0;
	}
	free(copy);
	transaction++;
	if (pdu->command == SNMP_MSG_SET && data[0] % 4)
		split_set(pdu, data[0] % 4 - 1);
	else
		exchange(pdu);
	if (transaction % 64 == 0)
		harness_reset_tunables();
	return 0;
}
