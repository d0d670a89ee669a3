/* The SET transactions in progress (see set_txn.h). */
#include "set_txn.h"

#include "log.h"
#include "netsnmp_internals.h"

static struct set_txn txns[SET_TXN_MAX];
static unsigned long abandoned_total;

struct set_txn *set_txn_find(const struct request_key *key)
{
	for (size_t i = 0; key && i < SET_TXN_MAX; i++)
		if (txns[i].open && txns[i].key.session == key->session &&
		    txns[i].key.transaction == key->transaction)
			return &txns[i];
	return NULL;
}

struct set_txn *set_txn_open(const struct request_key *key, bool by_master, uint64_t now)
{
	struct set_txn *t = set_txn_find(key);

	for (size_t i = 0; !t && i < SET_TXN_MAX; i++) {
		if (!txns[i].open) {
			t = &txns[i];
			*t = (struct set_txn){
				.open = true, .key = *key, .since_ms = now, .by_master = by_master
			};
		}
	}
	return t;
}

void set_txn_end(struct set_txn *t)
{
	t->ended = true;
}

void set_txn_master_end(struct set_txn *t)
{
	t->master_ended = true;
}

/* Over: no phase of it will run again. */
static bool over(const struct set_txn *t)
{
	return t->ended || (t->master_ended && !t->handled);
}

static void forget(struct set_txn *t)
{
	sysctl_txn_clear(&t->journal);
	*t = (struct set_txn){ 0 };
}

/* Logged at 1, 2, 4, 8 ...: a master that abandons everything cannot flood the log. */
static bool worth_a_line(unsigned long count)
{
	return !(count & (count - 1));
}

void set_txn_reap(void)
{
	for (size_t i = 0; i < SET_TXN_MAX; i++)
		if (txns[i].open && over(&txns[i]))
			forget(&txns[i]);
}

unsigned set_txn_expire(uint64_t now, set_txn_abandoned_fn abandoned, void *ctx)
{
	unsigned n = 0;

	for (size_t i = 0; i < SET_TXN_MAX; i++) {
		struct set_txn *t = &txns[i];

		if (!t->open || over(t) || now - t->since_ms <= REQUEST_MAX_MS)
			continue;
		n++;
		if (worth_a_line(++abandoned_total))
			log_warnx(
				"SET transaction %ld abandoned (no commit, undo or cleanup within "
				"%u s): %s; what was written stays (%lu so far)",
				t->key.transaction, REQUEST_MAX_MS / 1000,
				abandoned && t->by_master && !t->master_ended
					? "cleaned up for the master"
					: "forgotten",
				abandoned_total);
		if (abandoned && t->by_master && !t->master_ended)
			abandoned(t, ctx);
		t->ended = true;
	}
	set_txn_reap();
	return n;
}

bool set_txn_in_progress(void)
{
	for (size_t i = 0; i < SET_TXN_MAX; i++)
		if (txns[i].open && !over(&txns[i]))
			return true;
	return false;
}

struct set_txn *set_txn_track(netsnmp_agent_request_info *reqinfo)
{
	struct request_key buf = { -1, -1 };
	const struct request_key *k = ns_request_key(reqinfo, &buf);
	struct set_txn *t;

	if (!k)
		k = &buf;
	if (reqinfo->mode != MODE_SET_RESERVE1) {
		if ((t = set_txn_find(k)))
			t->handled = true;
		return t;
	}
	/* a new SET: every phase of the ended ones is over; inside snmpd
	 * (no master to clean up for) the abandoned ones are forgotten */
	if (!set_txn_find(k))
		set_txn_expire(monotonic_ms(), NULL, NULL);
	if (!(t = set_txn_open(k, false, monotonic_ms())))
		log_warnx("SET refused: %d SET transactions are open already", SET_TXN_MAX);
	else
		t->handled = true;
	return t;
}

void set_txn_finish(netsnmp_agent_request_info *reqinfo)
{
	struct request_key buf;
	const struct request_key *k = ns_request_key(reqinfo, &buf);
	struct set_txn *t;

	if (reqinfo->mode != MODE_SET_COMMIT && reqinfo->mode != MODE_SET_UNDO &&
	    reqinfo->mode != MODE_SET_FREE)
		return;
	if ((t = set_txn_find(k)))
		set_txn_end(t);
}

void set_txn_shutdown(void)
{
	for (size_t i = 0; i < SET_TXN_MAX; i++)
		if (txns[i].open)
			forget(&txns[i]);
}
