/*
 * GET latency of one object: N SNMPv2c GETs, one at a time, each timed
 * from send to answer on a monotonic clock.  Prints "median p99" in
 * microseconds, and the slowest too with "max".  One process for all
 * requests, so process start-up (which dominates a loop of snmpget runs)
 * is not measured.
 *
 * Usage: get-latency HOST:PORT OID COUNT [max]
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One GET; the elapsed microseconds, or a negative number on any error. */
static double one_get(netsnmp_session *ss, const oid *name, size_t len)
{
	netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GET), *resp = NULL;
	double t0, t1;
	int status;

	snmp_add_null_var(pdu, name, len);
	t0 = now_us();
	status = snmp_synch_response(ss, pdu, &resp);
	t1 = now_us();
	if (status != STAT_SUCCESS || !resp || resp->errstat != SNMP_ERR_NOERROR ||
	    !resp->variables || resp->variables->type == SNMP_NOSUCHOBJECT ||
	    resp->variables->type == SNMP_NOSUCHINSTANCE) {
		if (resp)
			snmp_free_pdu(resp);
		return -1;
	}
	snmp_free_pdu(resp);
	return t1 - t0;
}

int main(int argc, char **argv)
{
	netsnmp_session base, *ss;
	oid name[MAX_OID_LEN];
	size_t len = MAX_OID_LEN;
	long count;
	double *us;

	if (argc < 4 || argc > 5 || (count = atol(argv[3])) < 1 ||
	    (argc == 5 && strcmp(argv[4], "max"))) {
		fprintf(stderr, "usage: get-latency HOST:PORT OID COUNT [max]\n");
		return 2;
	}
	setenv("MIBS", "", 1);
	init_snmp("get-latency");
	if (!read_objid(argv[2], name, &len)) {
		fprintf(stderr, "get-latency: bad OID %s\n", argv[2]);
		return 2;
	}
	snmp_sess_init(&base);
	base.peername = argv[1];
	base.version = SNMP_VERSION_2c;
	base.community = (u_char *)"public";
	base.community_len = 6;
	base.timeout = 5000000;
	base.retries = 0;
	if (!(ss = snmp_open(&base))) {
		snmp_perror("get-latency");
		return 1;
	}
	us = calloc((size_t)count, sizeof(*us));
	for (long i = 0; i < count; i++) {
		if ((us[i] = one_get(ss, name, len)) < 0) {
			fprintf(stderr, "get-latency: GET %s failed at request %ld\n", argv[2],
				i + 1);
			return 1;
		}
	}
	qsort(us, (size_t)count, sizeof(*us), by_value);
	printf("%.0f %.0f", us[count / 2], us[(count * 99 + 99) / 100 - 1]);
	if (argc == 5)
		printf(" %.0f", us[count - 1]);
	printf("\n");
	free(us);
	snmp_close(ss);
	snmp_shutdown("get-latency");
	return 0;
}
