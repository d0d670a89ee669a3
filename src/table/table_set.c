/* The snapshots of one source in one namespace, and their rules (see table_set.h). */
#include "table_set.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "netns.h"
#include "table_build.h"

/* A build starts this share of the lifetime (or one build time) before expiry. */
#define AHEAD_SHARE 4

/* The request a snapshot answered last: later calls of it get the same rows. */
struct pin {
	struct request_key key;
	bool valid;
	uint64_t seq; /* the order of pins, across every table */
};

static uint64_t pins;

struct rows {
	void *snap;
	bool loaded;
	unsigned flags; /* what its build included */
	uint64_t taken_ms; /* when its build started */
	unsigned refresh_ms; /* what its build took */
	struct pin pin;
};

struct table_set {
	const struct table_source *src;
	int netns_fd;
	char *proc_root;
	unsigned lifetime_ms;
	table_report_fn report;
	void *report_ctx;
	struct rows cur, prev; /* what answers; the one before */
	void *spare; /* a snapshot to build the next rows into */
	void *builder; /* the background builds'; NULL while one has it */
	void *in_place; /* the main thread's own builder */
	struct table_build *build; /* running, or done and not yet taken */
	uint64_t build_started_ms;
	unsigned want; /* build flags asked for so far: every build includes them */
	char last_error[160]; /* "" while builds work */
	uint64_t used_ms;
};

struct table_set *table_set_new(const struct table_source *src, int netns_fd,
				table_report_fn report, void *report_ctx)
{
	struct table_set *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->src = src;
	t->netns_fd = netns_fd;
	t->report = report;
	t->report_ctx = report_ctx;
	t->lifetime_ms = 1000;
	return t;
}

static void free_snap(struct table_set *t, void **snap)
{
	if (*snap)
		t->src->snapshot_free(*snap);
	*snap = NULL;
}

static void free_rows(struct table_set *t)
{
	free_snap(t, &t->cur.snap);
	free_snap(t, &t->prev.snap);
	free_snap(t, &t->spare);
	t->cur = t->prev = (struct rows){ 0 };
}

void table_set_free(struct table_set *t)
{
	if (!t)
		return;
	if (t->build)
		table_build_abandon(t->build);
	free_rows(t);
	if (t->builder)
		t->src->builder_free(t->builder);
	if (t->in_place)
		t->src->builder_free(t->in_place);
	free(t->proc_root);
	free(t);
}

void table_set_configure(struct table_set *t, const char *proc_root, unsigned lifetime_ms)
{
	char *root = strdup(proc_root);

	if (root) {
		free(t->proc_root);
		t->proc_root = root;
	}
	t->lifetime_ms = lifetime_ms;
}

/* The lifetime of rows built in `refresh_ms` (0: in place, every request). */
static unsigned lifetime(const struct table_set *t, unsigned refresh_ms)
{
	unsigned adaptive = refresh_ms * TABLE_REFRESH_SHARE;
	unsigned cap = t->src->stale_slack_ms ? t->lifetime_ms + t->src->stale_slack_ms
					      : UINT32_MAX;

	if (!t->lifetime_ms || adaptive <= t->lifetime_ms)
		return t->lifetime_ms;
	return adaptive < cap ? adaptive : cap;
}

/* What went wrong with the builds ("": nothing), told when it changes. */
static void tell(struct table_set *t, const char *now)
{
	if (strcmp(now, t->last_error) && t->report)
		t->report(t->report_ctx, t->src, *now ? now : NULL);
	snprintf(t->last_error, sizeof(t->last_error), "%s", now);
}

/* A build's outcome. */
static void outcome(struct table_set *t, int err, int netns_err)
{
	char now[sizeof(t->last_error)] = "";

	if (netns_err)
		snprintf(now, sizeof(now), "cannot enter the network namespace: %s",
			 strerror(netns_err));
	else if (err)
		snprintf(now, sizeof(now), "%s", t->src->strerror(err));
	tell(t, now);
}

/*
 * New rows answer; the current ones become the previous (with their
 * request).  The one before goes: at most two snapshots are kept, and a
 * build reuses the previous one once no request can be pinned to it
 * (buffer()), so a table of a million routes is held twice, not three
 * times.
 */
static void install(struct table_set *t, void *snap, unsigned flags, uint64_t taken_ms,
		    unsigned refresh_ms)
{
	free_snap(t, &t->prev.snap);
	t->prev = t->cur;
	t->cur = (struct rows){ .snap = snap,
				.loaded = true,
				.flags = flags,
				.taken_ms = taken_ms,
				.refresh_ms = refresh_ms };
}

/* A request pinned to these rows may still come back for them. */
static bool may_be_pinned(const struct rows *r, uint64_t now)
{
	return r->loaded && r->pin.valid && now - r->taken_ms < REQUEST_MAX_MS;
}

/*
 * Can a request still come back for the previous rows?  Within
 * REQUEST_MAX_MS of them, unless the source's requests are answered at
 * once (table_set.h) and a later request has used the current rows: the
 * one that used the previous rows ended before it began.
 */
static bool prev_wanted(const struct table_set *t, uint64_t now)
{
	return may_be_pinned(&t->prev, now) &&
		!(t->src->answers_at_once && t->cur.pin.valid && t->cur.pin.seq > t->prev.pin.seq);
}

/* A snapshot to build into: the spare one (a build's that was not
 * installed), the previous one when no request can want it any more, or a
 * new one. */
static void *buffer(struct table_set *t, uint64_t now)
{
	void *s = t->spare;

	t->spare = NULL;
	if (!s && t->prev.snap && !prev_wanted(t, now)) {
		s = t->prev.snap;
		t->prev = (struct rows){ 0 };
	}
	return s ? s : t->src->snapshot_new();
}

/* Build here and now, in the main thread. */
static void build_in_place(struct table_set *t, uint64_t now)
{
	void *snap = buffer(t, now);
	int err = 0, netns_err;

	if (!snap || (!t->in_place && !(t->in_place = t->src->builder_new()))) {
		t->spare = snap;
		tell(t, "out of memory");
		return;
	}
	if (!(netns_err = netns_enter(t->netns_fd))) {
		err = t->src->build(t->in_place, snap, t->want, t->proc_root);
		netns_leave(t->netns_fd);
	}
	install(t, snap, t->want, now, (unsigned)(monotonic_ms() - now));
	outcome(t, err, netns_err);
}

/* Start the next build in the background; false when none could be started. */
static bool start_build(struct table_set *t, uint64_t now)
{
	void *snap;

	if (t->build)
		return true;
	if (!t->builder && !(t->builder = t->src->builder_new()))
		return false;
	if (!(snap = buffer(t, now)))
		return false;
	t->build = table_build_start(t->src, snap, t->builder, t->netns_fd, t->want, t->proc_root);
	if (!t->build) {
		t->spare = snap;
		return false;
	}
	t->builder = NULL; /* the build's until taken */
	t->build_started_ms = now;
	return true;
}

bool table_set_collect(struct table_set *t)
{
	struct table_build_result r;

	if (!t->build || !table_build_done(t->build))
		return false;
	r = table_build_take(t->build);
	t->build = NULL;
	t->builder = r.builder;
	if (t->cur.loaded && t->cur.taken_ms > t->build_started_ms) {
		/* rows built in place since it started are newer: keep them */
		free_snap(t, &t->spare);
		t->spare = r.snap;
		return false;
	}
	install(t, r.snap, r.flags, t->build_started_ms, r.ms);
	outcome(t, r.err, r.netns_err);
	return true;
}

void table_set_finish_build(struct table_set *t)
{
	while (t->build && !table_build_done(t->build))
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	table_set_collect(t);
}

static bool pinned(const struct rows *r, const struct request_key *key, uint64_t now)
{
	return key && may_be_pinned(r, now) && r->pin.key.session == key->session &&
		r->pin.key.transaction == key->transaction;
}

/*
 * The rows that answer request `key` (see the rules in table_set.h), NULL
 * when it must wait for the build running.
 */
static struct rows *request_rows(struct table_set *t, const struct request_key *key, bool in_place,
				 uint64_t now)
{
	unsigned life = lifetime(t, t->cur.refresh_ms);

	if (pinned(&t->prev, key, now))
		return &t->prev;
	if (pinned(&t->cur, key, now))
		return &t->cur;
	if (!life) {
		build_in_place(t, now);
	} else if (!t->cur.loaded || now - t->cur.taken_ms >= life) {
		/* expired: the rows answer on only if a build began before that */
		bool ahead = t->build && t->cur.loaded &&
			t->build_started_ms < t->cur.taken_ms + life;

		if (!ahead && !t->build && !start_build(t, now))
			build_in_place(t, now);
		else if (!ahead && !in_place)
			return NULL;
		else if (!ahead)
			build_in_place(t, now); /* cannot wait; the build is superseded */
	} else if (!t->build) {
		unsigned early = life / AHEAD_SHARE;

		if (t->cur.refresh_ms > early)
			early = t->cur.refresh_ms;
		if (now - t->cur.taken_ms + early >= life)
			start_build(t, now); /* no thread: the expiry builds in place */
	}
	return &t->cur;
}

void *table_set_rows(struct table_set *t, const struct request_key *key, unsigned want,
		     bool in_place, uint64_t now)
{
	struct rows *r;

	t->used_ms = now;
	t->want |= want;
	if (!(r = request_rows(t, key, in_place, now)))
		return NULL;
	if ((r->flags & t->want) != t->want) {
		/* what the rows lack: in place where the source can and no build
		 * can bring it (rows of an earlier request, no lifetime, no
		 * thread); otherwise from the next build, waited for */
		bool can_build = t->lifetime_ms && r == &t->cur && start_build(t, now);

		if (t->src->complete && (in_place || !can_build)) {
			t->src->complete(r->snap, t->want & ~r->flags, t->proc_root);
			r->flags |= t->want;
		} else if (can_build && !in_place) {
			return NULL;
		}
	}
	if (key && r->snap) {
		r->pin.key = *key;
		r->pin.valid = true;
		r->pin.seq = ++pins;
	}
	return r->snap; /* NULL only when no rows could ever be read (memory) */
}

void table_set_prefetch(struct table_set *t, uint64_t now)
{
	if (t->lifetime_ms && !t->build &&
	    (!t->cur.loaded || now - t->cur.taken_ms >= lifetime(t, t->cur.refresh_ms)))
		start_build(t, now);
}

void *table_set_rows_now(struct table_set *t, const struct request_key *key, uint64_t now)
{
	t->used_ms = now;
	if (pinned(&t->cur, key, now))
		return t->cur.snap;
	build_in_place(t, now);
	if (key && t->cur.snap) {
		t->cur.pin.key = *key;
		t->cur.pin.valid = true;
		t->cur.pin.seq = ++pins;
	}
	return t->cur.snap;
}

void table_set_invalidate(struct table_set *t)
{
	t->cur.loaded = false;
	t->cur.pin.valid = false;
}

bool table_set_building(const struct table_set *t)
{
	return t->build != NULL;
}

bool table_set_in_use(const struct table_set *t, uint64_t since)
{
	return t->used_ms >= since || t->build;
}

void table_set_release(struct table_set *t)
{
	if (!t->build)
		free_rows(t);
}

uint64_t table_set_taken_ms(const struct table_set *t)
{
	return t->cur.taken_ms;
}

unsigned table_set_refresh_ms(const struct table_set *t)
{
	return t->cur.refresh_ms;
}
