/*
 * The connection tables as a source of the table engine (see conn_table.h):
 * how a snapshot is built, and the tables' regions and columns, each
 * column a value read off a row.  The regions are the very ones snmpd's own
 * module registers (tcpConnTable 6.13, tcpConnectionTable 6.19,
 * tcpListenerTable 6.20, udpTable 7.5, udpEndpointTable 7.7), so that its
 * module, with its own 60 s cache, is never asked for a row.
 */
#include "conn_table.h"

#include <netlink/errno.h>
#include <stdlib.h>

#include "conn_diag.h"

static void *snapshot_new(void)
{
	return calloc(1, sizeof(struct conn_snapshot));
}

static void snapshot_free(void *snap)
{
	conn_snapshot_free(snap);
	free(snap);
}

/* What a builder keeps between builds: its netlink socket, and where the
 * last scan found each socket's process. */
struct conn_builder {
	struct conn_diag diag;
	struct conn_owners owners;
};

static void *builder_new(void)
{
	return calloc(1, sizeof(struct conn_builder));
}

static void builder_free(void *builder)
{
	struct conn_builder *b = builder;

	conn_diag_close(&b->diag);
	conn_owners_free(&b->owners);
	free(b);
}

static void complete(void *snap, unsigned flags, const char *proc_root)
{
	if (flags & CONN_BUILD_PIDS)
		conn_pids_fill(snap, proc_root);
}

static int build(void *builder, void *snap, unsigned flags, const char *proc_root)
{
	struct conn_builder *b = builder;
	int err = conn_diag_dump(&b->diag, snap);

	if (!err && (flags & CONN_BUILD_PIDS))
		conn_pids_fill_known(snap, proc_root, &b->owners);
	return err;
}

static const char *build_error(int err)
{
	return nl_geterror(err);
}

/* ---- values ---------------------------------------------------------- */

static bool state(const void *snap, const void *row, struct table_value *v)
{
	(void)snap;
	v->type = TABLE_INTEGER;
	v->i = conn_mib_state(((const struct conn_row *)row)->state);
	return true;
}

static bool process(const void *snap, const void *row, struct table_value *v)
{
	(void)snap;
	v->type = TABLE_UNSIGNED32;
	v->u = ((const struct conn_row *)row)->pid;
	return true;
}

static bool ipv4(struct table_value *v, const uint8_t *a)
{
	v->type = TABLE_IPADDRESS;
	v->len = 4;
	for (int i = 0; i < 4; i++)
		v->bytes[i] = a[i];
	return true;
}

static bool port(struct table_value *v, uint16_t p)
{
	v->type = TABLE_INTEGER;
	v->i = p;
	return true;
}

static bool local_address(const void *snap, const void *row, struct table_value *v)
{
	(void)snap;
	return ipv4(v, ((const struct conn_row *)row)->laddr);
}

static bool remote_address(const void *snap, const void *row, struct table_value *v)
{
	(void)snap;
	return ipv4(v, ((const struct conn_row *)row)->raddr);
}

static bool local_port(const void *snap, const void *row, struct table_value *v)
{
	(void)snap;
	return port(v, ((const struct conn_row *)row)->lport);
}

static bool remote_port(const void *snap, const void *row, struct table_value *v)
{
	(void)snap;
	return port(v, ((const struct conn_row *)row)->rport);
}

/* ---- regions and columns ---------------------------------------------- */

#define T(id) (&conn_tables[id])

static const struct table_column tcp_conn[] = {
	{ 1, "tcpConnState", T(CONN_TCP_CONN), state, 0, true },
	{ 2, "tcpConnLocalAddress", T(CONN_TCP_CONN), local_address, 0, false },
	{ 3, "tcpConnLocalPort", T(CONN_TCP_CONN), local_port, 0, false },
	{ 4, "tcpConnRemAddress", T(CONN_TCP_CONN), remote_address, 0, false },
	{ 5, "tcpConnRemPort", T(CONN_TCP_CONN), remote_port, 0, false },
};
static const struct table_column tcp_connection[] = {
	{ 7, "tcpConnectionState", T(CONN_TCP_CONNECTION), state, 0, true },
	{ 8, "tcpConnectionProcess", T(CONN_TCP_CONNECTION), process, CONN_BUILD_PIDS, false },
};
static const struct table_column tcp_listener[] = {
	{ 4, "tcpListenerProcess", T(CONN_TCP_LISTENER), process, CONN_BUILD_PIDS, false },
};
static const struct table_column udp[] = {
	{ 1, "udpLocalAddress", T(CONN_UDP), local_address, 0, false },
	{ 2, "udpLocalPort", T(CONN_UDP), local_port, 0, false },
};
static const struct table_column udp_endpoint[] = {
	{ 8, "udpEndpointProcess", T(CONN_UDP_ENDPOINT), process, CONN_BUILD_PIDS, false },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define REGION(name, group, table, cols)                                                           \
	{                                                                                          \
		name, { 1, 3, 6, 1, 2, 1, group, table }, 8, cols, N(cols), TABLE_REGION_TABLE,    \
			false                                                                      \
	}

static const struct table_region regions[] = {
	REGION("tcpConnTable", 6, 13, tcp_conn),
	REGION("tcpConnectionTable", 6, 19, tcp_connection),
	REGION("tcpListenerTable", 6, 20, tcp_listener),
	REGION("udpTable", 7, 5, udp),
	REGION("udpEndpointTable", 7, 7, udp_endpoint),
};

bool conn_column_is_state(const struct table_column *c)
{
	return c->value == state;
}

const struct table_source conn_source = {
	.name = "connection tables",
	.snapshot_new = snapshot_new,
	.snapshot_free = snapshot_free,
	.builder_new = builder_new,
	.builder_free = builder_free,
	.build = build,
	.complete = complete,
	.strerror = build_error,
	.regions = regions,
	.nregions = N(regions),
};
