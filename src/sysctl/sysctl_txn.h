/*
 * The undo journal of SET transactions.
 *
 * A SET can span several of our handlers (ipForwarding.0 and a row of
 * ipstackSysctlTable), and net-snmp calls each in registration order, so
 * the journal belongs to the transaction, not to a varbind: ACTION saves,
 * just before each write, the text of every file the write may change (the
 * written entry and its aliases, sysctl_alias.h); the first UNDO restores
 * them in reverse order of application: each write's own entry first, then
 * whichever of its aliases still differ from their saved text.  Empty
 * values are restored as a lone newline, since the kernel ignores an empty
 * write.
 *
 * Open transactions are few and bounded: a transaction the master
 * abandons (no COMMIT, UNDO or FREE) is dropped after a request's longest
 * lifetime.  No SNMP here.
 */
#ifndef IPSTACK_SYSCTL_TXN_H
#define IPSTACK_SYSCTL_TXN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sysctl_tree.h"

/* At most this many SET transactions are open at once: twice the AgentX
 * layer's bound (agentx_sets.h), so that a cleanup in flight never makes us
 * refuse a transaction the AgentX layer let through. */
#define SYSCTL_TXN_MAX 32

struct sysctl_saved {
	char path[SYSCTL_PATH_MAX + 1];
	char *old;
};

/* One write: files[0] is the written entry, the rest its aliases. */
struct sysctl_write_rec {
	struct sysctl_tree *tree; /* the directory its files are in */
	struct sysctl_saved *files;
	size_t n;
	bool touched; /* the file was opened for writing: it may have changed */
};

struct sysctl_txn {
	bool open;
	long session;
	long transaction;
	uint64_t started_ms;
	struct sysctl_write_rec *writes; /* in order of application */
	size_t n, cap;
	bool undone;
	bool finished; /* its last phase ran; freed between requests */
};

struct sysctl_txns {
	struct sysctl_txn t[SYSCTL_TXN_MAX];
};

/* The open transaction with this key, or NULL. */
struct sysctl_txn *sysctl_txn_find(struct sysctl_txns *all, long session, long transaction);
/* Find or open; NULL when SYSCTL_TXN_MAX are open. */
struct sysctl_txn *sysctl_txn_begin(struct sysctl_txns *all, long session, long transaction,
				    uint64_t now_ms);
void sysctl_txn_end(struct sysctl_txn *t);
/* Close transactions older than max_age_ms; returns how many. */
unsigned sysctl_txn_expire(struct sysctl_txns *all, uint64_t now_ms, uint64_t max_age_ms);
bool sysctl_txn_any_open(const struct sysctl_txns *all);
/* End the finished ones; returns how many. */
unsigned sysctl_txn_reap(struct sysctl_txns *all);
void sysctl_txns_free(struct sysctl_txns *all);

/*
 * Before writing `e`: save its text and its aliases'.  0, or an errno
 * value when `e` cannot be read (then nothing may be written).
 */
int sysctl_txn_save(struct sysctl_txn *t, struct sysctl_tree *tree, struct sysctl_entry *e);
/* The last saved write went as far as opening the file. */
void sysctl_txn_touched(struct sysctl_txn *t);

/* Called for each file restored (err 0) or not restorable (an errno value). */
typedef void (*sysctl_undo_fn)(void *ctx, const char *path, const char *old, int err);

/* Undo every write, once; returns how many files could not be restored. */
unsigned sysctl_txn_undo(struct sysctl_txn *t, sysctl_undo_fn fn, void *ctx);

#endif
