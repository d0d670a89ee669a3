/*
 * LINUX-IPSTACK-MIB's counter and sockstat tables, checked generically:
 * every field of the fixture files has its rows, with its value, and
 * nothing else is there.
 */
#include "unit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counter_kind.h"
#include "mib_build.h"
#include "mib_private.h"

static const char *const fixtures[] = { "linux-2.6.32", "linux-4.19", "linux-6.18", "malformed" };

/* Decode a length-prefixed string index at idx[*pos]. */
static void take(const oid *idx, size_t n, size_t *pos, char *out)
{
	size_t len;

	ck_assert_uint_lt(*pos, n);
	len = idx[(*pos)++];
	ck_assert_uint_le(*pos + len, n);
	for (size_t i = 0; i < len; i++)
		out[i] = (char)idx[(*pos)++];
	out[len] = '\0';
}

static void build(struct mib_view *v, struct counter_snapshot *snap, const char *fx)
{
	struct mib_context ctx = { .refresh_ms = 1000 };

	*snap = (struct counter_snapshot){ 0 };
	*v = (struct mib_view){ 0 };
	counter_snapshot_load(snap, test_data(fx), NULL, NULL);
	mib_view_build(v, snap, &ctx);
}

START_TEST(every_counter_has_its_rows)
{
	struct counter_snapshot snap;
	struct mib_view v;
	oid entry[IPSTACK_MIB_LEN + 4];
	size_t values = 0, texts = 0, typed = 0, fields = 0;

	build(&v, &snap, fixtures[_i]);
	memcpy(entry, ipstack_mib_oid, sizeof(ipstack_mib_oid));
	memcpy(entry + IPSTACK_MIB_LEN, (oid[]){ 1, 1, 1, 1 }, 4 * sizeof(oid));
	for (size_t i = 0; i < v.n; i++) {
		const struct mib_entry *e = &v.entries[i];
		char file[40], section[40], name[40];
		size_t pos = IPSTACK_MIB_LEN + 5;
		const struct proc_field *f;

		if (netsnmp_oid_is_subtree(entry, IPSTACK_MIB_LEN + 4, e->name, e->len))
			continue;
		take(e->name, e->len, &pos, file);
		take(e->name, e->len, &pos, section);
		take(e->name, e->len, &pos, name);
		ck_assert_uint_eq(pos, e->len);
		if (!strcmp(file, "snmp6")) { /* section: the name's prefix through its 6 */
			char whole[80];
			snprintf(whole, sizeof(whole), "%s%s", section, name);
			ck_assert_int_eq(section[strlen(section) - 1], '6');
			f = counter_snapshot_find(&snap, COUNTER_FILE_SNMP6, "", whole);
		} else {
			f = counter_snapshot_find(&snap,
						  !strcmp(file, "snmp") ? COUNTER_FILE_SNMP
									: COUNTER_FILE_NETSTAT,
						  section, name);
		}
		ck_assert_msg(f != NULL, "%s %s %s is not in the fixture", file, section, name);
		switch (e->name[IPSTACK_MIB_LEN + 4]) {
		case 4: /* ipstackCounterValue */
			ck_assert_int_eq(e->type, ASN_COUNTER64);
			ck_assert_uint_eq(e->value, f->value);
			ck_assert(!f->negative);
			values++;
			break;
		case 5: /* ipstackCounterKind */
			ck_assert_uint_eq(e->value, counter_kind_of(section, name));
			break;
		case 6: { /* ipstackCounterText */
			char want[24];
			if (f->negative)
				snprintf(want, sizeof(want), "%" PRId64, (int64_t)f->value);
			else
				snprintf(want, sizeof(want), "%" PRIu64, f->value);
			ck_assert_int_eq(e->type, ASN_OCTET_STR);
			ck_assert_uint_eq(e->slen, strlen(want));
			ck_assert(!memcmp(e->str, want, e->slen));
			texts++;
			break;
		}
		case 7: /* ipstackCounterCount: counters only */
			ck_assert_int_eq(e->type, ASN_COUNTER64);
			ck_assert_int_eq(counter_kind_of(section, name), COUNTER_KIND_COUNTER);
			ck_assert_uint_eq(e->value, f->value);
			typed++;
			break;
		case 8: /* ipstackCounterLevel: the other kinds, as Integer32 */
			ck_assert_int_eq(e->type, ASN_INTEGER);
			ck_assert_int_ne(counter_kind_of(section, name), COUNTER_KIND_COUNTER);
			ck_assert_int_eq((int64_t)e->value, (int64_t)f->value);
			typed++;
			break;
		default:
			ck_abort_msg("unexpected column %lu",
				     (unsigned long)e->name[IPSTACK_MIB_LEN + 4]);
		}
	}
	for (int fl = COUNTER_FILE_SNMP; fl <= COUNTER_FILE_NETSTAT; fl++)
		fields += snap.files[fl].nfields;
	fields += snap.files[COUNTER_FILE_SNMP6].nfields; /* every name has its 6 */
	ck_assert_uint_eq(texts, fields); /* one row per field */
	ck_assert_uint_eq(values, fields - 1); /* all but Tcp MaxConn (-1) */
	ck_assert_uint_eq(typed, fields); /* each as Count or Level */
	mib_view_free(&v);
	counter_snapshot_free(&snap);
}
END_TEST

START_TEST(kinds)
{
	ck_assert_int_eq(counter_kind_of("Tcp", "MaxConn"), COUNTER_KIND_SIGNED);
	ck_assert_int_eq(counter_kind_of("Tcp", "CurrEstab"), COUNTER_KIND_GAUGE);
	ck_assert_int_eq(counter_kind_of("Ip", "DefaultTTL"), COUNTER_KIND_CONSTANT);
	ck_assert_int_eq(counter_kind_of("TcpExt", "ListenOverflows"), COUNTER_KIND_COUNTER);
}
END_TEST

/*
 * The fields of a 6.18 kernel's net/snmp, net/netstat and net/snmp6 that
 * are not counters, each with the kernel function that prints it: the
 * oracle for ipstackCounterKind, written from the kernel sources, not from
 * counter_kind.c.  Every other field is a counter.
 */
static const struct {
	const char *file, *section, *name;
	enum counter_kind kind;
	const char *printer;
} levels_6_18[] = {
	/* a setting: IPV4_DEVCONF_ALL(net, FORWARDING) ? 1 : 2 */
	{ "snmp", "Ip", "Forwarding", COUNTER_KIND_CONSTANT,
	  "net/ipv4/proc.c snmp_seq_show_ipstats" },
	/* a setting: sysctl_ip_default_ttl */
	{ "snmp", "Ip", "DefaultTTL", COUNTER_KIND_CONSTANT,
	  "net/ipv4/proc.c snmp_seq_show_ipstats" },
	/* set once by tcp_mib_init() */
	{ "snmp", "Tcp", "RtoAlgorithm", COUNTER_KIND_CONSTANT,
	  "net/ipv4/proc.c snmp_seq_show_tcp_udp" },
	{ "snmp", "Tcp", "RtoMin", COUNTER_KIND_CONSTANT, "net/ipv4/proc.c snmp_seq_show_tcp_udp" },
	{ "snmp", "Tcp", "RtoMax", COUNTER_KIND_CONSTANT, "net/ipv4/proc.c snmp_seq_show_tcp_udp" },
	/* -1, printed with %ld (RFC 2012) */
	{ "snmp", "Tcp", "MaxConn", COUNTER_KIND_SIGNED, "net/ipv4/proc.c snmp_seq_show_tcp_udp" },
	/* TCP_MIB_CURRESTAB: tcp_set_state() counts up and down */
	{ "snmp", "Tcp", "CurrEstab", COUNTER_KIND_GAUGE, "net/ipv4/proc.c snmp_seq_show_tcp_udp" },
	/* MPTCP_MIB_CURRESTAB: mptcp_set_state() counts up and down */
	{ "netstat", "MPTcpExt", "MPCurrEstab", COUNTER_KIND_GAUGE,
	  "net/mptcp/mib.c mptcp_seq_show" },
};

START_TEST(kinds_of_every_6_18_field)
{
	struct counter_snapshot snap;
	struct mib_view v;
	size_t rows = 0, found[sizeof(levels_6_18) / sizeof(levels_6_18[0])] = { 0 };

	build(&v, &snap, "linux-6.18");
	for (size_t i = 0; i < v.n; i++) {
		const struct mib_entry *e = &v.entries[i];
		char file[64], section[64], name[128];
		enum counter_kind want = COUNTER_KIND_COUNTER;
		const char *printer = "a counter";
		size_t pos = IPSTACK_MIB_LEN + 5;

		/* ipstackCounterKind: ipstackMIB.1.1.1.1.5.<file>.<section>.<name> */
		if (e->len <= pos || e->name[IPSTACK_MIB_LEN + 1] != 1 ||
		    e->name[IPSTACK_MIB_LEN + 4] != 5)
			continue;
		take(e->name, e->len, &pos, file);
		take(e->name, e->len, &pos, section);
		take(e->name, e->len, &pos, name);
		for (size_t k = 0; k < sizeof(levels_6_18) / sizeof(levels_6_18[0]); k++) {
			if (!strcmp(levels_6_18[k].file, file) &&
			    !strcmp(levels_6_18[k].section, section) &&
			    !strcmp(levels_6_18[k].name, name)) {
				want = levels_6_18[k].kind;
				printer = levels_6_18[k].printer;
				found[k]++;
			}
		}
		ck_assert_msg(e->value == (uint64_t)want, "%s %s %s: kind %lu, want %d (%s)", file,
			      section, name, (unsigned long)e->value, (int)want, printer);
		rows++;
	}
	ck_assert_uint_gt(rows, 400);
	for (size_t k = 0; k < sizeof(levels_6_18) / sizeof(levels_6_18[0]); k++)
		ck_assert_msg(found[k] == 1, "%s %s %s is not in the 6.18 fixture once",
			      levels_6_18[k].file, levels_6_18[k].section, levels_6_18[k].name);
	mib_view_free(&v);
	counter_snapshot_free(&snap);
}
END_TEST

START_TEST(sockstat_rows)
{
	struct counter_snapshot snap;
	struct mib_view v;
	/* ipstackSockstatValue."TCP"."tw" */
	oid name[IPSTACK_MIB_LEN + 5 + 4 + 3];
	size_t n = IPSTACK_MIB_LEN;
	const struct mib_entry *e;

	build(&v, &snap, "linux-4.19");
	memcpy(name, ipstack_mib_oid, sizeof(ipstack_mib_oid));
	memcpy(name + n, (oid[]){ 1, 2, 1, 1, 3, 3, 'T', 'C', 'P', 2, 't', 'w' }, 12 * sizeof(oid));
	n += 12;
	e = mib_view_get(&v, name, n);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->type, ASN_GAUGE);
	ck_assert_uint_eq(e->value, 431);
	mib_view_free(&v);
	counter_snapshot_free(&snap);
}
END_TEST

Suite *mib_private_suite(void)
{
	Suite *s = suite_create("mib_private");
	TCase *tc = tcase_create("private");

	tcase_add_loop_test(tc, every_counter_has_its_rows, 0,
			    (int)(sizeof(fixtures) / sizeof(fixtures[0])));
	tcase_add_test(tc, kinds);
	tcase_add_test(tc, kinds_of_every_6_18_field);
	tcase_add_test(tc, sockstat_rows);
	suite_add_tcase(s, tc);
	return s;
}
