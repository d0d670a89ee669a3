/*
 * The counter store: one snapshot of the kernel's IPv4 statistics, and the
 * cache that decides when a request may reuse it.
 *
 * A snapshot holds /proc/net/snmp, /proc/net/netstat and /proc/net/sockstat,
 * and /proc/net/snmp6 and /proc/net/sockstat6 where IPv6 is enabled, exactly as the kernel laid them out (see proc_counters.h), read from a
 * proc root that defaults to /proc and can point at a fixture tree.
 *
 * Folder src/store/: the counter store (parser, renderer, snapshots,
 * --dump).  No net-snmp headers; may include src/util/.
 */
#ifndef IPSTACK_COUNTER_STORE_H
#define IPSTACK_COUNTER_STORE_H

#include "cache_rule.h"
#include "proc_counters.h"

enum counter_file {
	COUNTER_FILE_SNMP,
	COUNTER_FILE_NETSTAT,
	COUNTER_FILE_SOCKSTAT,
	/* IPv6's counters ("Name value" lines); absent when IPv6 is disabled,
	 * and then absent from --dump too. */
	COUNTER_FILE_SNMP6,
	/* IPv6's socket counts (sockstat's layout); absent likewise. */
	COUNTER_FILE_SOCKSTAT6,
	COUNTER_FILE_COUNT,
};

/* Single-integer tunables some objects show (ipReasmTimeout,
 * ipv6IpForwarding, ipv6IpDefaultHopLimit): read with the files, so that
 * one request sees one reading of everything. */
#define COUNTER_SYSCTLS 3

struct counter_snapshot {
	struct proc_file files[COUNTER_FILE_COUNT];
	uint64_t taken_ms; /* monotonic time of the read */
	unsigned generation; /* bumps with every new snapshot */
	unsigned skipped; /* sections skipped as malformed */
	/* the single-integer tunables of counter_snapshot_sysctl(), same order */
	int64_t sysctls[COUNTER_SYSCTLS];
	bool sysctl_present[COUNTER_SYSCTLS];
};

/*
 * Read every file below `proc_root`.  A missing or unreadable file is
 * reported through `diag` (line 0) and left empty; never fails as a whole.
 */
void counter_snapshot_load(struct counter_snapshot *snap, const char *proc_root, proc_diag_fn diag,
			   void *diag_ctx);
void counter_snapshot_free(struct counter_snapshot *snap);

/* 0 when `proc_root`/net/snmp can be read, else an errno value. */
int counter_root_check(const char *proc_root);

/*
 * A tunable read with the snapshot, by its path below the proc root
 * ("sys/net/ipv4/ipfrag_time"); false when it is not one of them or the
 * kernel does not have it.
 */
bool counter_snapshot_sysctl(const struct counter_snapshot *snap, const char *path, int64_t *value);

/* A field of one file, or NULL when the running kernel does not print it. */
const struct proc_field *counter_snapshot_find(const struct counter_snapshot *snap,
					       enum counter_file f, const char *section,
					       const char *field);

struct counter_store {
	char *proc_root;
	unsigned lifetime_ms;
	struct counter_snapshot snap;
	bool loaded;
	struct snapshot_cache cache;
	/* health, for the agent's own objects */
	unsigned long refreshes;
	unsigned long parse_errors;
	uint64_t last_refresh_us;
	/* diagnostics of the previous refresh, so a persistent problem logs once */
	char **seen;
	size_t nseen;
	char **fresh;
	size_t nfresh, fresh_cap;
	proc_diag_fn log;
	void *log_ctx;
	/* the network namespace the files are read in (-1: the process's own;
	 * set after counter_store_init), and why it could not be entered */
	int netns_fd;
	int enter_error;
};

void counter_store_init(struct counter_store *cs, const char *proc_root, unsigned lifetime_ms,
			proc_diag_fn log, void *log_ctx);
void counter_store_free(struct counter_store *cs);
/* The next request reads the files again (after a sysctl write, say). */
void counter_store_invalidate(struct counter_store *cs);
/* New settings (SIGHUP); a new proc root is read on the next request. */
void counter_store_configure(struct counter_store *cs, const char *proc_root, unsigned lifetime_ms);

/*
 * The snapshot for a request: the same one for every call with the same
 * transaction, and for any call within the lifetime of the last refresh;
 * otherwise the files are read again.  `txn` may be NULL.
 */
const struct counter_snapshot *counter_store_get(struct counter_store *cs,
						 const struct request_key *txn, uint64_t now_ms);

uint64_t monotonic_ms(void);

#endif
