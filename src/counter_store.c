/*
 * Snapshots of the kernel's statistics files and the cache in front of them.
 *
 * Every varbind of one manager request is answered from one snapshot, so
 * that related counters agree (InReceives against InDelivers, say): the
 * snapshot is keyed on the AgentX transaction, and otherwise reused for the
 * configured lifetime.  Reading the three files takes tens of microseconds,
 * so a refresh never keeps the master waiting.
 */
#include "counter_store.h"

#include "read_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const file_paths[COUNTER_FILE_COUNT] = {
	[COUNTER_FILE_SNMP] = "net/snmp",
	[COUNTER_FILE_NETSTAT] = "net/netstat",
	[COUNTER_FILE_SOCKSTAT] = "net/sockstat",
	[COUNTER_FILE_SNMP6] = "net/snmp6",
};

const char *counter_file_path(enum counter_file f)
{
	return file_paths[f];
}

static enum proc_layout file_layout(enum counter_file f)
{
	switch (f) {
	case COUNTER_FILE_SOCKSTAT:
		return PROC_LAYOUT_SOCKSTAT;
	case COUNTER_FILE_SNMP6:
		return PROC_LAYOUT_FLAT;
	default:
		return PROC_LAYOUT_PAIRED;
	}
}

uint64_t counter_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* "net/snmp" -> dir "<root>/net", name "snmp": /proc/net is a link, its files must not be. */
static int read_counter_file(const char *proc_root, enum counter_file f, char **text, size_t *len)
{
	char dir[4096];
	const char *name = strrchr(file_paths[f], '/') + 1;

	if (snprintf(dir, sizeof(dir), "%s/%.*s", proc_root, (int)(name - 1 - file_paths[f]),
		     file_paths[f]) >= (int)sizeof(dir))
		return ENAMETOOLONG;
	return read_file(dir, name, text, len);
}

static const char *read_error(int err)
{
	switch (err) {
	case EINVAL: /* read_fd()'s answer for what is not a regular file */
		return "not a regular file";
	case ELOOP:
		return "a symbolic link, not followed";
	default:
		return strerror(err);
	}
}

void counter_snapshot_load(struct counter_snapshot *snap, const char *proc_root, proc_diag_fn diag,
			   void *diag_ctx)
{
	for (int f = 0; f < COUNTER_FILE_COUNT; f++) {
		char *text;
		size_t len;
		int err = read_counter_file(proc_root, (enum counter_file)f, &text, &len);

		if (err == ENOENT && f == COUNTER_FILE_SNMP6) {
			/* IPv6 disabled: no ipv6 rows, nothing to complain about. */
			snap->files[f] = (struct proc_file){ .layout = file_layout(f) };
			continue;
		}
		if (err) {
			char what[160];
			snprintf(what, sizeof(what), "cannot read: %s", read_error(err));
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
	int err = read_counter_file(proc_root, COUNTER_FILE_SNMP, &text, &len);

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
	char **n = realloc(cs->fresh, (cs->nfresh + 1) * sizeof(*n));
	if (!n)
		return;
	cs->fresh = n;
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
}

void counter_store_invalidate(struct counter_store *cs)
{
	if (cs->loaded)
		counter_snapshot_free(&cs->snap); /* keeps the generation */
	cs->loaded = false;
	cs->cache.txn_valid = false;
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

bool counter_cache_reuse(struct counter_cache *c, bool loaded, uint64_t taken_ms,
			 unsigned lifetime_ms, const struct counter_txn *txn, uint64_t now_ms)
{
	bool fresh = loaded && now_ms - taken_ms < lifetime_ms;
	/*
	 * Transaction ids restart with the master, so an old id is only
	 * trusted for as long as one request can possibly last.
	 */
	bool same = loaded && txn && c->txn_valid && txn->session == c->txn.session &&
		txn->transaction == c->txn.transaction && now_ms - taken_ms < REQUEST_MAX_MS;

	if (txn) {
		c->txn = *txn;
		c->txn_valid = true;
	}
	return fresh || same;
}

const struct counter_snapshot *counter_store_get(struct counter_store *cs,
						 const struct counter_txn *txn, uint64_t now_ms)
{
	if (!counter_cache_reuse(&cs->cache, cs->loaded, cs->snap.taken_ms, cs->lifetime_ms, txn,
				 now_ms))
		refresh(cs, now_ms);
	return &cs->snap;
}
