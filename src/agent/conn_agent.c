/*
 * The connection tables over AgentX (see conn_agent.h).
 *
 * Each table is one region, the very one snmpd's own module registers for
 * it (tcpConnTable 6.13, tcpConnectionTable 6.19, tcpListenerTable 6.20,
 * udpTable 7.5, udpEndpointTable 7.7), so that snmpd's module, with its own
 * 60 s cache, is never asked for a row: every row, IPv4 and IPv6, is ours.
 * One handler serves them all from the columns[] and regions[] below.
 *
 * A request's rows come from one inet_diag dump, reused like the counters
 * (same transaction, or within the cache lifetime), built in a thread of
 * its own; a read that has to wait for a build waits delegated
 * (delegated_wait.h), so nothing else waits with it.  A SET of deleteTCB
 * looks the connection up in a dump of its own transaction, then destroys
 * it in COMMIT, the one phase after which nothing can fail.
 */
#include "conn_agent.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <errno.h>
#include <netinet/tcp.h>
#include <netlink/errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn_build.h"
#include "conn_diag.h"
#include "conn_table.h"
#include "counter_store.h"
#include "delegated_wait.h"
#include "log.h"
#include "netns.h"
#include "registrations.h"
#include "mib_oids.h"
#include "set_txn.h"
#include "request_txn.h"

enum conn_value {
	VALUE_STATE, /* tcpConnectionState, tcpConnState */
	VALUE_PROCESS, /* tcpConnectionProcess, tcpListenerProcess, udpEndpointProcess */
	VALUE_LOCAL_ADDRESS, /* the legacy tables' IpAddress and port columns */
	VALUE_LOCAL_PORT,
	VALUE_REMOTE_ADDRESS,
	VALUE_REMOTE_PORT,
};

struct conn_column {
	const char *name;
	oid col[10]; /* the column's OID: <table>.1.<column> */
	size_t len;
	enum conn_table_id table;
	enum conn_value value;
};

#define TCP_COL(t, c) { MIB_OID_TCP, t, 1, c }, MIB_OID_MIB2_LEN + 4
#define UDP_COL(t, c) { MIB_OID_UDP, t, 1, c }, MIB_OID_MIB2_LEN + 4

/* Every accessible column, in OID order. */
static const struct conn_column columns[] = {
	{ "tcpConnState", TCP_COL(13, 1), CONN_TCP_CONN, VALUE_STATE },
	{ "tcpConnLocalAddress", TCP_COL(13, 2), CONN_TCP_CONN, VALUE_LOCAL_ADDRESS },
	{ "tcpConnLocalPort", TCP_COL(13, 3), CONN_TCP_CONN, VALUE_LOCAL_PORT },
	{ "tcpConnRemAddress", TCP_COL(13, 4), CONN_TCP_CONN, VALUE_REMOTE_ADDRESS },
	{ "tcpConnRemPort", TCP_COL(13, 5), CONN_TCP_CONN, VALUE_REMOTE_PORT },
	{ "tcpConnectionState", TCP_COL(19, 7), CONN_TCP_CONNECTION, VALUE_STATE },
	{ "tcpConnectionProcess", TCP_COL(19, 8), CONN_TCP_CONNECTION, VALUE_PROCESS },
	{ "tcpListenerProcess", TCP_COL(20, 4), CONN_TCP_LISTENER, VALUE_PROCESS },
	{ "udpLocalAddress", UDP_COL(5, 1), CONN_UDP, VALUE_LOCAL_ADDRESS },
	{ "udpLocalPort", UDP_COL(5, 2), CONN_UDP, VALUE_LOCAL_PORT },
	{ "udpEndpointProcess", UDP_COL(7, 8), CONN_UDP_ENDPOINT, VALUE_PROCESS },
};

/* The regions: a table and its columns, columns[first .. first + n). */
struct conn_region {
	const char *name;
	oid root[8];
	size_t len;
	size_t first, n;
	bool writable; /* a state column: deleteTCB */
};

#define TCP_TABLE(t) { MIB_OID_TCP, t }, MIB_OID_MIB2_LEN + 2
#define UDP_TABLE(t) { MIB_OID_UDP, t }, MIB_OID_MIB2_LEN + 2

static const struct conn_region regions[] = {
	{ "tcpConnTable", TCP_TABLE(13), 0, 5, true },
	{ "tcpConnectionTable", TCP_TABLE(19), 5, 2, true },
	{ "tcpListenerTable", TCP_TABLE(20), 7, 1, false },
	{ "udpTable", UDP_TABLE(5), 8, 2, false },
	{ "udpEndpointTable", UDP_TABLE(7), 10, 1, false },
};

static struct conn_agent_config config;

/* The request that took a snapshot: later messages of it get the same rows. */
struct pin {
	struct request_key key;
	bool valid;
};

/* One namespace's rows: the daemon's own, or a context's (netns_contexts.c). */
struct conn_state {
	int netns_fd; /* -1: the daemon's own namespace */
	char *context; /* the SNMP context, for log lines: "" for the default */
	struct conn_diag diag; /* created inside the namespace: SETs and in-place dumps */
	struct conn_snapshot snap; /* what answers */
	struct pin pin;
	/* the one before: a request that began on it finishes on it */
	struct conn_snapshot prev;
	struct pin prev_pin;
	struct conn_build build; /* the next one, built off the main thread */
	uint64_t build_started_ms;
	bool want_pids; /* a process column was asked: builds scan /proc too */
	int last_error;
	uint64_t used_ms; /* when a request last asked */
};

static struct conn_state own = { .netns_fd = -1, .context = "" };

void conn_agent_configure(const struct conn_agent_config *c)
{
	char *root = strdup(c->proc_root);

	free((char *)config.proc_root);
	config = *c;
	config.proc_root = root;
}

struct conn_state *conn_state_new(const char *context, int netns_fd)
{
	struct conn_state *st = calloc(1, sizeof(*st));

	if (st && !(st->context = strdup(context))) {
		free(st);
		return NULL;
	}
	if (st)
		st->netns_fd = netns_fd;
	return st;
}

static void release(struct conn_state *st)
{
	delegated_wait_drop(st); /* reads waiting for the rows end (genErr) */
	conn_build_free(&st->build); /* waits for a build in progress */
	conn_snapshot_free(&st->snap);
	conn_snapshot_free(&st->prev);
	st->pin.valid = st->prev_pin.valid = false;
}

bool conn_state_release_idle(struct conn_state *st, uint64_t since_ms)
{
	if (!st || st->used_ms >= since_ms || st->build.running || delegated_wait_pending(st))
		return false;
	release(st);
	return true;
}

static void state_clear(struct conn_state *st)
{
	release(st);
	conn_diag_close(&st->diag);
}

void conn_state_free(struct conn_state *st)
{
	if (!st)
		return;
	state_clear(st);
	free(st->context);
	free(st);
}

void conn_agent_shutdown(void)
{
	delegated_wait_drop(NULL); /* no retry alarm may outlive the module */
	state_clear(&own);
	free((char *)config.proc_root);
	config = (struct conn_agent_config){ 0 };
}

static void take_build(struct conn_state *st);

void conn_state_join(struct conn_state *st)
{
	if (!st)
		st = &own;
	if (st->build.running)
		take_build(st);
}

/*
 * A dump of 100k sockets plus the process scan over their descriptors
 * takes most of a second: refreshed every cache lifetime, the builds would
 * take most of a CPU.  So a snapshot lives at least REFRESH_SHARE times
 * what it cost to build, which bounds refreshing to a twentieth of the
 * time whatever the table size (snmpd's own modules keep these tables for
 * up to 60 s).
 */
#define REFRESH_SHARE 20

static unsigned lifetime(const struct conn_snapshot *snap, unsigned configured_ms)
{
	unsigned adaptive = snap->refresh_ms * REFRESH_SHARE;

	return configured_ms && adaptive > configured_ms ? adaptive : configured_ms;
}

/* A dump's outcome, logged when it changes. */
static void report(struct conn_state *st, int err, const struct conn_snapshot *snap)
{
	DEBUGMSGTL(("ipstack:conn", "dump%s: %zu rows in %u ms\n", log_in_context(st->context),
		    snap->n, snap->refresh_ms));
	if (err < 0 && err != st->last_error)
		log_warnx("connection tables%s: inet_diag dump failed: %s; serving no rows",
			  log_in_context(st->context), nl_geterror(err));
	else if (!err && st->last_error)
		log_notice("connection tables%s: inet_diag dump works again",
			   log_in_context(st->context));
	st->last_error = err;
}

/* The current rows become the previous ones (with their request). */
static void retire_current(struct conn_state *st)
{
	struct conn_snapshot old = st->prev;

	st->prev = st->snap;
	st->prev_pin = st->pin;
	st->snap = old; /* a buffer now: rows are replaced */
	st->pin.valid = false;
}

/* Take the background build (waiting for it if it still runs). */
static void take_build(struct conn_state *st)
{
	int err;

	retire_current(st);
	err = conn_build_take(&st->build, &st->snap);
	st->snap.loaded = true;
	st->snap.taken_ms = st->build_started_ms;
	report(st, err, &st->snap);
}

/* Dump here and now, in the main thread (a SET; cacheLifetime 0; no thread). */
static void dump_now(struct conn_state *st, uint64_t now)
{
	int err;

	if (st->build.running)
		take_build(st); /* one build at a time; its rows are superseded below */
	err = conn_diag_dump_in(&st->diag, &st->snap, st->netns_fd);
	st->snap.refresh_ms = (unsigned)(monotonic_ms() - now);
	st->snap.loaded = true;
	st->snap.taken_ms = now;
	st->pin.valid = false;
	report(st, err, &st->snap);
}

/* A build starts this share of the lifetime (or one build time) before expiry. */
#define AHEAD_SHARE 4

/* Start the next build in the background; false when no thread could be started. */
static bool start_build(struct conn_state *st, uint64_t now)
{
	st->build_started_ms = now;
	return conn_build_start(&st->build, st->netns_fd, config.proc_root, st->want_pids);
}

static bool pinned(const struct pin *p, const struct conn_snapshot *s,
		   const struct request_key *key, uint64_t now)
{
	return key && p->valid && s->loaded && p->key.session == key->session &&
		p->key.transaction == key->transaction && now - s->taken_ms < REQUEST_MAX_MS;
}

/*
 * The rows for this request.  `lifetime_ms` 0 allows reuse within the
 * request's own transaction only (a SET must see the sockets of now).
 *
 * Otherwise the next snapshot is built in the background ahead of time: a
 * request in the last quarter of the lifetime (or the last build time, if
 * longer) starts it and is answered from the current rows, which go on
 * answering past their expiry while that build runs, so they are never
 * older than the lifetime plus one build.  With no build started before
 * the expiry (a quiet spell), or no rows at all, the request waits for the
 * build: NULL unless `may_wait` (the caller delegates the request and asks
 * again).  A finished build is taken at the next request, in the main
 * thread; a request that began on the old rows ends on them.
 */
static struct conn_snapshot *request_rows(struct conn_state *st,
					  netsnmp_agent_request_info *reqinfo, unsigned lifetime_ms,
					  bool may_wait)
{
	struct request_key txn;
	const struct request_key *key = request_txn(reqinfo, &txn);
	uint64_t now = monotonic_ms();
	unsigned life;

	if (conn_build_finished(&st->build))
		take_build(st);
	life = lifetime(&st->snap, lifetime_ms); /* of the rows that answer now */
	if (pinned(&st->prev_pin, &st->prev, key, now))
		return &st->prev;
	if (pinned(&st->pin, &st->snap, key, now))
		return &st->snap;
	if (!life) {
		dump_now(st, now);
	} else if (!st->snap.loaded || now - st->snap.taken_ms >= life) {
		/* expired: the rows answer on only if a build began before that */
		bool ahead = st->build.running && st->build_started_ms < st->snap.taken_ms + life;

		if (!st->build.running && !start_build(st, now))
			dump_now(st, now);
		else if (!st->snap.loaded || !ahead) {
			if (!may_wait)
				return NULL;
			take_build(st);
		}
	} else if (!st->build.running) {
		unsigned early = life / AHEAD_SHARE;

		if (st->snap.refresh_ms > early)
			early = st->snap.refresh_ms;
		if (now - st->snap.taken_ms + early >= life)
			start_build(st, now); /* no thread: the expiry builds in place */
	}
	if (key) {
		st->pin.key = *key;
		st->pin.valid = true;
	}
	return &st->snap;
}

/*
 * The process columns cost a scan of /proc/PID/fd.  Once one is asked, the
 * builds scan (read_rows); here, in the request, only rows that no build
 * can give it (no thread, older rows a request is pinned to).
 */
static void fill_pids(struct conn_state *st, struct conn_snapshot *s)
{
	uint64_t t0;

	st->want_pids = true;
	if (s->pids_filled)
		return;
	t0 = monotonic_ms();
	conn_pids_fill(s, config.proc_root);
	s->refresh_ms += (unsigned)(monotonic_ms() - t0);
	DEBUGMSGTL(("ipstack:conn", "process scan: %u ms\n", (unsigned)(monotonic_ms() - t0)));
}

static void set_value(struct conn_state *st, struct conn_snapshot *s, netsnmp_variable_list *vb,
		      const struct conn_column *c, const struct conn_row *r)
{
	long v;

	switch (c->value) {
	case VALUE_STATE:
		v = conn_mib_state(r->state);
		snmp_set_var_typed_value(vb, ASN_INTEGER, &v, sizeof(v));
		break;
	case VALUE_PROCESS:
		fill_pids(st, s); /* rows stay where they are: r is still valid */
		v = (long)r->pid;
		snmp_set_var_typed_value(vb, ASN_UNSIGNED, &v, sizeof(v));
		break;
	case VALUE_LOCAL_ADDRESS:
		snmp_set_var_typed_value(vb, ASN_IPADDRESS, r->laddr, 4);
		break;
	case VALUE_REMOTE_ADDRESS:
		snmp_set_var_typed_value(vb, ASN_IPADDRESS, r->raddr, 4);
		break;
	case VALUE_LOCAL_PORT:
	case VALUE_REMOTE_PORT:
		v = c->value == VALUE_LOCAL_PORT ? r->lport : r->rport;
		snmp_set_var_typed_value(vb, ASN_INTEGER, &v, sizeof(v));
		break;
	}
}

/* The row a GET or SET names, or NULL. */
static const struct conn_row *named_row(const struct conn_snapshot *s, const struct conn_column *c,
					const netsnmp_variable_list *vb)
{
	if (vb->name_length <= c->len ||
	    netsnmp_oid_is_subtree(c->col, c->len, vb->name, vb->name_length) != 0)
		return NULL;
	return conn_table_get(s, c->table, vb->name + c->len, vb->name_length - c->len);
}

/* The row of column `c` a GETNEXT from the request's name gets, or NULL. */
static const struct conn_row *row_next(struct conn_snapshot *s, const struct conn_column *c,
				       const netsnmp_request_info *r)
{
	const netsnmp_variable_list *vb = r->requestvb;

	/*
	 * Before the column (the master passes on the original OID when an
	 * earlier region ran out): its first row.  Past it: nothing here.
	 */
	if (snmp_oid_compare(vb->name, vb->name_length, c->col, c->len) <= 0)
		return conn_table_next(s, c->table, NULL, 0, true);
	if (netsnmp_oid_is_subtree(c->col, c->len, vb->name, vb->name_length) != 0)
		return NULL;
	return r->inclusive
		? conn_table_next(s, c->table, vb->name + c->len, vb->name_length - c->len, true)
		: conn_table_after(s, c->table, vb->name + c->len, vb->name_length - c->len);
}

/* GETNEXT within one column; false when it has nothing after the name. */
static bool column_next(struct conn_state *st, struct conn_snapshot *s, const struct conn_column *c,
			netsnmp_request_info *r)
{
	netsnmp_variable_list *vb = r->requestvb;
	const struct conn_row *row = row_next(s, c, r);
	oid name[MAX_OID_LEN];
	size_t n;

	if (!row)
		return false;
	memcpy(name, c->col, c->len * sizeof(oid));
	n = c->len + conn_index(c->table, row, name + c->len);
	snmp_set_var_objid(vb, name, n);
	set_value(st, s, vb, c, row);
	return true;
}

/* GETNEXT in a table: the first column with a row after the name. */
static void get_next(struct conn_state *st, struct conn_snapshot *s, const struct conn_region *t,
		     netsnmp_request_info *r)
{
	for (size_t i = t->first; i < t->first + t->n; i++)
		if (column_next(st, s, &columns[i], r))
			return;
}

/* The column a GET or SET names, or NULL. */
static const struct conn_column *named_column(const struct conn_region *t,
					      const netsnmp_variable_list *vb)
{
	for (size_t i = t->first; i < t->first + t->n; i++)
		if (netsnmp_oid_is_subtree(columns[i].col, columns[i].len, vb->name,
					   vb->name_length) == 0)
			return &columns[i];
	return NULL;
}

#define PENDING_KEY "ipstack-delete-tcb"

/* RESERVE1 of a SET of a state column: only deleteTCB, only if allowed. */
static int reserve(struct conn_state *st, netsnmp_agent_request_info *reqinfo,
		   const struct conn_column *c, netsnmp_request_info *r)
{
	netsnmp_variable_list *vb = r->requestvb;
	const struct conn_row *row;
	struct conn_row *pending;
	char tuple[CONN_ROW_TEXT_MAX];

	if (!config.allow_delete_tcb) {
		log_notice("SET %s refused: deleteTCB is not allowed by the configuration "
			   "(allowDeleteTcb)",
			   c->name);
		return SNMP_ERR_NOTWRITABLE;
	}
	if (vb->type != ASN_INTEGER || vb->val_len != sizeof(long)) {
		log_info("SET %s refused: it takes an INTEGER", c->name);
		return vb->type != ASN_INTEGER ? SNMP_ERR_WRONGTYPE : SNMP_ERR_WRONGLENGTH;
	}
	if (*vb->val.integer != CONN_MIB_DELETE_TCB) {
		log_info("SET %s refused: %ld; only deleteTCB(12) can be written", c->name,
			 *vb->val.integer);
		return SNMP_ERR_WRONGVALUE;
	}
	row = named_row(request_rows(st, reqinfo, 0, true), c, vb);
	if (!row) {
		log_info("SET %s refused: no such connection", c->name);
		return SNMP_ERR_NOCREATION;
	}
	if (row->state == TCP_LISTEN) {
		/* a listener has no 4-tuple to name; the kernel would pick one */
		log_info("SET %s refused: deleteTCB on a listener", c->name);
		return SNMP_ERR_INCONSISTENTVALUE;
	}
	if (!(pending = malloc(sizeof(*pending)))) {
		log_warnx("SET %s refused: out of memory", c->name);
		return SNMP_ERR_RESOURCEUNAVAILABLE;
	}
	*pending = *row;
	conn_row_format(row, tuple, sizeof(tuple));
	log_info("SET %s: deleteTCB %s reserved", c->name, tuple);
	netsnmp_request_add_list_data(r, netsnmp_create_data_list(PENDING_KEY, pending, free));
	return SNMP_ERR_NOERROR;
}

static int destroy(struct conn_state *st, const struct conn_column *c, const struct conn_row *row)
{
	char tuple[CONN_ROW_TEXT_MAX];
	int err = netns_enter(st->netns_fd);

	if (!err) {
		err = conn_diag_destroy(&st->diag, row);
		netns_leave(st->netns_fd);
	} else {
		err = -err;
	}
	conn_row_format(row, tuple, sizeof(tuple));
	st->snap.loaded = false; /* the next read shows the table without it */
	if (err == -ENOENT) {
		log_notice("SET %s: deleteTCB %s: the connection had already gone", c->name, tuple);
		return SNMP_ERR_NOERROR;
	}
	if (err < 0) {
		log_warnx("SET %s: deleteTCB %s failed: %s", c->name, tuple, strerror(-err));
		return SNMP_ERR_COMMITFAILED;
	}
	log_notice("SET %s: deleteTCB %s: connection destroyed", c->name, tuple);
	return SNMP_ERR_NOERROR;
}

/* The column whose row answers a GET or GETNEXT, or NULL. */
static const struct conn_column *answering_column(struct conn_snapshot *s,
						  const struct conn_region *t, int mode,
						  const netsnmp_request_info *r)
{
	if (mode == MODE_GET)
		return named_column(t, r->requestvb);
	for (size_t i = t->first; i < t->first + t->n; i++)
		if (row_next(s, &columns[i], r))
			return &columns[i];
	return NULL;
}

static bool asks_process(struct conn_snapshot *s, const struct conn_region *t, int mode,
			 const netsnmp_request_info *requests)
{
	for (const netsnmp_request_info *r = requests; r; r = r->next) {
		const struct conn_column *c;

		if (!r->processed && (c = answering_column(s, t, mode, r)) &&
		    c->value == VALUE_PROCESS)
			return true;
	}
	return false;
}

/*
 * The rows a read is answered from, or NULL while they are being built
 * (unless `may_wait`).  A process column asked of rows built without the
 * scan of /proc waits for a build with it; from then on every build scans.
 * The scan is made here and now only where no build can bring it: rows
 * dumped in place (cacheLifetime 0), older rows the request is pinned to,
 * no thread.
 */
static struct conn_snapshot *read_rows(struct conn_state *st, const struct conn_region *t,
				       netsnmp_agent_request_info *reqinfo,
				       const netsnmp_request_info *requests, bool may_wait)
{
	struct conn_snapshot *s = request_rows(st, reqinfo, config.cache_ms, may_wait);

	if (!s || s->pids_filled || !asks_process(s, t, reqinfo->mode, requests))
		return s;
	st->want_pids = true;
	if (may_wait || !config.cache_ms || s != &st->snap ||
	    (!st->build.running && !start_build(st, monotonic_ms()))) {
		fill_pids(st, s);
		return s;
	}
	return NULL; /* the build running, or the one after it, scans */
}

/* GET and GETNEXT, from the rows of `s`. */
static void answer_reads(struct conn_state *st, struct conn_snapshot *s,
			 const struct conn_region *t, netsnmp_agent_request_info *reqinfo,
			 netsnmp_request_info *requests)
{
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		const struct conn_column *c;
		const struct conn_row *row;

		if (r->processed)
			continue;
		if (reqinfo->mode == MODE_GETNEXT)
			get_next(st, s, t, r);
		else if (!(c = named_column(t, r->requestvb)))
			netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHOBJECT);
		else if ((row = named_row(s, c, r->requestvb)))
			set_value(st, s, r->requestvb, c, row);
		else
			netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHINSTANCE);
	}
}

/* A read answered if its rows are there (delegated_retry_fn). */
static bool try_reads(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
		      netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	struct conn_state *st = handler->myvoid;
	const struct conn_region *t = reg->my_reg_void;
	struct conn_snapshot *s = read_rows(st, t, reqinfo, requests, false);

	if (s)
		answer_reads(st, s, t, reqinfo, requests);
	return s != NULL;
}

/*
 * A read whose rows are being built waits delegated, so that snmpd (the
 * module) or the daemon answers everything else meanwhile; only when that
 * cannot be set up does it wait here.
 */
static void handle_reads(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
			 netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	struct conn_state *st = handler->myvoid;
	const struct conn_region *t = reg->my_reg_void;

	if (try_reads(handler, reg, reqinfo, requests) ||
	    delegated_wait(handler, reg, reqinfo, requests, try_reads, st))
		return;
	answer_reads(st, read_rows(st, t, reqinfo, requests, true), t, reqinfo, requests);
}

static int handle_conn(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
		       netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	const struct conn_region *t = reg->my_reg_void;
	struct conn_state *st = handler->myvoid;

	st->used_ms = monotonic_ms();
	if (reqinfo->mode == MODE_GET || reqinfo->mode == MODE_GETNEXT) {
		handle_reads(handler, reg, reqinfo, requests);
		return SNMP_ERR_NOERROR;
	}
	if (reqinfo->mode == MODE_SET_RESERVE1 && !set_txn_track(reqinfo)) {
		log_warnx("SET %s refused: %d SET transactions are open already", t->name,
			  SYSCTL_TXN_MAX);
		for (netsnmp_request_info *r = requests; r; r = r->next)
			netsnmp_set_request_error(reqinfo, r, SNMP_ERR_RESOURCEUNAVAILABLE);
		return SNMP_ERR_NOERROR;
	}
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		const struct conn_column *c = named_column(t, r->requestvb);
		const struct conn_row *row;
		int rc = SNMP_ERR_NOERROR;

		if (r->processed)
			continue;
		switch (reqinfo->mode) {
		case MODE_SET_RESERVE1:
			if (c && c->value == VALUE_STATE)
				rc = reserve(st, reqinfo, c, r);
			else {
				log_info("SET %s refused: read-only", c ? c->name : t->name);
				rc = SNMP_ERR_NOTWRITABLE;
			}
			break;
		case MODE_SET_COMMIT:
			if ((row = netsnmp_request_get_list_data(r, PENDING_KEY)))
				rc = destroy(st, c, row);
			break;
		default:
			break; /* nothing is changed before COMMIT: nothing to undo */
		}
		if (rc != SNMP_ERR_NOERROR)
			netsnmp_set_request_error(reqinfo, r, rc);
	}
	set_txn_finish(reqinfo);
	return SNMP_ERR_NOERROR;
}

void conn_agent_register(struct conn_state *st, struct reg_list *regs, int priority)
{
	if (!st)
		st = &own;
	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
		const struct conn_region *t = &regions[i];
		netsnmp_handler_registration *reg = netsnmp_create_handler_registration(
			t->name, handle_conn, t->root, t->len,
			t->writable ? HANDLER_CAN_RWRITE : HANDLER_CAN_RONLY);

		if (reg) {
			reg->my_reg_void = (void *)t;
			reg->handler->myvoid = st;
			reg->priority = priority;
		}
		registrations_add(regs, reg, st->context, t->name);
	}
}
