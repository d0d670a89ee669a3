/* The one rule of when a snapshot may answer a request (see cache_rule.h). */
#include "cache_rule.h"

#include <stddef.h>
#include <time.h>

uint64_t monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

bool snapshot_cache_reuse(struct snapshot_cache *c, bool loaded, uint64_t taken_ms,
			  unsigned lifetime_ms, const struct request_key *key, uint64_t now_ms)
{
	bool fresh = loaded && now_ms - taken_ms < lifetime_ms;
	/*
	 * Transaction ids restart with the master, so an old id is only
	 * trusted for as long as one request can possibly last.
	 */
	bool same = loaded && key && c->key_valid && key->session == c->key.session &&
		key->transaction == c->key.transaction && now_ms - taken_ms < REQUEST_MAX_MS;

	if (key) {
		c->key = *key;
		c->key_valid = true;
	}
	return fresh || same;
}
