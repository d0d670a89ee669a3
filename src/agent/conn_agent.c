/*
 * The connection tables over AgentX (see conn_agent.h).
 *
 * Each column we serve is its own region: for the RFC 4022/4113 tables the
 * ipv4 rows of the column (<column>.1, the first index being the address
 * type), more specific than snmpd's own registration, which keeps its ipv6
 * rows; for the legacy IPv4-only tables the whole column.  One handler
 * serves them all from the columns[] table below.
 *
 * A request's rows come from one inet_diag dump, reused like the counters
 * (same transaction, or within the cache lifetime).  A SET of deleteTCB
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
#include <string.h>

#include "conn_diag.h"
#include "conn_table.h"
#include "counter_store.h"
#include "log.h"
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
	bool ipv4_rows; /* register <column>.1, not the whole column */
};

#define TCP_COL(t, c) { MIB_OID_TCP, t, 1, c }, MIB_OID_MIB2_LEN + 4
#define UDP_COL(t, c) { MIB_OID_UDP, t, 1, c }, MIB_OID_MIB2_LEN + 4

static const struct conn_column columns[] = {
	{ "tcpConnState", TCP_COL(13, 1), CONN_TCP_CONN, VALUE_STATE, false },
	{ "tcpConnLocalAddress", TCP_COL(13, 2), CONN_TCP_CONN, VALUE_LOCAL_ADDRESS, false },
	{ "tcpConnLocalPort", TCP_COL(13, 3), CONN_TCP_CONN, VALUE_LOCAL_PORT, false },
	{ "tcpConnRemAddress", TCP_COL(13, 4), CONN_TCP_CONN, VALUE_REMOTE_ADDRESS, false },
	{ "tcpConnRemPort", TCP_COL(13, 5), CONN_TCP_CONN, VALUE_REMOTE_PORT, false },
	{ "tcpConnectionState", TCP_COL(19, 7), CONN_TCP_CONNECTION, VALUE_STATE, true },
	{ "tcpConnectionProcess", TCP_COL(19, 8), CONN_TCP_CONNECTION, VALUE_PROCESS, true },
	{ "tcpListenerProcess", TCP_COL(20, 4), CONN_TCP_LISTENER, VALUE_PROCESS, true },
	{ "udpLocalAddress", UDP_COL(5, 1), CONN_UDP, VALUE_LOCAL_ADDRESS, false },
	{ "udpLocalPort", UDP_COL(5, 2), CONN_UDP, VALUE_LOCAL_PORT, false },
	{ "udpEndpointProcess", UDP_COL(7, 8), CONN_UDP_ENDPOINT, VALUE_PROCESS, true },
};

static struct conn_agent_config config;
static struct conn_snapshot snap;
static struct snapshot_cache cache;
static int last_error;

void conn_agent_configure(const struct conn_agent_config *c)
{
	char *root = strdup(c->proc_root);

	free((char *)config.proc_root);
	config = *c;
	config.proc_root = root;
}

void conn_agent_shutdown(void)
{
	conn_snapshot_free(&snap);
	conn_diag_close();
	free((char *)config.proc_root);
	config = (struct conn_agent_config){ 0 };
}

/*
 * A dump of 100k sockets plus the process scan over their descriptors
 * takes most of a second: refreshed every cache lifetime, a long walk would
 * spend most of its time refreshing.  So a snapshot lives at least
 * REFRESH_SHARE times what it cost to build, which bounds refreshing to a
 * twentieth of the time whatever the table size (snmpd's own modules keep
 * these tables for up to 60 s).
 */
#define REFRESH_SHARE 20

static unsigned lifetime(unsigned configured_ms)
{
	unsigned adaptive = snap.refresh_ms * REFRESH_SHARE;

	return configured_ms && adaptive > configured_ms ? adaptive : configured_ms;
}

/*
 * The rows for this request.  `lifetime_ms` 0 allows reuse within the
 * request's own transaction only (a SET must see the sockets of now).
 */
static struct conn_snapshot *request_rows(netsnmp_agent_request_info *reqinfo, unsigned lifetime_ms)
{
	struct request_key txn;
	const struct request_key *key = request_txn(reqinfo, &txn);
	uint64_t now = monotonic_ms();
	int err;

	if (snapshot_cache_reuse(&cache, snap.loaded, snap.taken_ms, lifetime(lifetime_ms), key,
				 now))
		return &snap;
	err = conn_diag_dump(&snap);
	snap.refresh_ms = (unsigned)(monotonic_ms() - now);
	DEBUGMSGTL(("ipstack:conn", "dump: %zu rows in %u ms\n", snap.n, snap.refresh_ms));
	if (err < 0 && err != last_error)
		log_warnx("connection tables: inet_diag dump failed: %s; serving no rows",
			  nl_geterror(err));
	else if (!err && last_error)
		log_notice("connection tables: inet_diag dump works again");
	last_error = err;
	snap.loaded = true;
	snap.taken_ms = now;
	return &snap;
}

static void set_value(netsnmp_variable_list *vb, const struct conn_column *c,
		      const struct conn_row *r)
{
	long v;

	switch (c->value) {
	case VALUE_STATE:
		v = conn_mib_state(r->state);
		snmp_set_var_typed_value(vb, ASN_INTEGER, &v, sizeof(v));
		break;
	case VALUE_PROCESS:
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

static void get_next(const struct conn_snapshot *s, const struct conn_column *c,
		     netsnmp_handler_registration *reg, netsnmp_request_info *r)
{
	netsnmp_variable_list *vb = r->requestvb;
	const struct conn_row *row;
	oid name[MAX_OID_LEN];
	size_t n;

	/*
	 * Before the column (the master passes on the original OID when an
	 * earlier region ran out): its first row.  Past it: nothing here.
	 */
	if (snmp_oid_compare(vb->name, vb->name_length, c->col, c->len) <= 0)
		row = conn_table_next(s, c->table, NULL, 0, true);
	else if (netsnmp_oid_is_subtree(c->col, c->len, vb->name, vb->name_length) == 0)
		row = conn_table_next(s, c->table, vb->name + c->len, vb->name_length - c->len,
				      r->inclusive);
	else
		return;
	if (!row)
		return;
	memcpy(name, c->col, c->len * sizeof(oid));
	n = c->len + conn_index(c->table, row, name + c->len);
	if (netsnmp_oid_is_subtree(reg->rootoid, reg->rootoid_len, name, n) != 0)
		return;
	snmp_set_var_objid(vb, name, n);
	set_value(vb, c, row);
}

static void format_tuple(const struct conn_row *r, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u.%u:%u -> %u.%u.%u.%u:%u", r->laddr[0], r->laddr[1],
		 r->laddr[2], r->laddr[3], r->lport, r->raddr[0], r->raddr[1], r->raddr[2],
		 r->raddr[3], r->rport);
}

#define PENDING_KEY "ipstack-delete-tcb"

/* RESERVE1 of a SET of a state column: only deleteTCB, only if allowed. */
static int reserve(netsnmp_agent_request_info *reqinfo, const struct conn_column *c,
		   netsnmp_request_info *r)
{
	netsnmp_variable_list *vb = r->requestvb;
	const struct conn_row *row;
	struct conn_row *pending;
	char tuple[64];

	if (!config.allow_delete_tcb) {
		log_notice("SET %s refused: deleteTCB is not allowed by the configuration "
			   "(allowDeleteTcb)",
			   c->name);
		return SNMP_ERR_NOTWRITABLE;
	}
	if (vb->type != ASN_INTEGER)
		return SNMP_ERR_WRONGTYPE;
	if (vb->val_len != sizeof(long))
		return SNMP_ERR_WRONGLENGTH;
	if (*vb->val.integer != CONN_MIB_DELETE_TCB)
		return SNMP_ERR_WRONGVALUE;
	row = named_row(request_rows(reqinfo, 0), c, vb);
	if (!row) {
		log_info("SET %s refused: no such connection", c->name);
		return SNMP_ERR_NOCREATION;
	}
	if (row->state == TCP_LISTEN) {
		/* a listener has no 4-tuple to name; the kernel would pick one */
		log_info("SET %s refused: deleteTCB on a listener", c->name);
		return SNMP_ERR_INCONSISTENTVALUE;
	}
	if (!(pending = malloc(sizeof(*pending))))
		return SNMP_ERR_RESOURCEUNAVAILABLE;
	*pending = *row;
	format_tuple(row, tuple, sizeof(tuple));
	log_info("SET %s: deleteTCB %s reserved", c->name, tuple);
	netsnmp_request_add_list_data(r, netsnmp_create_data_list(PENDING_KEY, pending, free));
	return SNMP_ERR_NOERROR;
}

static int destroy(const struct conn_column *c, const struct conn_row *row)
{
	char tuple[64];
	int err = conn_diag_destroy(row);

	format_tuple(row, tuple, sizeof(tuple));
	snap.loaded = false; /* the next read shows the table without it */
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

static int handle_conn(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
		       netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	const struct conn_column *c = reg->my_reg_void;
	struct conn_snapshot *s = NULL;

	(void)handler;
	if (reqinfo->mode == MODE_GET || reqinfo->mode == MODE_GETNEXT) {
		s = request_rows(reqinfo, config.cache_ms);
		if (c->value == VALUE_PROCESS && !s->pids_filled) {
			uint64_t t0 = monotonic_ms();

			conn_pids_fill(s, config.proc_root);
			s->refresh_ms += (unsigned)(monotonic_ms() - t0);
			DEBUGMSGTL(("ipstack:conn", "process scan: %u ms\n",
				    (unsigned)(monotonic_ms() - t0)));
		}
	}
	if (reqinfo->mode == MODE_SET_RESERVE1 && !set_txn_track(reqinfo)) {
		for (netsnmp_request_info *r = requests; r; r = r->next)
			netsnmp_set_request_error(reqinfo, r, SNMP_ERR_RESOURCEUNAVAILABLE);
		return SNMP_ERR_NOERROR;
	}
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		const struct conn_row *row;
		int rc = SNMP_ERR_NOERROR;

		if (r->processed)
			continue;
		switch (reqinfo->mode) {
		case MODE_GET:
			if ((row = named_row(s, c, r->requestvb)))
				set_value(r->requestvb, c, row);
			else
				rc = SNMP_NOSUCHINSTANCE;
			break;
		case MODE_GETNEXT:
			get_next(s, c, reg, r);
			break;
		case MODE_SET_RESERVE1:
			rc = c->value == VALUE_STATE ? reserve(reqinfo, c, r)
						     : SNMP_ERR_NOTWRITABLE;
			break;
		case MODE_SET_COMMIT:
			if ((row = netsnmp_request_get_list_data(r, PENDING_KEY)))
				rc = destroy(c, row);
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

void conn_agent_register(int priority)
{
	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++) {
		const struct conn_column *c = &columns[i];
		oid root[11];
		size_t len = c->len;
		netsnmp_handler_registration *reg;

		memcpy(root, c->col, len * sizeof(oid));
		if (c->ipv4_rows)
			root[len++] = 1; /* InetAddressType ipv4(1) */
		reg = netsnmp_create_handler_registration(
			c->name, handle_conn, root, len,
			c->value == VALUE_STATE ? HANDLER_CAN_RWRITE : HANDLER_CAN_RONLY);
		if (!reg)
			fatalx("out of memory registering %s", c->name);
		reg->my_reg_void = (void *)c;
		reg->priority = priority;
		if (netsnmp_register_handler(reg) != MIB_REGISTERED_OK)
			fatalx("cannot register %s", c->name);
	}
}
