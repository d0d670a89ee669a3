/*
 * The snapshots of one kind of table (a source: the connection tables from
 * inet_diag, the addresses from rtnetlink ...) in one network namespace, and
 * the one set of rules for when they answer a request:
 *
 *   - every call of one manager request (one AgentX session and
 *     transaction) gets the rows its first call got, the previous snapshot
 *     included: a request that began on old rows ends on them;
 *   - between requests rows serve for the lifetime: the configured one, or
 *     REFRESH_SHARE times what the last build took if that is longer, so
 *     that refreshing a huge table never takes more than a twentieth of the
 *     time;
 *   - the next snapshot is built ahead of time, in a thread of its own
 *     inside the namespace: a request in the last quarter of the lifetime
 *     (or the last build time, if longer) starts it and is answered from
 *     the current rows, which go on answering past their expiry until it is
 *     done (rows are never older than the lifetime plus one build);
 *   - after a quiet spell (no build started before the expiry), or with no
 *     rows yet, a request waits for the build: table_set_rows() says so
 *     (NULL) and the caller answers it when the build is done;
 *   - a finished build signals one descriptor for the whole process
 *     (table_wake_fd), which the main loop watches; it then takes the build
 *     (table_set_collect) and answers what waited.  Nothing polls, and no
 *     thread is joined on a request's path;
 *   - a lifetime of 0 builds in place, in the request, every time (and a SET
 *     that must see the rows of now does so too).
 *
 * Build flags: what a build includes beyond the rows (the connection
 * tables' process scan).  A request that wants a flag the rows lack waits
 * for a build with it, unless the source can complete rows in place.
 */
#ifndef IPSTACK_TABLE_SET_H
#define IPSTACK_TABLE_SET_H

#include <stdbool.h>
#include <stdint.h>

#include "cache_rule.h"
#include "table_def.h"

/* A snapshot lives at least this many times what it took to build. */
#define TABLE_REFRESH_SHARE 20

/* What a kind of table is to the engine. */
struct table_source {
	const char *name; /* "connection tables", for log lines */
	void *(*snapshot_new)(void); /* NULL when out of memory */
	void (*snapshot_free)(void *snap);
	/* what a builder keeps between builds (a netlink socket), created in
	 * the namespace of its first build; NULL when out of memory */
	void *(*builder_new)(void);
	void (*builder_free)(void *builder);
	/*
	 * Replace the rows of `snap` with those of the namespace the calling
	 * thread is in, with what `flags` asks for; runs in a builder thread,
	 * or in the main thread for a build in place.  0, or a negative error
	 * (the snapshot then holds what could be read, maybe nothing).
	 */
	int (*build)(void *builder, void *snap, unsigned flags, const char *proc_root);
	/* Add what `flags` asks for to rows built without it, in place (NULL:
	 * never possible; such a request waits for a build). */
	void (*complete)(void *snap, unsigned flags, const char *proc_root);
	const char *(*strerror)(int err); /* for a build's error */
	const struct table_region *regions; /* the tables its snapshots hold */
	size_t nregions;
	/*
	 * 0: a snapshot lives up to TABLE_REFRESH_SHARE times its build time,
	 * which bounds the CPU a slow build takes.  Otherwise it never lives
	 * longer than the configured lifetime plus this: a change is seen
	 * within that at any size, at the price of building more often while
	 * requests come (routes: a million take 0.7 s to build).
	 */
	unsigned stale_slack_ms;
	/*
	 * Its requests are answered in the pass of the main loop they arrive
	 * in: no SETs, no rows completed later.  Then the previous rows are
	 * free as soon as a later request used the current ones, and a table
	 * rebuilt every few seconds is held twice, not three times.
	 */
	bool answers_at_once;
};

/*
 * The builds' outcome changed: `error` says what went wrong (NULL: they
 * work again); from the main thread, for the log.
 */
typedef void (*table_report_fn)(void *ctx, const struct table_source *src, const char *error);

struct table_set;

/* `netns_fd` -1: the process's own namespace (the fd stays the caller's). */
struct table_set *table_set_new(const struct table_source *src, int netns_fd,
				table_report_fn report, void *report_ctx);
/* Never waits: a build in progress is left to finish and is freed then. */
void table_set_free(struct table_set *t);
/* At start and on SIGHUP. */
void table_set_configure(struct table_set *t, const char *proc_root, unsigned lifetime_ms);

/*
 * The rows for request `key` (NULL: none known) at `now`, with the build
 * flags `want`.  NULL while a build runs (table_set_building): the request
 * must wait for it, a wake will come (table_wake_fd).  With `in_place` it
 * never waits: what cannot wait is answered from rows built here and now if
 * need be.  NULL with no build running: no rows could be read at all (out
 * of memory): an empty table.
 */
void *table_set_rows(struct table_set *t, const struct request_key *key, unsigned want,
		     bool in_place, uint64_t now);
bool table_set_building(const struct table_set *t);
/*
 * A walk is on its way to these tables (it entered the group that holds
 * them): start the build it would wait for, so that it runs while the walk
 * answers what comes before.  Nothing when the rows are fresh, or a build
 * runs, or the lifetime is 0.
 */
void table_set_prefetch(struct table_set *t, uint64_t now);
/* Rows of now, built in place unless this request has them already (a SET). */
void *table_set_rows_now(struct table_set *t, const struct request_key *key, uint64_t now);
/* The next request reads anew (the rows changed under them: deleteTCB). */
void table_set_invalidate(struct table_set *t);

/* The main loop, after a wake: take a finished build.  True if rows came. */
bool table_set_collect(struct table_set *t);
/* Wait for the build in progress and take it: before fork() alone (no
 * thread survives it), never on a request's path. */
void table_set_finish_build(struct table_set *t);
/* Asked since `since`, or a build running. */
bool table_set_in_use(const struct table_set *t, uint64_t since);
/* Give back the rows (an idle context); the next request builds anew. */
void table_set_release(struct table_set *t);
/* What answers now: when the rows were taken and what their build took. */
uint64_t table_set_taken_ms(const struct table_set *t);
unsigned table_set_refresh_ms(const struct table_set *t);

/*
 * The one descriptor finished builds signal (an eventfd, created by the
 * first call; -1 when it cannot be).  table_wake_drain() empties it and
 * frees the builds of sets that went away; table_engine_shutdown(), once
 * every set is freed, waits for the builds still running (from the main
 * thread, at exit or unload) and closes it.
 */
int table_wake_fd(void);
void table_wake_drain(void);
void table_engine_shutdown(void);

#endif
