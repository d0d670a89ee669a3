/*
 * Bulk-walk latency of a subtree: N walks (SNMPv2c GETBULK with
 * snmpbulkwalk's default of 10 repetitions, or REPS, until the subtree ends), each timed from its first request
 * to its last answer on a monotonic clock, with PAUSE_MS between walks.
 * Prints "median p90" in microseconds.  One process for all walks, so
 * process start-up (which dominates a loop of snmpbulkwalk runs) is not
 * measured.
 *
 * Usage: walk-latency HOST:PORT OID COUNT PAUSE_MS [REPS]
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdlib.h>
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

/* One walk of `root`; the varbinds it returned, or -1 on any error. */
static long repetitions = 10;

static long one_walk(netsnmp_session *ss, const oid *root, size_t root_len)
{
	oid name[MAX_OID_LEN];
	size_t len = root_len;
	long got = 0;

	memcpy(name, root, root_len * sizeof(oid));
	for (;;) {
		netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GETBULK), *resp = NULL;
		netsnmp_variable_list *vb;

		pdu->non_repeaters = 0;
		pdu->max_repetitions = repetitions;
		snmp_add_null_var(pdu, name, len);
		if (snmp_synch_response(ss, pdu, &resp) != STAT_SUCCESS || !resp ||
		    resp->errstat != SNMP_ERR_NOERROR) {
			if (resp)
				snmp_free_pdu(resp);
			return -1;
		}
		for (vb = resp->variables; vb; vb = vb->next_variable) {
			if (vb->type == SNMP_ENDOFMIBVIEW ||
			    snmp_oidtree_compare(root, root_len, vb->name, vb->name_length) != 0) {
				snmp_free_pdu(resp);
				return got;
			}
			memcpy(name, vb->name, vb->name_length * sizeof(oid));
			len = vb->name_length;
			got++;
		}
		snmp_free_pdu(resp);
	}
}

int main(int argc, char **argv)
{
	netsnmp_session base, *ss;
	oid root[MAX_OID_LEN];
	size_t len = MAX_OID_LEN;
	long count, pause_ms;
	double *us;

	if (argc < 5 || argc > 6 || (count = atol(argv[3])) < 1 || (pause_ms = atol(argv[4])) < 0 ||
	    (argc == 6 && (repetitions = atol(argv[5])) < 1)) {
		fprintf(stderr, "usage: walk-latency HOST:PORT OID COUNT PAUSE_MS [REPS]\n");
		return 2;
	}
	setenv("MIBS", "", 1);
	init_snmp("walk-latency");
	if (!read_objid(argv[2], root, &len)) {
		fprintf(stderr, "walk-latency: bad OID %s\n", argv[2]);
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
		snmp_perror("walk-latency");
		return 1;
	}
	us = calloc((size_t)count, sizeof(*us));
	for (long i = 0; i < count; i++) {
		struct timespec pause = { pause_ms / 1000, (pause_ms % 1000) * 1000000 };
		double t0;

		nanosleep(&pause, NULL);
		t0 = now_us();
		if (one_walk(ss, root, len) < 0) {
			fprintf(stderr, "walk-latency: walk %ld of %s failed\n", i + 1, argv[2]);
			return 1;
		}
		us[i] = now_us() - t0;
	}
	qsort(us, (size_t)count, sizeof(*us), by_value);
	printf("%.0f %.0f\n", us[count / 2], us[(count * 9 + 9) / 10 - 1]);
	free(us);
	snmp_close(ss);
	snmp_shutdown("walk-latency");
	return 0;
}
