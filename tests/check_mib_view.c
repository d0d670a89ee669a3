/*
 * The MIB view against golden lists: tests/data/<fixture>/expected.txt is
 * written from the RFCs by make-expected.py, independently of the C table.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mib_build.h"
#include "mib_objects.h"

static const char *const fixtures[] = {
	"linux-2.6.32", "linux-2.6.32-icmpmsg-wrap", "linux-4.19", "linux-6.18",
	"malformed", /* Udp and IpExt sections broken: their objects absent */
};

static const struct {
	const char *name;
	u_char type;
} type_names[] = {
	{ "INTEGER", ASN_INTEGER }, { "Counter32", ASN_COUNTER },   { "Counter64", ASN_COUNTER64 },
	{ "Gauge32", ASN_GAUGE },   { "Timeticks", ASN_TIMETICKS },
};

static u_char type_of(const char *name)
{
	for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (!strcmp(type_names[i].name, name))
			return type_names[i].type;
	ck_abort_msg("unknown type %s in golden list", name);
	return 0;
}

static size_t parse_oid(const char *s, oid *out)
{
	size_t n = 0;
	char *end;

	while (*s && n < MIB_OID_MAX) {
		out[n++] = strtoul(s, &end, 10);
		s = *end == '.' ? end + 1 : end;
		if (*end == ' ' || !*end)
			break;
	}
	return n;
}

static void build(struct mib_view *v, struct counter_snapshot *snap, const char *fixture)
{
	const char *root = strdup(test_data(fixture));
	struct mib_context ctx = { .refresh_ms = 1000 };

	*snap = (struct counter_snapshot){ 0 };
	*v = (struct mib_view){ 0 };
	counter_snapshot_load(snap, root, NULL, NULL);
	mib_view_build(v, snap, &ctx);
	free((char *)root);
}

START_TEST(view_matches_golden_list)
{
	struct counter_snapshot snap;
	struct mib_view v;
	char rel[256], *save = NULL;
	size_t len, i = 0;

	build(&v, &snap, fixtures[_i]);
	snprintf(rel, sizeof(rel), "%s/expected.txt", fixtures[_i]);
	char *golden = test_slurp(test_data(rel), &len);
	for (char *line = strtok_r(golden, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), i++) {
		char oidstr[128], type[32];
		unsigned long long value;
		oid name[MIB_OID_MAX];

		ck_assert_int_eq(sscanf(line, "%127s %31s %lld", oidstr, type, (long long *)&value),
				 3);
		ck_assert_msg(i < v.n, "%s: view ends before %s", fixtures[_i], line);
		size_t n = parse_oid(oidstr, name);
		const struct mib_entry *e = &v.entries[i];
		ck_assert_msg(snmp_oid_compare(e->name, e->len, name, n) == 0,
			      "%s: entry %zu is not %s", fixtures[_i], i, oidstr);
		ck_assert_msg(e->type == type_of(type), "%s: %s has type 0x%x", fixtures[_i],
			      oidstr, e->type);
		ck_assert_msg(e->value == value, "%s: %s = %llu, want %llu", fixtures[_i], oidstr,
			      (unsigned long long)e->value, value);
	}
	/* Nothing else below mib-2: what follows is LINUX-IPSTACK-MIB. */
	ck_assert(i == v.n ||
		  snmp_oid_compare(v.entries[i].name, MIB2_LEN, mib2_oid, MIB2_LEN) != 0);
	free(golden);
	mib_view_free(&v);
	counter_snapshot_free(&snap);
}
END_TEST

START_TEST(declared_objects_are_sorted)
{
	oid a[MIB_OID_MAX], b[MIB_OID_MAX];

	for (size_t i = 1; i < mib_objects_count(); i++) {
		size_t la = mib_object_oid(i - 1, a), lb = mib_object_oid(i, b);
		ck_assert_msg(snmp_oid_compare(a, la, b, lb) < 0,
			      "object %zu is not after object %zu", i, i - 1);
	}
}
END_TEST

START_TEST(counter32_carries_low_bits)
{
	struct counter_snapshot snap;
	struct mib_view v;
	/* ipSystemStatsInOctets / HCInOctets of linux-4.19: IpExt InOctets */
	oid c32[] = { 1, 3, 6, 1, 2, 1, 4, 31, 1, 1, 5, 1 };
	oid c64[] = { 1, 3, 6, 1, 2, 1, 4, 31, 1, 1, 6, 1 };

	build(&v, &snap, "linux-4.19");
	const struct mib_entry *hc = mib_view_get(&v, c64, OID_LENGTH(c64));
	const struct mib_entry *lo = mib_view_get(&v, c32, OID_LENGTH(c32));
	ck_assert_ptr_nonnull(hc);
	ck_assert_uint_gt(hc->value, 0xffffffffu); /* the fixture's value needs 64 bits */
	ck_assert_uint_eq(lo->value, hc->value & 0xffffffffu);
	mib_view_free(&v);
	counter_snapshot_free(&snap);
}
END_TEST

START_TEST(getnext_at_the_edges)
{
	struct counter_snapshot snap;
	struct mib_view v;
	oid before[] = { 1, 3, 6, 1, 2, 1, 4 };
	oid first[] = { 1, 3, 6, 1, 2, 1, 4, 1, 0 };
	oid between[] = { 1, 3, 6, 1, 2, 1, 4, 19, 0, 5 };
	oid last[] = { 1, 3, 6, 1, 2, 1, 7, 9, 0 };
	oid after[] = { 1, 3, 6, 1, 2, 1, 8 };
	const struct mib_entry *e;

	build(&v, &snap, "linux-6.18");
	e = mib_view_next(&v, before, OID_LENGTH(before), false);
	ck_assert_int_eq(snmp_oid_compare(e->name, e->len, first, OID_LENGTH(first)), 0);
	e = mib_view_next(&v, first, OID_LENGTH(first), true);
	ck_assert_int_eq(snmp_oid_compare(e->name, e->len, first, OID_LENGTH(first)), 0);
	e = mib_view_next(&v, first, OID_LENGTH(first), false);
	ck_assert_uint_eq(e->name[7], 2);
	e = mib_view_next(&v, between, OID_LENGTH(between), false);
	ck_assert_uint_eq(e->name[7], 25); /* ipv6IpForwarding follows ipFragCreates */
	e = mib_view_next(&v, last, OID_LENGTH(last), false);
	ck_assert(e == NULL || netsnmp_oid_is_subtree(mib2_oid, MIB2_LEN, e->name, e->len) != 0);
	e = mib_view_next(&v, after, OID_LENGTH(after), false);
	ck_assert(e == NULL || netsnmp_oid_is_subtree(mib2_oid, MIB2_LEN, e->name, e->len) != 0);
	ck_assert_ptr_null(mib_view_get(&v, between, OID_LENGTH(between)));
	mib_view_free(&v);
	counter_snapshot_free(&snap);
}
END_TEST

START_TEST(absent_fields_are_absent)
{
	struct counter_snapshot snap;
	struct mib_view v;
	/* ipSystemStatsOutTransmits: 6.x only; 2.6 kernels do not print it */
	oid out_transmits[] = { 1, 3, 6, 1, 2, 1, 4, 31, 1, 1, 30, 1 };
	oid hc_in_octets[] = { 1, 3, 6, 1, 2, 1, 4, 31, 1, 1, 6, 1 };

	build(&v, &snap, "linux-2.6.32");
	ck_assert_ptr_null(mib_view_get(&v, out_transmits, OID_LENGTH(out_transmits)));
	ck_assert_ptr_null(mib_view_get(&v, hc_in_octets, OID_LENGTH(hc_in_octets)));
	mib_view_free(&v);
	counter_snapshot_free(&snap);
}
END_TEST

Suite *mib_view_suite(void)
{
	Suite *s = suite_create("mib_view");
	TCase *tc = tcase_create("view");

	tcase_add_loop_test(tc, view_matches_golden_list, 0,
			    (int)(sizeof(fixtures) / sizeof(fixtures[0])));
	tcase_add_test(tc, declared_objects_are_sorted);
	tcase_add_test(tc, counter32_carries_low_bits);
	tcase_add_test(tc, getnext_at_the_edges);
	tcase_add_test(tc, absent_fields_are_absent);
	suite_add_tcase(s, tc);
	return s;
}
