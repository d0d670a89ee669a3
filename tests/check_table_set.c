/*
 * The table engine's rules (table_set.h), without net-snmp: a fake source
 * whose builds block on a gate the test opens, so that each rule is seen
 * with a build running, done, taken or abandoned; the wake descriptor is
 * polled as a main loop would.  Times are given explicitly (`now`).
 */
#include "unit.h"

#include <poll.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "table_set.h"

struct fake_snap {
	unsigned generation; /* the build that filled it */
	unsigned flags;
	bool completed; /* flags added in place */
};

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static bool gate_open;
static unsigned builds, in_place_completions;
static unsigned snapshots_made, snapshots_live;
static int next_error;
static char reported_text[200];
static const char *reported; /* reported_text, or NULL: works again */
static unsigned reports;

static void gate(bool open)
{
	pthread_mutex_lock(&gate_lock);
	gate_open = open;
	pthread_cond_broadcast(&gate_cond);
	pthread_mutex_unlock(&gate_lock);
}

static void *snapshot_new(void)
{
	snapshots_made++;
	snapshots_live++;
	return calloc(1, sizeof(struct fake_snap));
}

static void snapshot_free(void *snap)
{
	snapshots_live--;
	free(snap);
}

static void *builder_new(void)
{
	return malloc(1);
}

static int build(void *builder, void *snap, unsigned flags, const char *proc_root)
{
	struct fake_snap *s = snap;
	int err;

	(void)builder, (void)proc_root;
	pthread_mutex_lock(&gate_lock);
	while (!gate_open)
		pthread_cond_wait(&gate_cond, &gate_lock);
	s->generation = ++builds;
	err = next_error;
	pthread_mutex_unlock(&gate_lock);
	s->flags = flags;
	s->completed = false;
	return err;
}

static void complete(void *snap, unsigned flags, const char *proc_root)
{
	(void)proc_root;
	((struct fake_snap *)snap)->flags |= flags;
	((struct fake_snap *)snap)->completed = true;
	in_place_completions++;
}

static const char *error_text(int err)
{
	return err == -5 ? "the fake dump failed" : "?";
}

static const struct table_source fake = {
	.name = "fake tables",
	.snapshot_new = snapshot_new,
	.snapshot_free = snapshot_free,
	.builder_new = builder_new,
	.builder_free = free,
	.build = build,
	.complete = complete,
	.strerror = error_text,
};

static void report(void *ctx, const struct table_source *src, const char *error)
{
	(void)ctx, (void)src;
	snprintf(reported_text, sizeof(reported_text), "%s", error ? error : "");
	reported = error ? reported_text : NULL;
	reports++;
}

static struct table_set *t;
static uint64_t t0;

static void setup(void)
{
	builds = in_place_completions = reports = snapshots_made = snapshots_live = 0;
	next_error = 0;
	reported = NULL;
	gate(false);
	t = table_set_new(&fake, -1, report, NULL);
	ck_assert_ptr_nonnull(t);
	table_set_configure(t, "/proc", 1000);
	t0 = monotonic_ms() + 100000; /* later than any build's start */
}

static void teardown(void)
{
	gate(true);
	table_set_free(t);
	table_engine_shutdown();
}

/* As the main loop: wait for the wake descriptor, drain it, take builds. */
static bool wake(int timeout_ms)
{
	struct pollfd p = { .fd = table_wake_fd(), .events = POLLIN };

	if (poll(&p, 1, timeout_ms) != 1)
		return false;
	table_wake_drain();
	return table_set_collect(t);
}

static unsigned generation(void *snap)
{
	return snap ? ((struct fake_snap *)snap)->generation : 0;
}

static const struct request_key k1 = { 1, 1 }, k2 = { 1, 2 }, k3 = { 1, 3 }, k4 = { 1, 4 };

START_TEST(first_request_waits_for_the_wake)
{
	ck_assert_ptr_null(table_set_rows(t, &k1, 0, false, t0));
	ck_assert(table_set_building(t));
	ck_assert(!wake(50)); /* the build is held at the gate: nothing signals */
	gate(true);
	ck_assert(wake(5000));
	ck_assert(!table_set_building(t));
	ck_assert_uint_eq(generation(table_set_rows(t, &k1, 0, false, t0 + 1)), 1);
	ck_assert_uint_eq(builds, 1);
}
END_TEST

START_TEST(a_request_keeps_its_rows)
{
	gate(true);
	table_set_rows(t, &k1, 0, false, t0);
	ck_assert(wake(5000));
	ck_assert_uint_eq(generation(table_set_rows(t, &k1, 0, false, t0)), 1);
	/* long expired: k1 still ends on its rows; k2, after a quiet spell, waits */
	gate(false);
	ck_assert_uint_eq(generation(table_set_rows(t, &k1, 0, false, t0 + 5000)), 1);
	ck_assert_ptr_null(table_set_rows(t, &k2, 0, false, t0 + 5000));
	gate(true);
	ck_assert(wake(5000));
	ck_assert_uint_eq(generation(table_set_rows(t, &k2, 0, false, t0 + 5001)), 2);
	/* the one before answers the request that began on it */
	ck_assert_uint_eq(generation(table_set_rows(t, &k1, 0, false, t0 + 5002)), 1);
}
END_TEST

/* A build reuses the previous rows once no request can come back for them:
 * a table is held twice at most (a million routes are 60 MB each). */
START_TEST(two_snapshots_at_most)
{
	gate(true);
	for (uint32_t i = 0; i < 6; i++) {
		struct request_key k = { 7, 100 + i };
		uint64_t now = t0 + i * (REQUEST_MAX_MS + 1000);

		ck_assert_ptr_null(table_set_rows(t, &k, 0, false, now));
		ck_assert(wake(5000));
		ck_assert_uint_eq(generation(table_set_rows(t, &k, 0, false, now + 1)), i + 1);
		ck_assert_uint_le(snapshots_live, 2);
	}
	ck_assert_uint_eq(snapshots_made, 2);
}
END_TEST

START_TEST(next_rows_are_built_ahead_of_expiry)
{
	gate(true);
	table_set_rows(t, &k1, 0, false, t0);
	ck_assert(wake(5000));
	gate(false);
	/* the first three quarters of the lifetime: no build */
	ck_assert_uint_eq(generation(table_set_rows(t, &k2, 0, false, t0 + 700)), 1);
	ck_assert(!table_set_building(t));
	/* the last quarter: the next one starts, the current rows answer */
	ck_assert_uint_eq(generation(table_set_rows(t, &k3, 0, false, t0 + 800)), 1);
	ck_assert(table_set_building(t));
	/* past the expiry, the build begun before it: the old rows still answer */
	ck_assert_uint_eq(generation(table_set_rows(t, &k4, 0, false, t0 + 1500)), 1);
	gate(true);
	ck_assert(wake(5000));
	ck_assert_uint_eq(table_set_taken_ms(t), t0 + 800); /* rows of when it started */
	ck_assert_uint_eq(generation(table_set_rows(t, NULL, 0, false, t0 + 1501)), 2);
	ck_assert_uint_eq(builds, 2);
}
END_TEST

START_TEST(no_lifetime_builds_in_place)
{
	table_set_configure(t, "/proc", 0);
	gate(true);
	ck_assert_uint_eq(generation(table_set_rows(t, &k1, 0, false, t0)), 1);
	ck_assert(!table_set_building(t)); /* no thread */
	ck_assert_uint_eq(generation(table_set_rows(t, &k1, 0, false, t0 + 1)),
			  1); /* same request */
	ck_assert_uint_eq(generation(table_set_rows(t, &k2, 0, false, t0 + 1)), 2);
	ck_assert_uint_eq(generation(table_set_rows_now(t, &k3, t0 + 2)), 3);
	ck_assert_uint_eq(generation(table_set_rows_now(t, &k3, t0 + 3)), 3);
}
END_TEST

START_TEST(flags_wait_for_a_build_with_them)
{
	gate(true);
	table_set_rows(t, &k1, 0, false, t0);
	ck_assert(wake(5000));
	/* a request wanting flag 1 of rows built without it waits for a build */
	gate(false);
	ck_assert_ptr_null(table_set_rows(t, &k2, 1, false, t0 + 10));
	gate(true);
	ck_assert(wake(5000));
	{
		struct fake_snap *s = table_set_rows(t, &k2, 1, false, t0 + 11);

		ck_assert_uint_eq(generation(s), 2);
		ck_assert_uint_eq(s->flags, 1);
		ck_assert(!s->completed);
	}
	/* rows an earlier request is pinned to are completed in place */
	ck_assert_uint_eq(in_place_completions, 0);
	ck_assert_uint_eq(generation(table_set_rows(t, &k2, 2, true, t0 + 12)), 2);
	ck_assert_uint_eq(in_place_completions, 1);
}
END_TEST

START_TEST(an_abandoned_build_frees_itself)
{
	ck_assert_ptr_null(table_set_rows(t, &k1, 0, false, t0));
	table_set_free(t); /* its context goes away mid-build: never waits */
	t = table_set_new(&fake, -1, report, NULL);
	gate(true);
	/* the orphan signals, and the next drain frees it (valgrind, ASan) */
	{
		struct pollfd p = { .fd = table_wake_fd(), .events = POLLIN };
		ck_assert_int_eq(poll(&p, 1, 5000), 1);
	}
	table_wake_drain();
	ck_assert_uint_eq(builds, 1);
}
END_TEST

START_TEST(errors_are_reported_when_they_change)
{
	gate(true);
	next_error = -5;
	table_set_rows(t, &k1, 0, false, t0);
	ck_assert(wake(5000));
	ck_assert_uint_eq(reports, 1);
	ck_assert_str_eq(reported, "the fake dump failed");
	table_set_rows(t, &k2, 0, false, t0 + 5000);
	ck_assert(wake(5000));
	ck_assert_uint_eq(reports, 1); /* the same error: said once */
	next_error = 0;
	table_set_rows(t, &k3, 0, false, t0 + 10000);
	ck_assert(wake(5000));
	ck_assert_uint_eq(reports, 2);
	ck_assert_ptr_null(reported); /* works again */
}
END_TEST

START_TEST(release_gives_back_idle_rows_only)
{
	gate(true);
	table_set_rows(t, &k1, 0, false, t0);
	ck_assert(wake(5000));
	ck_assert(table_set_in_use(t, t0));
	ck_assert(!table_set_in_use(t, t0 + 1));
	table_set_release(t);
	gate(false);
	ck_assert_ptr_null(table_set_rows(t, &k2, 0, false, t0 + 2)); /* read anew */
	ck_assert(table_set_in_use(t, t0 + 100)); /* a build running is use */
	table_set_release(t); /* and keeps it: nothing is freed under a build */
	gate(true);
	ck_assert(wake(5000));
	ck_assert_uint_eq(generation(table_set_rows(t, &k2, 0, false, t0 + 3)), 2);
}
END_TEST

/* Held at the gate for 120 ms, then taken: rows that took that long. */
static void slow_build(uint64_t at)
{
	ck_assert_ptr_null(table_set_rows(t, &k1, 0, false, at));
	usleep(120 * 1000);
	gate(true);
	ck_assert(wake(5000));
	gate(false);
	ck_assert_uint_ge(table_set_refresh_ms(t), 100);
}

START_TEST(slow_builds_stretch_the_lifetime)
{
	table_set_configure(t, "/proc", 10);
	slow_build(t0);
	/* TABLE_REFRESH_SHARE x 120 ms: still fresh a second later */
	ck_assert_uint_eq(generation(table_set_rows(t, &k2, 0, false, t0 + 1000)), 1);
	ck_assert(!table_set_building(t));
}
END_TEST

/* A source that bounds staleness (routes) stretches no further than the
 * configured lifetime plus its slack. */
START_TEST(bounded_staleness_caps_the_stretch)
{
	static struct table_source bounded;

	bounded = fake;
	bounded.stale_slack_ms = 50;
	table_set_free(t);
	t = table_set_new(&bounded, -1, report, NULL);
	table_set_configure(t, "/proc", 10);
	slow_build(t0);
	/* 10 ms + 50 ms: expired; the request waits for the next build */
	ck_assert_ptr_null(table_set_rows(t, &k3, 0, false, t0 + 100));
	ck_assert(table_set_building(t));
}
END_TEST

/* A source answered at once reuses the previous rows as soon as a later
 * request used the current ones, however soon the next build comes. */
START_TEST(answered_at_once_frees_the_previous_rows)
{
	static struct table_source quick;

	quick = fake;
	quick.answers_at_once = true;
	table_set_free(t);
	t = table_set_new(&quick, -1, report, NULL);
	table_set_configure(t, "/proc", 1000);
	gate(true);
	for (uint32_t i = 0; i < 5; i++) {
		struct request_key k = { 9, 100 + i };
		uint64_t now = t0 + i * 2000; /* well inside REQUEST_MAX_MS */

		ck_assert_ptr_null(table_set_rows(t, &k, 0, false, now));
		ck_assert(wake(5000));
		ck_assert_uint_eq(generation(table_set_rows(t, &k, 0, false, now + 1)), i + 1);
	}
	ck_assert_uint_eq(snapshots_made, 2);
	/* without the flag, the previous rows are kept for REQUEST_MAX_MS */
	table_set_free(t);
	t = table_set_new(&fake, -1, report, NULL);
	table_set_configure(t, "/proc", 1000);
	snapshots_made = 0;
	for (uint32_t i = 0; i < 3; i++) {
		struct request_key k = { 9, 200 + i };
		uint64_t now = t0 + i * 2000;

		ck_assert_ptr_null(table_set_rows(t, &k, 0, false, now));
		ck_assert(wake(5000));
		ck_assert_uint_eq(generation(table_set_rows(t, &k, 0, false, now + 1)), builds);
	}
	ck_assert_uint_eq(snapshots_made, 3);
}
END_TEST

Suite *table_set_suite(void)
{
	Suite *s = suite_create("table_set");
	TCase *tc = tcase_create("engine");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, first_request_waits_for_the_wake);
	tcase_add_test(tc, a_request_keeps_its_rows);
	tcase_add_test(tc, two_snapshots_at_most);
	tcase_add_test(tc, next_rows_are_built_ahead_of_expiry);
	tcase_add_test(tc, no_lifetime_builds_in_place);
	tcase_add_test(tc, flags_wait_for_a_build_with_them);
	tcase_add_test(tc, an_abandoned_build_frees_itself);
	tcase_add_test(tc, errors_are_reported_when_they_change);
	tcase_add_test(tc, release_gives_back_idle_rows_only);
	tcase_add_test(tc, slow_builds_stretch_the_lifetime);
	tcase_add_test(tc, bounded_staleness_caps_the_stretch);
	tcase_add_test(tc, answered_at_once_frees_the_previous_rows);
	suite_add_tcase(s, tc);
	return s;
}
