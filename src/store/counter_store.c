/*
 * Snapshots of the kernel's statistics files and the cache in front of them.
 *
 * Every varbind of one manager request is answered from one snapshot, so
 * that related counters agree (InReceives against InDelivers, say): the
 * snapshot is keyed on the AgentX transaction, and otherwise reused for the
 * configured lifetime.  Reading the files takes tens of microseconds,
 * so a refresh never keeps the master waiting.
 */
#include "counter_store.h"

#include "grow_array.h"
#include "number_parse.h"
#include "netns.h"
#include "read_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One file per line. */
/* clang-format off */
static const char *const file_paths[COUNTER_FILE_COUNT] = {
	[COUNTER_FILE_SNMP] = "net/snmp",
	[COUNTER_FILE_NETSTAT] = "net/netstat",
	[COUNTER_FILE_SOCKSTAT] = "net/sockstat",
	[COUNTER_FILE_SNMP6] = "net/snmp6",
	[COUNTER_FILE_SOCKSTAT6] = "net/sockstat6",
};
/* clang-format on */

static const char *const sysctl_paths[COUNTER_SYSCTLS] = {
	"sys/net/ipv4/ipfrag_time", /* ipReasmTimeout */
	"sys/net/ipv6/conf/all/forwarding", /* ipv6IpForwarding */
	"sys/net/ipv6/conf/default/hop_limit", /* ipv6IpDefaultHopLimit */
};

static enum proc_layout file_layout(enum counter_file f)
{
	switch (f) {
	case COUNTER_FILE_SOCKSTAT:
	case COUNTER_FILE_SOCKSTAT6:
		return PROC_LAYOUT_SOCKSTAT;
	case COUNTER_FILE_SNMP6:
		return PROC_LAYOUT_FLAT;
	default:
		return PROC_LAYOUT_PAIRED;
	}
}

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/*
 * "net/snmp" is read as dir "<root>/net", name "snmp": the directories are
 * trusted (/proc/net is a link), the file itself must not be one.
 */
static int read_below_root(const char *proc_root, const char *path, char **text, size_t *len)
{
	char dir[4096];
	const char *name = strrchr(path, '/') + 1;

	if (snprintf(dir, sizeof(dir), "%s/%.*s", proc_root, (int)(name - 1 - path), path) >=
	    (int)sizeof(dir))
		return ENAMETOOLONG;
	return read_file(dir, name, text, len);
}

/* A tunable holding one decimal integer; absent when unreadable. */
static void read_sysctl(struct counter_snapshot *snap, const char *proc_root, size_t i)
{
	char *text, *nl;
	size_t len;
	long long v;

	snap->sysctl_present[i] = false;
	if (read_below_root(proc_root, sysctl_paths[i], &text, &len))
		return;
	if ((nl = strchr(text, '\n')))
		*nl = '\0';
	if (parse_llong(text, INT64_MIN, INT64_MAX, &v)) {
		snap->sysctls[i] = v;
		snap->sysctl_present[i] = true;
	}
	free(text);
}

bool counter_snapshot_sysctl(const struct counter_snapshot *snap, const char *path, int64_t *value)
{
	for (size_t i = 0; i < COUNTER_SYSCTLS; i++) {
		if (!strcmp(sysctl_paths[i], path) && snap->sysctl_present[i]) {
			*value = snap->sysctls[i];
			return true;
		}
	}
	return false;
}

void counter_snapshot_load(struct counter_snapshot *snap, const char *proc_root, proc_diag_fn diag,
			   void *diag_ctx)
{
	for (size_t i = 0; i < COUNTER_SYSCTLS; i++)
		read_sysctl(snap, proc_root, i);
	for (int f = 0; f < COUNTER_FILE_COUNT; f++) {
		char *text;
		size_t len;
		int err = read_below_root(proc_root, file_paths[f], &text, &len);

		if (err == ENOENT && (f == COUNTER_FILE_SNMP6 || f == COUNTER_FILE_SOCKSTAT6)) {
			/* IPv6 disabled: no ipv6 rows, nothing to complain about. */
			snap->files[f] = (struct proc_file){ .layout = file_layout(f) };
			continue;
		}
		if (err) {
			char what[160];
			snprintf(what, sizeof(what), "cannot read: %s", read_file_error(err));
			if (diag)
				diag(diag_ctx, file_paths[f], 0, what);
			snap->files[f] = (struct proc_file){ .layout = file_layout(f) };
			continue;
		}
		snap->skipped += proc_file_parse(&snap->files[f], file_layout(f), text, len,
						 file_paths[f], diag, diag_ctx);
	}
}

int counter_root_check(const char *proc_root)
{
	char *text;
	size_t len;
	int err = read_below_root(proc_root, file_paths[COUNTER_FILE_SNMP], &text, &len);

	if (!err)
		free(text);
	return err;
}

void counter_snapshot_free(struct counter_snapshot *snap)
{
	for (int f = 0; f < COUNTER_FILE_COUNT; f++)
		proc_file_free(&snap->files[f]);
	snap->skipped = 0;
}

const struct proc_field *counter_snapshot_find(const struct counter_snapshot *snap,
					       enum counter_file f, const char *section,
					       const char *field)
{
	return proc_file_find(&snap->files[f], section, field);
}

void counter_store_init(struct counter_store *cs, const char *proc_root, unsigned lifetime_ms,
			proc_diag_fn log, void *log_ctx)
{
	*cs = (struct counter_store){
		.proc_root = strdup(proc_root),
		.lifetime_ms = lifetime_ms,
		.log = log,
		.log_ctx = log_ctx,
		.netns_fd = -1,
	};
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void counter_store_free(struct counter_store *cs)
{
	if (cs->loaded)
		counter_snapshot_free(&cs->snap);
	free_strings(cs->seen, cs->nseen);
	free_strings(cs->fresh, cs->nfresh);
	free(cs->proc_root);
	*cs = (struct counter_store){ 0 };
}

/*
 * Diagnostics pass through here: a problem is logged when it first shows
 * up, not again on every refresh while it lasts.
 */
static void store_diag(void *ctx, const char *file, unsigned line, const char *what)
{
	struct counter_store *cs = ctx;
	char msg[512];
	bool seen = false;

	snprintf(msg, sizeof(msg), "%s:%u: %s", file, line, what);
	cs->parse_errors++;
	for (size_t i = 0; i < cs->nseen && !seen; i++)
		seen = !strcmp(cs->seen[i], msg);
	if (!seen && cs->log)
		cs->log(cs->log_ctx, file, line, what);
	if (!grow_array((void **)&cs->fresh, &cs->fresh_cap, cs->nfresh + 1, sizeof(*cs->fresh), 8))
		return;
	cs->fresh[cs->nfresh] = strdup(msg);
	if (cs->fresh[cs->nfresh])
		cs->nfresh++;
}

static void refresh(struct counter_store *cs, uint64_t now_ms)
{
	unsigned generation = cs->snap.generation;
	uint64_t t0 = now_us();

	if (cs->loaded)
		counter_snapshot_free(&cs->snap);
	cs->snap = (struct counter_snapshot){ 0 };
	counter_snapshot_load(&cs->snap, cs->proc_root, store_diag, cs);
	cs->snap.taken_ms = now_ms;
	cs->snap.generation = generation + 1;
	cs->loaded = true;
	cs->refreshes++;
	cs->last_refresh_us = now_us() - t0;

	free_strings(cs->seen, cs->nseen);
	cs->seen = cs->fresh;
	cs->nseen = cs->nfresh;
	cs->fresh = NULL;
	cs->nfresh = 0;
	cs->fresh_cap = 0;
}

void counter_store_invalidate(struct counter_store *cs)
{
	if (cs->loaded)
		counter_snapshot_free(&cs->snap); /* keeps the generation */
	cs->loaded = false;
	cs->cache.key_valid = false;
}

void counter_store_configure(struct counter_store *cs, const char *proc_root, unsigned lifetime_ms)
{
	if (strcmp(proc_root, cs->proc_root)) {
		free(cs->proc_root);
		cs->proc_root = strdup(proc_root);
		counter_store_invalidate(cs);
	}
	cs->lifetime_ms = lifetime_ms;
}

const struct counter_snapshot *counter_store_get(struct counter_store *cs,
						 const struct request_key *txn, uint64_t now_ms)
{
	if (snapshot_cache_reuse(&cs->cache, cs->loaded, cs->snap.taken_ms, cs->lifetime_ms, txn,
				 now_ms))
		return &cs->snap;
	/* a namespace that cannot be entered keeps what was read before */
	if ((cs->enter_error = netns_enter(cs->netns_fd)) == 0) {
		refresh(cs, now_ms);
		netns_leave(cs->netns_fd);
	}
	return &cs->snap;
}
