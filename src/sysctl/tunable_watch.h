/*
 * What ipstackTunableChanged notifications are made of, for one network
 * namespace: the last known text of each tunable, and the rate limit of at
 * most one notification per tunable per second.  A change inside a
 * tunable's second is held, and when the second is over one notification
 * carries the final value (from the last one sent) unless it went back to
 * it.  The first sight of a tunable (start, a new interface) is not a
 * change.  No SNMP here: the caller reads the files, sends, and keeps time.
 */
#ifndef IPSTACK_TUNABLE_WATCH_H
#define IPSTACK_TUNABLE_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ipstackTunableSource */
enum tunable_source {
	TUNABLE_BY_SNMP = 1, /* a SET through this agent */
	TUNABLE_OUTSIDE = 2, /* anything else */
};

/* At most one notification per tunable in this many milliseconds. */
#define TUNABLE_NOTIFY_GAP_MS 1000

typedef void (*tunable_emit_fn)(void *ctx, const char *path, const char *old, const char *now,
				enum tunable_source source);

struct tunable_watch;

struct tunable_watch *tunable_watch_new(void);
void tunable_watch_free(struct tunable_watch *w);

/* The text of `path` read at `now`: a change from the known text is emitted
 * (or held by the rate limit). */
void tunable_watch_seen(struct tunable_watch *w, const char *path, const char *text,
			enum tunable_source source, uint64_t now, tunable_emit_fn emit, void *ctx);

/* The text `path` has now, known without a notification (the other files a
 * SET changed). */
void tunable_watch_know(struct tunable_watch *w, const char *path, const char *text);

/* Emit what the rate limit held and whose second is over. */
void tunable_watch_flush(struct tunable_watch *w, uint64_t now, tunable_emit_fn emit, void *ctx);

/* How many tunables are known (a poll's size). */
size_t tunable_watch_count(const struct tunable_watch *w);

#endif
