/*
 * Row storage and index order of the connection tables (see conn_table.h).
 *
 * All five indexes start with the local address and port and, where they
 * go further, the remote ones, each address a fixed four sub-identifiers.
 * So one sort of the rows by (protocol, local, connected, remote, inode)
 * puts every table in OID order at once, and the tables are filters of it.
 */
#include "conn_table.h"

#include "grow_array.h"
#include "oid_search.h"

#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>

/* Kernel socket states (include/net/tcp_states.h) past netinet/tcp.h's list. */
#define KERNEL_TCP_NEW_SYN_RECV 12

void conn_snapshot_clear(struct conn_snapshot *s)
{
	s->n = 0;
	for (int t = 0; t < CONN_TABLES; t++)
		s->tables[t].n = 0;
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

static bool connected(const struct conn_row *r)
{
	return r->raddr[0] | r->raddr[1] | r->raddr[2] | r->raddr[3] | r->rport;
}

static int cmp_u(unsigned a, unsigned b)
{
	return (a > b) - (a < b);
}

/* How far two rows agree: 1 local endpoint, 2 remote too, 3 inode too. */
enum key_depth { KEY_LOCAL = 1, KEY_REMOTE, KEY_ALL };

static int cmp_key(const struct conn_row *a, const struct conn_row *b, enum key_depth depth)
{
	int c = cmp_u(a->proto, b->proto);

	if (!c)
		c = memcmp(a->laddr, b->laddr, 4);
	if (!c)
		c = cmp_u(a->lport, b->lport);
	if (c || depth == KEY_LOCAL)
		return c;
	if (!(c = cmp_u(connected(a), connected(b))))
		c = memcmp(a->raddr, b->raddr, 4);
	if (!c)
		c = cmp_u(a->rport, b->rport);
	if (c || depth == KEY_REMOTE)
		return c;
	return cmp_u(a->inode, b->inode);
}

static int cmp_rows(const void *a, const void *b)
{
	return cmp_key(a, b, KEY_ALL);
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

bool conn_snapshot_index(struct conn_snapshot *s)
{
	bool ok = true;

	sort_array(s->rows, s->n, sizeof(*s->rows), cmp_rows);
	for (uint32_t i = 0; i < s->n && ok; i++) {
		const struct conn_row *r = &s->rows[i];

		if (r->proto == CONN_PROTO_TCP) {
			ok = push_unique(s, &s->tables[CONN_TCP_CONN], i, KEY_REMOTE);
			if (r->state == TCP_LISTEN)
				ok = ok &&
					push_unique(s, &s->tables[CONN_TCP_LISTENER], i, KEY_LOCAL);
			else
				ok = ok &&
					push_unique(s, &s->tables[CONN_TCP_CONNECTION], i,
						    KEY_REMOTE);
		} else {
			ok = push(&s->tables[CONN_UDP_ENDPOINT], i) &&
				push_unique(s, &s->tables[CONN_UDP], i, KEY_LOCAL);
		}
	}
	return ok;
}

static size_t put_addr(oid *out, const uint8_t a[4])
{
	for (int i = 0; i < 4; i++)
		out[i] = a[i];
	return 4;
}

/* InetAddressType ipv4(1), then the InetAddress as a length-prefixed string. */
static size_t put_inet(oid *out, const uint8_t a[4])
{
	out[0] = 1;
	out[1] = 4;
	return 2 + put_addr(out + 2, a);
}

size_t conn_index(enum conn_table_id t, const struct conn_row *r, oid *out)
{
	size_t n = 0;

	switch (t) {
	case CONN_TCP_CONNECTION:
	case CONN_TCP_LISTENER:
	case CONN_UDP_ENDPOINT:
		n += put_inet(out, r->laddr);
		out[n++] = r->lport;
		if (t == CONN_TCP_LISTENER)
			break;
		if (t == CONN_TCP_CONNECTION || connected(r)) {
			n += put_inet(out + n, r->raddr);
		} else {
			/* any remote: unknown(0) and a zero-length address (RFC 4113) */
			out[n++] = 0;
			out[n++] = 0;
		}
		out[n++] = r->rport;
		if (t == CONN_UDP_ENDPOINT)
			out[n++] = r->inode; /* udpEndpointInstance: the socket */
		break;
	case CONN_TCP_CONN:
	case CONN_UDP:
		n += put_addr(out, r->laddr);
		out[n++] = r->lport;
		if (t == CONN_UDP)
			break;
		n += put_addr(out + n, r->raddr);
		out[n++] = r->rport;
		break;
	case CONN_TABLES:
		break;
	}
	return n;
}

/* The index of the i-th row of one table, for oid_first_after. */
struct table_ref {
	const struct conn_snapshot *s;
	enum conn_table_id t;
};

static size_t table_index(const void *table, size_t i, oid *out)
{
	const struct table_ref *ref = table;

	return conn_index(ref->t, &ref->s->rows[ref->s->tables[ref->t].row[i]], out);
}

const struct conn_row *conn_table_next(const struct conn_snapshot *s, enum conn_table_id t,
				       const oid *idx, size_t n, bool inclusive)
{
	struct table_ref ref = { s, t };
	size_t pos = oid_first_after(&ref, s->tables[t].n, table_index, idx, n, inclusive);

	return pos < s->tables[t].n ? &s->rows[s->tables[t].row[pos]] : NULL;
}

const struct conn_row *conn_table_get(const struct conn_snapshot *s, enum conn_table_id t,
				      const oid *idx, size_t n)
{
	const struct conn_row *r = conn_table_next(s, t, idx, n, true);
	oid buf[CONN_INDEX_MAX];

	if (!r || snmp_oid_compare(buf, conn_index(t, r, buf), idx, n) != 0)
		return NULL;
	return r;
}

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
