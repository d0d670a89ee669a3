/* Snapshots and the cache in front of them. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counter_store.h"

static unsigned logged;
static char last_log[256];

static void count_log(void *ctx, const char *file, unsigned line, const char *what)
{
	(void)ctx;
	logged++;
	snprintf(last_log, sizeof(last_log), "%s:%u: %s", file, line, what);
}

START_TEST(snapshot_reads_all_three_files)
{
	struct counter_snapshot snap = { 0 };

	logged = 0;
	counter_snapshot_load(&snap, test_data("linux-4.19"), count_log, NULL);
	ck_assert_uint_eq(logged, 0);
	ck_assert_uint_eq(
		counter_snapshot_find(&snap, COUNTER_FILE_SNMP, "IcmpMsg", "InType8")->value,
		90210);
	ck_assert_ptr_nonnull(
		counter_snapshot_find(&snap, COUNTER_FILE_NETSTAT, "IpExt", "InOctets"));
	ck_assert_uint_eq(counter_snapshot_find(&snap, COUNTER_FILE_SOCKSTAT, "TCP", "tw")->value,
			  431);
	counter_snapshot_free(&snap);
}
END_TEST

START_TEST(missing_files_are_reported_not_fatal)
{
	struct counter_snapshot snap = { 0 };

	logged = 0;
	counter_snapshot_load(&snap, "/nonexistent-proc-root", count_log, NULL);
	ck_assert_uint_eq(logged, 3);
	ck_assert_str_eq(last_log, "net/sockstat:0: cannot read: No such file or directory");
	ck_assert_uint_eq(snap.files[COUNTER_FILE_SNMP].nsections, 0);
	counter_snapshot_free(&snap);
	ck_assert_int_ne(counter_root_check("/nonexistent-proc-root"), 0);
	ck_assert_int_eq(counter_root_check(test_data("linux-6.18")), 0);
}
END_TEST

START_TEST(one_snapshot_per_transaction_and_lifetime)
{
	struct counter_store cs;
	struct request_key t1 = { 1, 100 }, t2 = { 1, 101 };
	const struct counter_snapshot *s;
	unsigned g;

	counter_store_init(&cs, test_data("linux-6.18"), 1000, count_log, NULL);
	s = counter_store_get(&cs, &t1, 5000);
	g = s->generation;
	/* Same transaction: same snapshot even past the lifetime. */
	ck_assert_uint_eq(counter_store_get(&cs, &t1, 7000)->generation, g);
	/* Another transaction within the lifetime of the last read: same. */
	ck_assert_uint_eq(counter_store_get(&cs, &t2, 5999)->generation, g);
	/* Another transaction after the lifetime: read again. */
	ck_assert_uint_eq(counter_store_get(&cs, &t1, 6000)->generation, g + 1);
	/* A transaction id seen long ago (master restarted) is not trusted. */
	ck_assert_uint_eq(counter_store_get(&cs, &t1, 60000)->generation, g + 2);
	ck_assert_uint_eq(cs.refreshes, 3);
	counter_store_free(&cs);
}
END_TEST

START_TEST(lifetime_zero_reads_every_request)
{
	struct counter_store cs;

	counter_store_init(&cs, test_data("linux-6.18"), 0, count_log, NULL);
	unsigned g = counter_store_get(&cs, NULL, 10)->generation;
	ck_assert_uint_eq(counter_store_get(&cs, NULL, 10)->generation, g + 1);
	counter_store_free(&cs);
}
END_TEST

START_TEST(persistent_problem_logged_once)
{
	struct counter_store cs;

	logged = 0;
	counter_store_init(&cs, "/nonexistent-proc-root", 0, count_log, NULL);
	for (int i = 0; i < 5; i++)
		counter_store_get(&cs, NULL, (uint64_t)i);
	ck_assert_uint_eq(logged, 3); /* once per file */
	ck_assert_uint_eq(cs.parse_errors, 15); /* but counted every time */
	counter_store_configure(&cs, test_data("linux-6.18"), 0);
	counter_store_get(&cs, NULL, 10);
	ck_assert_uint_eq(logged, 3);
	counter_store_configure(&cs, "/nonexistent-proc-root", 0);
	counter_store_get(&cs, NULL, 11);
	ck_assert_uint_eq(logged, 6); /* back again: logged again */
	counter_store_free(&cs);
}
END_TEST

Suite *counter_store_suite(void)
{
	Suite *s = suite_create("counter_store");
	TCase *tc = tcase_create("store");

	tcase_add_test(tc, snapshot_reads_all_three_files);
	tcase_add_test(tc, missing_files_are_reported_not_fatal);
	tcase_add_test(tc, one_snapshot_per_transaction_and_lifetime);
	tcase_add_test(tc, lifetime_zero_reads_every_request);
	tcase_add_test(tc, persistent_problem_logged_once);
	suite_add_tcase(s, tc);
	return s;
}
