/*
 * The one rule of when a snapshot may answer a request, shared by the
 * counters, the sysctl texts and the connection tables: every call of one
 * manager request (one AgentX session and transaction) gets the snapshot
 * its first call got, so a request never mixes two readings; between
 * requests a snapshot serves for its lifetime.
 *
 * Folder src/util/: small helpers with no knowledge of SNMP or of the
 * kernel files (file reading, numbers, arrays, escaping, the cache rule).
 * Includes nothing of ours outside this folder.
 */
#ifndef IPSTACK_CACHE_RULE_H
#define IPSTACK_CACHE_RULE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Longer than any one request can take (the master gives up after 5 x 1 s):
 * how long a transaction id is trusted, and when a SET the master never
 * finished counts as abandoned.
 */
#define REQUEST_MAX_MS 10000

/* One manager request: every AgentX message of it carries these ids. */
struct request_key {
	long session;
	long transaction;
};

/* The request a cached snapshot last answered. */
struct snapshot_cache {
	struct request_key key;
	bool key_valid;
};

/*
 * Whether a snapshot taken at `taken_ms` (`loaded`: there is one) may
 * answer the request `key` (NULL when unknown) at `now_ms`: within
 * `lifetime_ms`, and for the whole of the request it was taken for.
 * Remembers `key` for the next call.
 */
bool snapshot_cache_reuse(struct snapshot_cache *c, bool loaded, uint64_t taken_ms,
			  unsigned lifetime_ms, const struct request_key *key, uint64_t now_ms);

/* CLOCK_MONOTONIC in milliseconds. */
uint64_t monotonic_ms(void);

#endif
