/*
 * Row storage and index order of the connection tables (see conn_table.h).
 *
 * The three RFC 4022/4113 tables' indexes start with the local address
 * (type, length, bytes) and port and, where they go further, the remote
 * ones.  So one sort of the rows by (protocol, local, remote, inode) puts
 * those tables in OID order at once, and they are filters of it.  The
 * legacy tables index by bare IPv4 addresses, where a dual-stack wildcard
 * is 0.0.0.0 beside the ipv4 wildcards: they get a sort of their own.
 */
#include "conn_table.h"

#include "grow_array.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* Kernel socket states (include/net/tcp_states.h) past netinet/tcp.h's list. */
#define KERNEL_TCP_NEW_SYN_RECV 12

static const uint8_t v4_mapped_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

static bool all_zero(const uint8_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i])
			return false;
	return true;
}

/* RFC 4007 scoped addresses: link-local unicast, interface/link-local multicast. */
static bool scoped(const uint8_t a[16])
{
	return (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) ||
		(a[0] == 0xff && ((a[1] & 0x0f) == 1 || (a[1] & 0x0f) == 2));
}

/* One end's type and bytes; `any_is_unknown`: an unspecified end is unknown(0). */
static uint8_t end_type(int family, const uint8_t in[16], uint32_t ifindex, bool any_is_unknown,
			uint8_t out[16])
{
	memset(out, 0, 16);
	if (family == AF_INET) {
		memcpy(out, in, 4);
		return any_is_unknown && all_zero(in, 4) ? CONN_ADDR_UNKNOWN : CONN_ADDR_IPV4;
	}
	if (!memcmp(in, v4_mapped_prefix, sizeof(v4_mapped_prefix))) {
		memcpy(out, in + 12, 4);
		return CONN_ADDR_IPV4;
	}
	if (any_is_unknown && all_zero(in, 16))
		return CONN_ADDR_UNKNOWN;
	memcpy(out, in, 16);
	return scoped(in) && ifindex ? CONN_ADDR_IPV6Z : CONN_ADDR_IPV6;
}

void conn_row_set_addrs(struct conn_row *r, int family, const uint8_t src[16],
			const uint8_t dst[16], uint32_t ifindex, bool v6only)
{
	r->family = (uint8_t)family;
	r->ifindex = ifindex;
	/* :: takes IPv4 too unless IPV6_V6ONLY: then it is either family */
	r->ltype = end_type(family, src, ifindex, family == AF_INET6 && !v6only, r->laddr);
	/* a remote end of :: or 0.0.0.0 and port 0 is no remote end */
	r->rtype = end_type(family, dst, ifindex, r->rport == 0, r->raddr);
}

void conn_row_socket_addrs(const struct conn_row *r, uint8_t src[16], uint8_t dst[16])
{
	const uint8_t *in[2] = { r->laddr, r->raddr };
	uint8_t type[2] = { r->ltype, r->rtype }, *out[2] = { src, dst };

	for (int i = 0; i < 2; i++) {
		memset(out[i], 0, 16);
		if (r->family == AF_INET || type[i] != CONN_ADDR_IPV4) {
			memcpy(out[i], in[i], 16);
		} else {
			memcpy(out[i], v4_mapped_prefix, sizeof(v4_mapped_prefix));
			memcpy(out[i] + 12, in[i], 4);
		}
	}
}

static void format_end(uint8_t type, const uint8_t a[16], uint32_t zone, uint16_t port, char *buf,
		       size_t len)
{
	char addr[INET6_ADDRSTRLEN];

	switch (type) {
	case CONN_ADDR_IPV4:
		inet_ntop(AF_INET, a, addr, sizeof(addr));
		snprintf(buf, len, "%s:%u", addr, port);
		break;
	case CONN_ADDR_IPV6:
	case CONN_ADDR_IPV6Z:
		inet_ntop(AF_INET6, a, addr, sizeof(addr));
		if (type == CONN_ADDR_IPV6Z)
			snprintf(buf, len, "[%s%%%u]:%u", addr, zone, port);
		else
			snprintf(buf, len, "[%s]:%u", addr, port);
		break;
	default:
		snprintf(buf, len, "*:%u", port);
		break;
	}
}

void conn_row_format(const struct conn_row *r, char *buf, size_t len)
{
	char l[CONN_ROW_TEXT_MAX / 2], rem[CONN_ROW_TEXT_MAX / 2];

	format_end(r->ltype, r->laddr, r->ifindex, r->lport, l, sizeof(l));
	format_end(r->rtype, r->raddr, r->ifindex, r->rport, rem, sizeof(rem));
	snprintf(buf, len, "%s -> %s", l, rem);
}

void conn_snapshot_clear(struct conn_snapshot *s)
{
	s->n = 0;
	for (int t = 0; t < CONN_TABLES; t++)
		s->tables[t].n = s->tables[t].hint = 0;
	s->pids_filled = false;
}

bool conn_snapshot_add(struct conn_snapshot *s, const struct conn_row *r)
{
	if (!grow_array((void **)&s->rows, &s->cap, s->n + 1, sizeof(*s->rows), 64))
		return false;
	s->rows[s->n++] = *r;
	return true;
}

void conn_snapshot_free(struct conn_snapshot *s)
{
	free(s->rows);
	for (int t = 0; t < CONN_TABLES; t++)
		free(s->tables[t].row);
	free(s->by_inode);
	*s = (struct conn_snapshot){ 0 };
}

static int cmp_u(unsigned a, unsigned b)
{
	return (a > b) - (a < b);
}

/* Address type, then bytes, then (ipv6z) zone: the InetAddress index order. */
static int cmp_addr(uint8_t ta, const uint8_t *a, uint8_t tb, const uint8_t *b, uint32_t za,
		    uint32_t zb)
{
	int c = cmp_u(ta, tb);

	if (!c)
		c = memcmp(a, b, 16);
	if (!c && ta == CONN_ADDR_IPV6Z)
		c = cmp_u(za, zb);
	return c;
}

/* How far two rows agree: 1 local endpoint, 2 remote too, 3 inode too. */
enum key_depth { KEY_LOCAL = 1, KEY_REMOTE, KEY_ALL };

static int cmp_key(const struct conn_row *a, const struct conn_row *b, enum key_depth depth)
{
	int c = cmp_u(a->proto, b->proto);

	if (!c)
		c = cmp_addr(a->ltype, a->laddr, b->ltype, b->laddr, a->ifindex, b->ifindex);
	if (!c)
		c = cmp_u(a->lport, b->lport);
	if (c || depth == KEY_LOCAL)
		return c;
	if (!(c = cmp_addr(a->rtype, a->raddr, b->rtype, b->raddr, a->ifindex, b->ifindex)))
		c = cmp_u(a->rport, b->rport);
	if (c || depth == KEY_REMOTE)
		return c;
	return cmp_u(a->inode, b->inode);
}

static int cmp_rows(const void *a, const void *b)
{
	return cmp_key(a, b, KEY_ALL);
}

/* The legacy index: 4 address bytes (unknown: 0.0.0.0) and port, twice. */
static int cmp_legacy(const struct conn_row *a, const struct conn_row *b, enum key_depth depth)
{
	int c = memcmp(a->laddr, b->laddr, 4);

	if (!c)
		c = cmp_u(a->lport, b->lport);
	if (c || depth == KEY_LOCAL)
		return c;
	if (!(c = memcmp(a->raddr, b->raddr, 4)))
		c = cmp_u(a->rport, b->rport);
	return c;
}

static int cmp_legacy_rows(const void *a, const void *b, void *rows)
{
	const struct conn_row *r = rows;
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;

	return cmp_legacy(&r[i], &r[j], KEY_REMOTE);
}

static bool push(struct conn_list *l, uint32_t row)
{
	if (!grow_array((void **)&l->row, &l->cap, l->n + 1, sizeof(*l->row), 64))
		return false;
	l->row[l->n++] = row;
	return true;
}

/* Append row i unless it repeats the last row's index (SO_REUSEPORT twins). */
static bool push_unique(const struct conn_snapshot *s, struct conn_list *l, uint32_t i,
			enum key_depth depth)
{
	if (l->n && cmp_key(&s->rows[l->row[l->n - 1]], &s->rows[i], depth) == 0)
		return true;
	return push(l, i);
}

/* IPv4 traffic: ipv4 ends, and the dual-stack wildcard (local) or no remote. */
static bool carries_ipv4(const struct conn_row *r)
{
	return r->ltype <= CONN_ADDR_IPV4 && r->rtype <= CONN_ADDR_IPV4;
}

/* Sort a legacy table by its own index and drop repeated indexes. */
static void sort_legacy(const struct conn_snapshot *s, struct conn_list *l, enum key_depth depth)
{
	size_t out = 0;

	if (l->n > 1)
		qsort_r(l->row, l->n, sizeof(*l->row), cmp_legacy_rows, s->rows);
	for (size_t i = 0; i < l->n; i++)
		if (!out || cmp_legacy(&s->rows[l->row[out - 1]], &s->rows[l->row[i]], depth))
			l->row[out++] = l->row[i];
	l->n = out;
}

static bool index_row(struct conn_snapshot *s, uint32_t i)
{
	const struct conn_row *r = &s->rows[i];
	bool legacy = carries_ipv4(r);

	if (r->proto == CONN_PROTO_TCP) {
		if (legacy && !push(&s->tables[CONN_TCP_CONN], i))
			return false;
		if (r->state == TCP_LISTEN)
			return push_unique(s, &s->tables[CONN_TCP_LISTENER], i, KEY_LOCAL);
		return push_unique(s, &s->tables[CONN_TCP_CONNECTION], i, KEY_REMOTE);
	}
	return push(&s->tables[CONN_UDP_ENDPOINT], i) && (!legacy || push(&s->tables[CONN_UDP], i));
}

bool conn_snapshot_index(struct conn_snapshot *s)
{
	sort_array(s->rows, s->n, sizeof(*s->rows), cmp_rows);
	for (uint32_t i = 0; i < s->n; i++)
		if (!index_row(s, i))
			return false;
	sort_legacy(s, &s->tables[CONN_TCP_CONN], KEY_REMOTE);
	sort_legacy(s, &s->tables[CONN_UDP], KEY_LOCAL);
	return true;
}

/* InetAddressType, then the InetAddress as a length-prefixed string. */
static size_t put_inet(uint32_t *out, uint8_t type, const uint8_t a[16], uint32_t zone)
{
	static const uint8_t len[] = {
		[CONN_ADDR_IPV4] = 4, [CONN_ADDR_IPV6] = 16, [CONN_ADDR_IPV6Z] = 20
	};
	size_t n = 0, bytes = type < sizeof(len) ? len[type] : 0;

	out[n++] = type;
	out[n++] = bytes;
	for (size_t i = 0; i < bytes && i < 16; i++)
		out[n++] = a[i];
	if (bytes == 20) /* the zone index, network order */
		for (int shift = 24; shift >= 0; shift -= 8)
			out[n++] = (zone >> shift) & 0xff;
	return n;
}

static size_t put_addr4(uint32_t *out, const uint8_t a[16])
{
	for (int i = 0; i < 4; i++)
		out[i] = a[i];
	return 4;
}

size_t conn_index(enum conn_table_id t, const struct conn_row *r, uint32_t *out)
{
	size_t n = 0;

	switch (t) {
	case CONN_TCP_CONNECTION:
	case CONN_TCP_LISTENER:
	case CONN_UDP_ENDPOINT:
		n += put_inet(out, r->ltype, r->laddr, r->ifindex);
		out[n++] = r->lport;
		if (t == CONN_TCP_LISTENER)
			break;
		/* UDP's "any remote": unknown(0), a zero-length address, port 0 */
		n += put_inet(out + n, r->rtype, r->raddr, r->ifindex);
		out[n++] = r->rport;
		if (t == CONN_UDP_ENDPOINT)
			out[n++] = r->inode; /* udpEndpointInstance: the socket */
		break;
	case CONN_TCP_CONN:
	case CONN_UDP:
		n += put_addr4(out, r->laddr);
		out[n++] = r->lport;
		if (t == CONN_UDP)
			break;
		n += put_addr4(out + n, r->raddr);
		out[n++] = r->rport;
		break;
	case CONN_TABLES:
		break;
	}
	return n;
}

/* The five tables as the engine sees them: filters of the sorted rows. */
static size_t count_of(const struct conn_snapshot *s, enum conn_table_id t)
{
	return s->tables[t].n;
}

static const void *row_of(const struct conn_snapshot *s, enum conn_table_id t, size_t pos)
{
	return &s->rows[s->tables[t].row[pos]];
}

#define CONN_TABLE_DEF(id)                                                                         \
	static size_t count_##id(const void *s)                                                    \
	{                                                                                          \
		return count_of(s, id);                                                            \
	}                                                                                          \
	static const void *row_##id(const void *s, size_t pos)                                     \
	{                                                                                          \
		return row_of(s, id, pos);                                                         \
	}                                                                                          \
	static size_t index_##id(const void *s, const void *r, uint32_t *out)                      \
	{                                                                                          \
		(void)s;                                                                           \
		return conn_index(id, r, out);                                                     \
	}                                                                                          \
	static size_t *hint_##id(void *s)                                                          \
	{                                                                                          \
		return &((struct conn_snapshot *)s)->tables[id].hint;                              \
	}
CONN_TABLE_DEF(CONN_TCP_CONNECTION)
CONN_TABLE_DEF(CONN_TCP_LISTENER)
CONN_TABLE_DEF(CONN_TCP_CONN)
CONN_TABLE_DEF(CONN_UDP_ENDPOINT)
CONN_TABLE_DEF(CONN_UDP)

#define CONN_TABLE(id, mib_name) [id] = { mib_name, count_##id, row_##id, index_##id, hint_##id }

const struct table_def conn_tables[CONN_TABLES] = {
	CONN_TABLE(CONN_TCP_CONNECTION, "tcpConnectionTable"),
	CONN_TABLE(CONN_TCP_LISTENER, "tcpListenerTable"),
	CONN_TABLE(CONN_TCP_CONN, "tcpConnTable"),
	CONN_TABLE(CONN_UDP_ENDPOINT, "udpEndpointTable"),
	CONN_TABLE(CONN_UDP, "udpTable"),
};

long conn_mib_state(uint8_t kernel_state)
{
	switch (kernel_state) {
	case TCP_ESTABLISHED:
		return 5;
	case TCP_SYN_SENT:
		return 3;
	case TCP_SYN_RECV:
	case KERNEL_TCP_NEW_SYN_RECV:
		return 4;
	case TCP_FIN_WAIT1:
		return 6;
	case TCP_FIN_WAIT2:
		return 7;
	case TCP_TIME_WAIT:
		return 11;
	case TCP_CLOSE_WAIT:
		return 8;
	case TCP_LAST_ACK:
		return 9;
	case TCP_LISTEN:
		return 2;
	case TCP_CLOSING:
		return 10;
	default:
		return 1; /* closed */
	}
}
