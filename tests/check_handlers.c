/*
 * Our SNMP handlers driven by hand-built requests through net-snmp's own
 * agent (agent_harness.c), against a writable copy of the linux-6.18
 * fixture: GET and GETNEXT of the scalars and of ipstackSysctlTable, and
 * SETs whole (all phases in one request) or phase by phase as a subagent
 * receives them (RESERVE1, RESERVE2, ACTION, then COMMIT, UNDO or FREE),
 * with golden values.
 */
#include "unit.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "agent_harness.h"
#include "mib_oids.h"
#include "set_txn.h"

static long transaction;

static const char *const allow[] = {
	"tcp_syncookies",    "tcp_keepalive_time",	  "ip_local_reserved_ports",
	"conf/*/forwarding", "conf/all/accept_redirects", NULL
};

static void start(void)
{
	harness_start(test_data("linux-6.18"), allow, true);
}

static void reset(void)
{
	harness_reset_tunables();
}

/* ipstackSysctlEntry.col.<path> */
static size_t sysctl_oid(int col, const char *path, oid *out)
{
	static const oid entry[] = { MIB_OID_IPSTACK_SYSCTL_ENTRY };
	size_t n = sizeof(entry) / sizeof(entry[0]);

	memcpy(out, entry, sizeof(entry));
	out[n++] = (oid)col;
	out[n++] = strlen(path);
	for (const char *c = path; *c; c++)
		out[n++] = (unsigned char)*c;
	return n;
}

/* One varbind: a table value (path) or a scalar (oid, len). */
struct vb {
	const char *path; /* ipstackSysctlValue of this entry, or NULL */
	oid name[32];
	size_t len;
	char type; /* 0 for a GET; else as snmpset: 'i', 's' */
	const char *value;
};

static netsnmp_pdu *build(int command, const struct vb *vbs, size_t n)
{
	netsnmp_pdu *pdu = snmp_pdu_create(command);

	for (size_t i = 0; i < n; i++) {
		oid name[MAX_OID_LEN];
		size_t len = vbs[i].path ? sysctl_oid(2, vbs[i].path, name) : vbs[i].len;

		if (!vbs[i].path)
			memcpy(name, vbs[i].name, len * sizeof(oid));
		if (vbs[i].type)
			ck_assert_int_eq(snmp_add_var(pdu, name, len, vbs[i].type, vbs[i].value),
					 0);
		else
			snmp_add_null_var(pdu, name, len);
	}
	return pdu;
}

/* A whole request; returns the response's error status. */
static long request(int command, const struct vb *vbs, size_t n, netsnmp_pdu **out)
{
	netsnmp_pdu *rsp = harness_exchange(build(command, vbs, n), ++transaction);
	long status;

	ck_assert_ptr_nonnull(rsp);
	status = rsp->errstat;
	if (out)
		*out = rsp;
	else
		snmp_free_pdu(rsp);
	return status;
}

/* One SET phase of transaction `txn`, as a subagent receives it; its status. */
static long phase(int command, const struct vb *vbs, size_t n, long txn)
{
	netsnmp_pdu *rsp = harness_exchange(build(command, vbs, n), txn);
	long status;

	ck_assert_ptr_nonnull(rsp);
	status = rsp->errstat;
	snmp_free_pdu(rsp);
	return status;
}

/* A SET in a subagent's phases, ending with `last`; each phase's status. */
static void phases(const struct vb *vbs, size_t n, int last, long status[4])
{
	const int cmd[] = { SNMP_MSG_INTERNAL_SET_RESERVE1, SNMP_MSG_INTERNAL_SET_RESERVE2,
			    SNMP_MSG_INTERNAL_SET_ACTION, last };
	long txn = ++transaction;

	for (size_t i = 0; i < 4; i++)
		/* FREE follows RESERVE2: nothing was written, no ACTION */
		status[i] = last == SNMP_MSG_INTERNAL_SET_FREE && i == 2
			? -1
			: phase(cmd[i], vbs, n, txn);
}

#define IP(...)                                                                                    \
	{                                                                                          \
		.name = { MIB_OID_IP, __VA_ARGS__ },                                               \
		.len = MIB_OID_MIB2_LEN + 1 + (sizeof((oid[]){ __VA_ARGS__ }) / sizeof(oid))       \
	}
#define TCP(...)                                                                                   \
	{                                                                                          \
		.name = { MIB_OID_TCP, __VA_ARGS__ },                                              \
		.len = MIB_OID_MIB2_LEN + 1 + (sizeof((oid[]){ __VA_ARGS__ }) / sizeof(oid))       \
	}

START_TEST(get_scalars_golden)
{
	const struct vb get[] = { IP(1, 0), IP(2, 0), IP(3, 0), IP(13, 0), IP(1, 1) };
	netsnmp_pdu *rsp;
	netsnmp_variable_list *v;

	ck_assert_int_eq(request(SNMP_MSG_GET, get, 5, &rsp), SNMP_ERR_NOERROR);
	v = rsp->variables;
	ck_assert_int_eq(v->type, ASN_INTEGER); /* ipForwarding: Ip Forwarding 2 */
	ck_assert_int_eq(*v->val.integer, 2);
	v = v->next_variable;
	ck_assert_int_eq(*v->val.integer, 64); /* ipDefaultTTL */
	v = v->next_variable;
	ck_assert_int_eq(v->type, ASN_COUNTER); /* ipInReceives */
	ck_assert_int_eq(*v->val.integer, 1591);
	v = v->next_variable;
	ck_assert_int_eq(*v->val.integer, 30); /* ipReasmTimeout: ipfrag_time */
	v = v->next_variable;
	ck_assert(v->type == SNMP_NOSUCHOBJECT || v->type == SNMP_NOSUCHINSTANCE);
	snmp_free_pdu(rsp);
}
END_TEST

START_TEST(getnext_scalars_and_table)
{
	struct vb next[] = { IP(1, 0), { .len = 0 } };
	oid want[MAX_OID_LEN];
	size_t wlen = sysctl_oid(2, "tcp_rmem", want); /* shortest path first */
	netsnmp_pdu *rsp;
	netsnmp_variable_list *v;

	next[1].len = sysctl_oid(2, "", next[1].name) - 1; /* the value column */
	ck_assert_int_eq(request(SNMP_MSG_GETNEXT, next, 2, &rsp), SNMP_ERR_NOERROR);
	v = rsp->variables;
	ck_assert_int_eq(v->name[MIB_OID_MIB2_LEN + 1], 2); /* ipDefaultTTL.0 */
	ck_assert_int_eq(*v->val.integer, 64);
	v = v->next_variable;
	ck_assert_int_eq(snmp_oid_compare(v->name, v->name_length, want, wlen), 0);
	ck_assert_int_eq(v->type, ASN_OCTET_STR);
	ck_assert_int_eq(v->val_len, strlen("4096\t131072\t6291456"));
	ck_assert(!memcmp(v->val.string, "4096\t131072\t6291456", v->val_len));
	snmp_free_pdu(rsp);
}
END_TEST

START_TEST(set_whole_request)
{
	const struct vb set[] = { { .path = "tcp_syncookies", .type = 's', .value = "0" },
				  { .path = "tcp_keepalive_time", .type = 's', .value = "60" } };
	const struct vb fwd[] = { IP(1, 0) };
	struct vb fwd_on = fwd[0];

	ck_assert_int_eq(request(SNMP_MSG_SET, set, 2, NULL), SNMP_ERR_NOERROR);
	ck_assert_str_eq(harness_tunable("tcp_syncookies"), "0");
	ck_assert_str_eq(harness_tunable("tcp_keepalive_time"), "60");
	fwd_on.type = 'i';
	fwd_on.value = "1";
	ck_assert_int_eq(request(SNMP_MSG_SET, &fwd_on, 1, NULL), SNMP_ERR_NOERROR);
	ck_assert_str_eq(harness_tunable("ip_forward"), "1");
}
END_TEST

static const struct {
	struct vb vb;
	long status;
} refusals[] = {
	{ IP(1, 0), SNMP_ERR_WRONGVALUE }, /* ipForwarding 3 (value set below) */
	{ IP(2, 0), SNMP_ERR_WRONGTYPE }, /* ipDefaultTTL as a string */
	{ IP(2, 0), SNMP_ERR_WRONGVALUE }, /* ipDefaultTTL 0 */
	{ IP(3, 0), SNMP_ERR_NOTWRITABLE }, /* ipInReceives */
	{ { .path = "tcp_syncookies" }, SNMP_ERR_WRONGVALUE }, /* 999 */
	{ { .path = "ip_local_port_range" }, SNMP_ERR_NOTWRITABLE }, /* not allowed */
	{ { .path = "no_such_entry" }, SNMP_ERR_NOCREATION },
	{ { .path = "../../../etc/passwd" }, SNMP_ERR_NOCREATION },
};

START_TEST(set_refusals_write_nothing)
{
	static const char *const values[] = { "3", "64", "0", "5", "999", "1 2", "1", "x" };
	static const char types[] = { 'i', 's', 'i', 'c', 's', 's', 's', 's' };
	struct vb vb = refusals[_i].vb;
	const struct vb keep = { .path = "tcp_syncookies", .type = 's', .value = "0" };
	struct vb both[2];

	vb.type = types[_i];
	vb.value = values[_i];
	ck_assert_int_eq(request(SNMP_MSG_SET, &vb, 1, NULL), refusals[_i].status);
	/* With a good varbind beside it, neither is written. */
	both[0] = keep;
	both[1] = vb;
	ck_assert_int_eq(request(SNMP_MSG_SET, both, 2, NULL), refusals[_i].status);
	ck_assert_str_eq(harness_tunable("tcp_syncookies"), "1");
	ck_assert_str_eq(harness_tunable("ip_forward"), "0");
	ck_assert_str_eq(harness_tunable("ip_default_ttl"), "64");
	ck_assert_str_eq(harness_tunable("ip_local_port_range"), "32768\t60999");
}
END_TEST

START_TEST(phases_commit_undo_free)
{
	const struct vb set[] = {
		{ .path = "tcp_syncookies", .type = 's', .value = "2" },
		{ .path = "ip_local_reserved_ports", .type = 's', .value = "1000" }
	};
	long st[4];

	phases(set, 2, SNMP_MSG_INTERNAL_SET_FREE, st);
	ck_assert_int_eq(st[0] | st[1] | st[3], 0);
	ck_assert_str_eq(harness_tunable("tcp_syncookies"), "1"); /* FREE: nothing written */

	phases(set, 2, SNMP_MSG_INTERNAL_SET_UNDO, st);
	ck_assert_int_eq(st[0] | st[1] | st[2] | st[3], 0);
	ck_assert_str_eq(harness_tunable("tcp_syncookies"), "1"); /* written, then undone */
	ck_assert_str_eq(harness_tunable("ip_local_reserved_ports"), ""); /* empty, restored */

	phases(set, 2, SNMP_MSG_INTERNAL_SET_COMMIT, st);
	ck_assert_int_eq(st[0] | st[1] | st[2] | st[3], 0);
	ck_assert_str_eq(harness_tunable("tcp_syncookies"), "2");
	ck_assert_str_eq(harness_tunable("ip_local_reserved_ports"), "1000");
}
END_TEST

START_TEST(undo_restores_what_the_kernel_changed)
{
	const struct vb set[] = { { .path = "conf/lo/forwarding", .type = 's', .value = "1" },
				  { .path = "ip_forward", .type = 's', .value = "1" } };
	const int cmd[] = { SNMP_MSG_INTERNAL_SET_RESERVE1, SNMP_MSG_INTERNAL_SET_RESERVE2,
			    SNMP_MSG_INTERNAL_SET_ACTION };
	long txn = ++transaction;

	for (size_t i = 0; i < 3; i++)
		ck_assert_int_eq(phase(cmd[i], set, 2, txn), 0);
	/* What a kernel does on ip_forward := 1 (a fixture has no kernel). */
	ck_assert_str_eq(harness_tunable("ip_forward"), "1");
	harness_put("conf/all/forwarding", "1");
	harness_put("conf/default/forwarding", "1");
	harness_put("conf/all/accept_redirects", "0");
	ck_assert_int_eq(phase(SNMP_MSG_INTERNAL_SET_UNDO, set, 2, txn), 0);
	ck_assert_str_eq(harness_tunable("ip_forward"), "0");
	ck_assert_str_eq(harness_tunable("conf/lo/forwarding"), "0");
	ck_assert_str_eq(harness_tunable("conf/all/forwarding"), "0");
	ck_assert_str_eq(harness_tunable("conf/default/forwarding"), "0");
	ck_assert_str_eq(harness_tunable("conf/all/accept_redirects"), "1");
}
END_TEST

/* A listener of ours is a row of tcpListenerTable; deleteTCB is refused. */
START_TEST(connection_tables_through_the_handler)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	/* tcpListenerProcess.ipv4."127.0.0.1".port, tcpConnectionState of a made-up connection */
	struct vb get = TCP(20, 1, 4, 1, 4, 127, 0, 0, 1, 0);
	struct vb del = TCP(19, 1, 7, 1, 4, 127, 0, 0, 1, 1, 1, 4, 127, 0, 0, 1, 2);
	netsnmp_pdu *rsp;

	del.type = 'i';
	del.value = "12"; /* deleteTCB */
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(listen(fd, 1), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
	get.name[get.len - 1] = ntohs(a.sin_port);
	ck_assert_int_eq(request(SNMP_MSG_GET, &get, 1, &rsp), SNMP_ERR_NOERROR);
	ck_assert_int_eq(rsp->variables->type, ASN_UNSIGNED);
	/* The process scan reads <proc root>/<pid>/fd: the fixture has none. */
	ck_assert_int_eq(*rsp->variables->val.integer, 0);
	snmp_free_pdu(rsp);
	ck_assert_int_eq(request(SNMP_MSG_SET, &del, 1, NULL), SNMP_ERR_NOTWRITABLE);
	close(fd);
}
END_TEST

/* The one registry of open SET transactions: one bound, one expiry. */
static unsigned cleaned_for_master;

static void count_cleanup(struct set_txn *t, void *ctx)
{
	(void)t, (void)ctx;
	cleaned_for_master++;
}

START_TEST(set_transactions_are_bounded)
{
	uint64_t t0 = monotonic_ms();
	struct request_key k;

	set_txn_reap(); /* the SETs of the tests before (one process under valgrind) */
	ck_assert(!set_txn_in_progress());
	for (long i = 0; i < SET_TXN_MAX; i++) {
		k = (struct request_key){ 1, i };
		ck_assert_ptr_nonnull(set_txn_open(&k, i == 5, t0 + (uint64_t)i));
	}
	k = (struct request_key){ 1, 100 };
	ck_assert_ptr_null(set_txn_open(&k, false, t0 + 1000)); /* the bound */
	k = (struct request_key){ 1, 3 };
	ck_assert_ptr_eq(set_txn_open(&k, false, t0), set_txn_find(&k)); /* found, not twice */
	ck_assert_uint_eq(set_txn_expire(t0 + REQUEST_MAX_MS, count_cleanup, NULL), 0);
	/* older than a request can last: 0, 1, 2 forgotten */
	ck_assert_uint_eq(set_txn_expire(t0 + REQUEST_MAX_MS + 3, count_cleanup, NULL), 3);
	ck_assert_uint_eq(cleaned_for_master, 0);
	k = (struct request_key){ 1, 0 };
	ck_assert_ptr_null(set_txn_find(&k));
	/* ended: still found until reaped (other handlers of the phase may run) */
	k = (struct request_key){ 1, 4 };
	set_txn_end(set_txn_find(&k));
	ck_assert_ptr_nonnull(set_txn_find(&k));
	set_txn_reap();
	ck_assert_ptr_null(set_txn_find(&k));
	/* 3 is forgotten, the master's own (5) ended for it through the callback */
	ck_assert_uint_eq(set_txn_expire(t0 + REQUEST_MAX_MS + 6, count_cleanup, NULL), 2);
	ck_assert_uint_eq(cleaned_for_master, 1);
	k = (struct request_key){ 1, 100 };
	ck_assert_ptr_nonnull(set_txn_open(&k, false, t0 + 20000)); /* room again */
	ck_assert(set_txn_in_progress());
	set_txn_shutdown();
	ck_assert(!set_txn_in_progress());
}
END_TEST

Suite *handlers_suite(void)
{
	Suite *s = suite_create("handlers");
	TCase *tc = tcase_create("agent");

	tcase_add_unchecked_fixture(tc, start, harness_stop);
	tcase_add_checked_fixture(tc, reset, NULL);
	tcase_add_test(tc, get_scalars_golden);
	tcase_add_test(tc, getnext_scalars_and_table);
	tcase_add_test(tc, set_whole_request);
	tcase_add_loop_test(tc, set_refusals_write_nothing, 0,
			    (int)(sizeof(refusals) / sizeof(refusals[0])));
	tcase_add_test(tc, phases_commit_undo_free);
	tcase_add_test(tc, undo_restores_what_the_kernel_changed);
	tcase_add_test(tc, connection_tables_through_the_handler);
	tcase_add_test(tc, set_transactions_are_bounded);
	suite_add_tcase(s, tc);
	return s;
}
