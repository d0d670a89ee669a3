/*
 * What tunable change notifications are made of (tunable_watch.h): the
 * first sight is no change, a change is told with its old text, at most
 * once a second per tunable, and a burst ends with the final text.
 */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "tunable_watch.h"

static char told[16][96];
static unsigned ntold;

static void emit(void *ctx, const char *path, const char *old, const char *now,
		 enum tunable_source source)
{
	(void)ctx;
	if (ntold < 16)
		snprintf(told[ntold], sizeof(told[0]), "%s %s>%s %s", path, old, now,
			 source == TUNABLE_BY_SNMP ? "snmp" : "outside");
	ntold++;
}

static struct tunable_watch *w;

static void setup(void)
{
	ntold = 0;
	w = tunable_watch_new();
	ck_assert_ptr_nonnull(w);
}

static void teardown(void)
{
	tunable_watch_free(w);
}

START_TEST(first_sight_is_no_change)
{
	tunable_watch_seen(w, "tcp_syncookies", "1", TUNABLE_OUTSIDE, 1000, emit, NULL);
	tunable_watch_seen(w, "ip_forward", "0", TUNABLE_OUTSIDE, 1000, emit, NULL);
	tunable_watch_seen(w, "tcp_syncookies", "1", TUNABLE_OUTSIDE, 5000, emit, NULL);
	ck_assert_uint_eq(ntold, 0);
	ck_assert_uint_eq(tunable_watch_count(w), 2);
	tunable_watch_seen(w, "tcp_syncookies", "2", TUNABLE_OUTSIDE, 6000, emit, NULL);
	ck_assert_uint_eq(ntold, 1);
	ck_assert_str_eq(told[0], "tcp_syncookies 1>2 outside");
}
END_TEST

START_TEST(once_a_second_then_the_final_value)
{
	tunable_watch_seen(w, "conf/lo/rp_filter", "0", TUNABLE_OUTSIDE, 1000, emit, NULL);
	tunable_watch_seen(w, "conf/lo/rp_filter", "1", TUNABLE_OUTSIDE, 2000, emit, NULL);
	for (unsigned i = 0; i < 500; i++)
		tunable_watch_seen(w, "conf/lo/rp_filter", i % 2 ? "2" : "0", TUNABLE_OUTSIDE,
				   2001 + i, emit, NULL);
	ck_assert_uint_eq(ntold, 1); /* the first at once, the rest held */
	tunable_watch_flush(w, 2999, emit, NULL);
	ck_assert_uint_eq(ntold, 1);
	tunable_watch_flush(w, 3000, emit, NULL);
	ck_assert_uint_eq(ntold, 2);
	ck_assert_str_eq(told[0], "conf/lo/rp_filter 0>1 outside");
	ck_assert_str_eq(told[1], "conf/lo/rp_filter 1>2 outside"); /* the last of the burst */
	tunable_watch_flush(w, 9000, emit, NULL);
	ck_assert_uint_eq(ntold, 2);
}
END_TEST

START_TEST(a_burst_that_comes_back_tells_nothing_more)
{
	tunable_watch_seen(w, "ip_forward", "0", TUNABLE_OUTSIDE, 1000, emit, NULL);
	tunable_watch_seen(w, "ip_forward", "1", TUNABLE_OUTSIDE, 2000, emit, NULL);
	tunable_watch_seen(w, "ip_forward", "0", TUNABLE_OUTSIDE, 2100, emit, NULL);
	tunable_watch_seen(w, "ip_forward", "1", TUNABLE_OUTSIDE, 2200, emit, NULL);
	tunable_watch_flush(w, 3100, emit, NULL);
	ck_assert_uint_eq(ntold, 1); /* told 1, and it is 1 again */
}
END_TEST

START_TEST(a_set_is_told_once_as_snmp)
{
	tunable_watch_seen(w, "ip_default_ttl", "64", TUNABLE_OUTSIDE, 1000, emit, NULL);
	/* the agent's own SET: its old value, then the new one */
	tunable_watch_know(w, "ip_default_ttl", "64");
	tunable_watch_seen(w, "ip_default_ttl", "99", TUNABLE_BY_SNMP, 5000, emit, NULL);
	/* what the kernel changed with it: known, not told */
	tunable_watch_know(w, "conf/all/forwarding", "1");
	/* the next poll sees both as they are */
	tunable_watch_seen(w, "ip_default_ttl", "99", TUNABLE_OUTSIDE, 9000, emit, NULL);
	tunable_watch_seen(w, "conf/all/forwarding", "1", TUNABLE_OUTSIDE, 9000, emit, NULL);
	ck_assert_uint_eq(ntold, 1);
	ck_assert_str_eq(told[0], "ip_default_ttl 64>99 snmp");
}
END_TEST

Suite *tunable_watch_suite(void)
{
	Suite *s = suite_create("tunable_watch");
	TCase *tc = tcase_create("watch");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, first_sight_is_no_change);
	tcase_add_test(tc, once_a_second_then_the_final_value);
	tcase_add_test(tc, a_burst_that_comes_back_tells_nothing_more);
	tcase_add_test(tc, a_set_is_told_once_as_snmp);
	suite_add_tcase(s, tc);
	return s;
}
