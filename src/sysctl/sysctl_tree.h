/*
 * The sysctl entries of the running kernel: discovered by walking
 * <proc-root>/sys/net/ipv4 and .../ipv6, matched to the table model, read
 * and written.
 * A path from an SNMP index is only ever looked up here, never pasted into
 * a file name: nothing outside the discovered entries is opened.
 *
 * Folder src/sysctl/: the model of the kernel's net/ipv4 sysctl table,
 * the entries of the running kernel, validation, write policy, aliases and
 * the undo journal.  No net-snmp headers; may include src/util/.
 */
#ifndef IPSTACK_SYSCTL_TREE_H
#define IPSTACK_SYSCTL_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sysctl_table.h"

/* Longest path we serve: the index's SIZE(1..96). */
#define SYSCTL_PATH_MAX 96

/*
 * One tree holds both directories served, net/ipv4 and net/ipv6
 * (ipstackSysctlTable, and IP-MIB's scalars and interface objects that
 * write tunables).  An entry's path is its name everywhere (index, policy,
 * aliases, logs, undo): below net/ipv4 as it is, below net/ipv6 with
 * "ipv6/" in front; no net/ipv4 entry starts so.
 */
struct sysctl_entry {
	char path[SYSCTL_PATH_MAX + 1]; /* "conf/eth0/rp_filter", "ipv6/conf/all/forwarding" */
	size_t pathlen;
	uint16_t mode; /* the file's actual mode */
	const struct sysctl_row *row; /* NULL: not in our table, read-only */
	char *text; /* cached value without the final newline */
	bool have_text;
};

struct sysctl_tree {
	char *dir; /* <proc-root>/sys/net */
	struct sysctl_entry *entries; /* in index order: by length, then bytes */
	size_t n;
	size_t cap;
	uint64_t read_ms; /* when the cached texts were read */
	bool stale; /* re-walk before the next use */
};

void sysctl_tree_init(struct sysctl_tree *t, const char *proc_root);
void sysctl_tree_free(struct sysctl_tree *t);

/* (Re)discover the entries; returns their number. */
size_t sysctl_tree_scan(struct sysctl_tree *t);

/* The index order of paths, a length-prefixed OCTET STRING's: shorter
 * first, then bytes.  <0, 0 or >0 as strcmp. */
int sysctl_path_order(const char *a, size_t alen, const char *b, size_t blen);

/* The file of a path, relative to t->dir ("ipv4/tcp_sack", "ipv6/bindv6only"). */
const char *sysctl_tree_file(const char *path, char *buf, size_t len);

/* Entry with this exact path (any bytes), or NULL. */
struct sysctl_entry *sysctl_tree_find(struct sysctl_tree *t, const char *path, size_t len);

/* Read the entry's current text into e->text; false if it cannot be read. */
bool sysctl_tree_read(struct sysctl_tree *t, struct sysctl_entry *e);

/*
 * Write text to the entry's file in one write(2); 0 or an errno value.
 * *opened (if not NULL) tells whether the file was opened, i.e. whether the
 * kernel may have stored anything: a refusal at open (EACCES, EPERM, no
 * such file) changes nothing.
 */
int sysctl_tree_write(const struct sysctl_tree *t, const struct sysctl_entry *e, const char *text,
		      size_t len, bool *opened);

/* The entry is writable by its file mode and its handler. */
bool sysctl_entry_writable(const struct sysctl_entry *e);

#endif
