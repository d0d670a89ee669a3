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
 * The SET transactions themselves, with their bound and expiry, are the
 * agent's (set_txn.h): each holds one journal.  No SNMP here.
 */
#ifndef IPSTACK_SYSCTL_TXN_H
#define IPSTACK_SYSCTL_TXN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sysctl_persist.h"
#include "sysctl_tree.h"

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

/* The journal of one SET transaction. */
struct sysctl_txn {
	struct sysctl_write_rec *writes; /* in order of application */
	size_t n, cap;
	bool undone;
	/* persistSets: the file as it was before the transaction first wrote it */
	char *persist_file; /* NULL: not written */
	char *persist_old; /* NULL: there was no file */
};

/* Free what the journal holds; it is empty again. */
void sysctl_txn_clear(struct sysctl_txn *t);

/*
 * Before writing `e`: save its text and its aliases'.  0, or an errno
 * value when `e` cannot be read (then nothing may be written).
 */
int sysctl_txn_save(struct sysctl_txn *t, struct sysctl_tree *tree, struct sysctl_entry *e);
/* The last saved write went as far as opening the file. */
void sysctl_txn_touched(struct sysctl_txn *t);

/*
 * Before the first write of the transaction to `file` (persistSets): add
 * the lines of `sets` to it, keeping what it held for an undo.  0 or errno.
 */
int sysctl_txn_persist(struct sysctl_txn *t, const char *file,
		       const struct sysctl_persist_set *sets, size_t n);

/* Called for each file restored (err 0) or not restorable (an errno value). */
typedef void (*sysctl_undo_fn)(void *ctx, const char *path, const char *old, int err);

/*
 * Undo every write, once, and put the persistSets file back as it was;
 * returns how many files could not be restored.
 */
unsigned sysctl_txn_undo(struct sysctl_txn *t, sysctl_undo_fn fn, void *ctx);

#endif
