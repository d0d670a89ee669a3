/* The SET transactions in progress (see set_txn.h). */
#include "set_txn.h"

#include "counter_store.h"
#include "log.h"
#include "request_txn.h"

static struct sysctl_txns open_txns;

static void expire(uint64_t now)
{
	unsigned n = sysctl_txn_expire(&open_txns, now, REQUEST_MAX_MS);

	if (n)
		log_warnx("%u SET transaction%s abandoned by the master (no commit, undo or "
			  "cleanup within %u s): forgotten; what was written stays",
			  n, n == 1 ? "" : "s", REQUEST_MAX_MS / 1000);
}

static struct request_key key_of(netsnmp_agent_request_info *reqinfo)
{
	struct request_key buf = { -1, -1 };
	const struct request_key *k = request_txn(reqinfo, &buf);

	return k ? *k : buf;
}

struct sysctl_txn *set_txn_track(netsnmp_agent_request_info *reqinfo)
{
	struct request_key k = key_of(reqinfo);
	uint64_t now = monotonic_ms();

	if (reqinfo->mode != MODE_SET_RESERVE1)
		return sysctl_txn_find(&open_txns, k.session, k.transaction);
	sysctl_txn_reap(&open_txns);
	expire(now);
	return sysctl_txn_begin(&open_txns, k.session, k.transaction, now);
}

void set_txn_finish(netsnmp_agent_request_info *reqinfo)
{
	struct request_key k = key_of(reqinfo);
	struct sysctl_txn *t;

	if (reqinfo->mode != MODE_SET_COMMIT && reqinfo->mode != MODE_SET_UNDO &&
	    reqinfo->mode != MODE_SET_FREE)
		return;
	if ((t = sysctl_txn_find(&open_txns, k.session, k.transaction)))
		t->finished = true;
}

bool set_txn_in_progress(void)
{
	sysctl_txn_reap(&open_txns);
	expire(monotonic_ms());
	return sysctl_txn_any_open(&open_txns);
}

void set_txn_shutdown(void)
{
	sysctl_txns_free(&open_txns);
}
