/*
 * Connection-table rows: index encoding, the order of every table, GET and
 * GETNEXT at and between rows, and a dump and process scan of the real
 * kernel's sockets (a loopback listener this test opens).
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conn_diag.h"
#include "conn_table.h"

/* A row as inet_diag reports it: the family is the addresses' own. */
static struct conn_row row6(uint8_t proto, const char *l, uint16_t lp, const char *r, uint16_t rp,
			    uint8_t state, uint32_t inode, uint32_t ifindex, bool v6only)
{
	struct conn_row x = { .proto = proto, .lport = lp, .rport = rp, .state = state };
	uint8_t src[16] = { 0 }, dst[16] = { 0 };
	int family = strchr(l, ':') ? AF_INET6 : AF_INET;

	ck_assert_int_eq(inet_pton(family, l, src), 1);
	ck_assert_int_eq(inet_pton(family, r, dst), 1);
	conn_row_set_addrs(&x, family, src, dst, ifindex, v6only);
	x.inode = inode;
	return x;
}

static struct conn_row row(uint8_t proto, const char *l, uint16_t lp, const char *r, uint16_t rp,
			   uint8_t state, uint32_t inode)
{
	return row6(proto, l, lp, r, rp, state, inode, 0, false);
}

/* Rows given out of order, with a SO_REUSEPORT twin listener. */
/* The engine's search over one of the five tables. */
static const struct conn_row *get_row(enum conn_table_id t, const struct conn_snapshot *s,
				      const uint32_t *idx, size_t n)
{
	return table_get(&conn_tables[t], s, idx, n);
}

static const struct conn_row *next_row(enum conn_table_id t, struct conn_snapshot *s,
				       const uint32_t *idx, size_t n, bool inclusive)
{
	return table_next(&conn_tables[t], s, idx, n, inclusive);
}

static void fill(struct conn_snapshot *s)
{
	const struct conn_row rows[] = {
		row(CONN_PROTO_TCP, "10.0.0.2", 22, "10.0.0.9", 40000, TCP_ESTABLISHED, 11),
		row(CONN_PROTO_TCP, "0.0.0.0", 22, "0.0.0.0", 0, TCP_LISTEN, 10),
		row(CONN_PROTO_TCP, "0.0.0.0", 22, "0.0.0.0", 0, TCP_LISTEN, 12),
		row(CONN_PROTO_TCP, "10.0.0.2", 22, "10.0.0.3", 50000, TCP_TIME_WAIT, 0),
		row(CONN_PROTO_UDP, "10.0.0.2", 53, "10.0.0.7", 53, TCP_ESTABLISHED, 21),
		row(CONN_PROTO_UDP, "10.0.0.2", 53, "0.0.0.0", 0, TCP_CLOSE, 20),
		row(CONN_PROTO_UDP, "0.0.0.0", 68, "0.0.0.0", 0, TCP_CLOSE, 22),
	};

	conn_snapshot_clear(s);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		ck_assert(conn_snapshot_add(s, &rows[i]));
	ck_assert(conn_snapshot_index(s));
}

static const char *index_text(enum conn_table_id t, const struct conn_row *r)
{
	static char buf[256];
	uint32_t idx[CONN_INDEX_MAX];
	size_t n = conn_index(t, r, idx), off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		off += snprintf(buf + off, sizeof(buf) - off, "%s%u", i ? "." : "", idx[i]);
	return buf;
}

START_TEST(tables_are_in_index_order)
{
	struct conn_snapshot s = { 0 };
	const struct conn_list *l;

	fill(&s);
	l = &s.tables[CONN_TCP_CONN];
	ck_assert_uint_eq(l->n, 3); /* the twin listener once */
	ck_assert_str_eq(index_text(CONN_TCP_CONN, &s.rows[l->row[0]]), "0.0.0.0.22.0.0.0.0.0");
	ck_assert_str_eq(index_text(CONN_TCP_CONN, &s.rows[l->row[1]]),
			 "10.0.0.2.22.10.0.0.3.50000");
	ck_assert_str_eq(index_text(CONN_TCP_CONN, &s.rows[l->row[2]]),
			 "10.0.0.2.22.10.0.0.9.40000");
	l = &s.tables[CONN_TCP_CONNECTION];
	ck_assert_uint_eq(l->n, 2);
	ck_assert_str_eq(index_text(CONN_TCP_CONNECTION, &s.rows[l->row[0]]),
			 "1.4.10.0.0.2.22.1.4.10.0.0.3.50000");
	ck_assert_int_eq(conn_mib_state(s.rows[l->row[0]].state), 11); /* timeWait */
	l = &s.tables[CONN_TCP_LISTENER];
	ck_assert_uint_eq(l->n, 1);
	ck_assert_str_eq(index_text(CONN_TCP_LISTENER, &s.rows[l->row[0]]), "1.4.0.0.0.0.22");
	l = &s.tables[CONN_UDP_ENDPOINT];
	ck_assert_uint_eq(l->n, 3);
	ck_assert_str_eq(index_text(CONN_UDP_ENDPOINT, &s.rows[l->row[0]]),
			 "1.4.0.0.0.0.68.0.0.0.22");
	/* "any remote": unknown(0), zero-length, port 0; before connected ones */
	ck_assert_str_eq(index_text(CONN_UDP_ENDPOINT, &s.rows[l->row[1]]),
			 "1.4.10.0.0.2.53.0.0.0.20");
	ck_assert_str_eq(index_text(CONN_UDP_ENDPOINT, &s.rows[l->row[2]]),
			 "1.4.10.0.0.2.53.1.4.10.0.0.7.53.21");
	l = &s.tables[CONN_UDP];
	ck_assert_uint_eq(l->n, 2);
	ck_assert_str_eq(index_text(CONN_UDP, &s.rows[l->row[1]]), "10.0.0.2.53");
	conn_snapshot_free(&s);
}
END_TEST

START_TEST(get_and_next_at_every_edge)
{
	struct conn_snapshot s = { 0 };
	const uint32_t first[] = { 1, 4, 10, 0, 0, 2, 22, 1, 4, 10, 0, 0, 3, 50000 };
	const uint32_t between[] = { 1, 4, 10, 0, 0, 2, 22, 1, 4, 10, 0, 0, 5 };
	const uint32_t last[] = { 1, 4, 10, 0, 0, 2, 22, 1, 4, 10, 0, 0, 9, 40000 };
	const uint32_t before[] = { 1 };
	const struct conn_row *r;

	fill(&s);
	r = get_row(CONN_TCP_CONNECTION, &s, first, 14);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->rport, 50000);
	ck_assert_ptr_null(get_row(CONN_TCP_CONNECTION, &s, first, 13));
	ck_assert_ptr_null(get_row(CONN_TCP_CONNECTION, &s, between, 13));
	ck_assert_uint_eq(next_row(CONN_TCP_CONNECTION, &s, NULL, 0, false)->rport, 50000);
	ck_assert_uint_eq(next_row(CONN_TCP_CONNECTION, &s, before, 1, false)->rport, 50000);
	ck_assert_uint_eq(next_row(CONN_TCP_CONNECTION, &s, first, 14, false)->rport, 40000);
	ck_assert_uint_eq(next_row(CONN_TCP_CONNECTION, &s, first, 14, true)->rport, 50000);
	ck_assert_uint_eq(next_row(CONN_TCP_CONNECTION, &s, between, 13, false)->rport, 40000);
	ck_assert_ptr_null(next_row(CONN_TCP_CONNECTION, &s, last, 14, false));
	/* A refresh reuses the arrays: the second fill allocates nothing new. */
	{
		const struct conn_row *rows = s.rows;
		fill(&s);
		ck_assert_ptr_eq(s.rows, rows);
	}
	conn_snapshot_free(&s);
}
END_TEST

/* A walk through conn_table_after() meets every row conn_table_next() does, jumps included. */
START_TEST(walks_use_the_hint_and_still_jump)
{
	struct conn_snapshot s = { 0 };
	const uint32_t between[] = { 1, 4, 10, 0, 0, 2, 22, 1, 4, 10, 0, 0, 5 };
	const enum conn_table_id t = CONN_TCP_CONNECTION;
	uint32_t idx[CONN_INDEX_MAX] = { 0 };
	size_t n = 0, seen = 0;
	const struct conn_row *r, *want;

	fill(&s);
	while ((r = next_row(t, &s, idx, n, false))) {
		want = next_row(t, &s, idx, n, false);
		ck_assert_ptr_eq(r, want);
		n = conn_index(t, r, idx);
		seen++;
	}
	ck_assert_uint_eq(seen, s.tables[t].n);
	ck_assert_ptr_null(next_row(t, &s, idx, n, false));
	/* a jump elsewhere (another walker) is found by search, then followed */
	ck_assert_ptr_eq(next_row(t, &s, between, 13, false), next_row(t, &s, between, 13, false));
	ck_assert_uint_eq(next_row(t, &s, between, 13, false)->rport, 40000);
	conn_snapshot_free(&s);
}
END_TEST

/*
 * Both families in one snapshot: every kind of socket the RFCs name, with
 * its address types, in index order, and the legacy tables' share of them.
 */
static void fill_dual(struct conn_snapshot *s)
{
	const struct conn_row rows[] = {
		/* dual-stack wildcard listener: unknown(0), '' */
		row6(CONN_PROTO_TCP, "::", 80, "::", 0, TCP_LISTEN, 30, 0, false),
		/* v6only wildcard listener: ipv6 :: */
		row6(CONN_PROTO_TCP, "::", 81, "::", 0, TCP_LISTEN, 31, 0, true),
		/* accepted IPv4 connection on the dual-stack listener: v4-mapped */
		row6(CONN_PROTO_TCP, "::ffff:127.0.0.1", 80, "::ffff:127.0.0.1", 45000,
		     TCP_ESTABLISHED, 32, 0, false),
		/* link-local connection on interface 3: ipv6z */
		row6(CONN_PROTO_TCP, "fe80::1", 22, "fe80::2", 50000, TCP_ESTABLISHED, 33, 3,
		     false),
		row6(CONN_PROTO_TCP, "::1", 22, "::1", 50001, TCP_ESTABLISHED, 34, 0, false),
		row(CONN_PROTO_TCP, "0.0.0.0", 80, "0.0.0.0", 0, TCP_LISTEN, 35),
		/* UDP: dual-stack wildcard, v6 connected, v4-mapped connected */
		row6(CONN_PROTO_UDP, "::", 53, "::", 0, TCP_CLOSE, 40, 0, false),
		row6(CONN_PROTO_UDP, "::1", 5000, "::1", 5001, TCP_ESTABLISHED, 41, 0, false),
		row6(CONN_PROTO_UDP, "::ffff:10.0.0.1", 5000, "::ffff:10.0.0.2", 53,
		     TCP_ESTABLISHED, 42, 0, false),
	};

	conn_snapshot_clear(s);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		ck_assert(conn_snapshot_add(s, &rows[i]));
	ck_assert(conn_snapshot_index(s));
}

static const char *table_text(const struct conn_snapshot *s, enum conn_table_id t)
{
	static char buf[1024];
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < s->tables[t].n; i++)
		off += snprintf(buf + off, sizeof(buf) - off, "%s%s", i ? " | " : "",
				index_text(t, &s->rows[s->tables[t].row[i]]));
	return buf;
}

START_TEST(both_families_with_rfc_address_types)
{
	struct conn_snapshot s = { 0 };
	char tuple[CONN_ROW_TEXT_MAX];

	fill_dual(&s);
	ck_assert_str_eq(table_text(&s, CONN_TCP_LISTENER),
			 "0.0.80 | 1.4.0.0.0.0.80 | 2.16.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.81");
	ck_assert_str_eq(table_text(&s, CONN_TCP_CONNECTION),
			 "1.4.127.0.0.1.80.1.4.127.0.0.1.45000"
			 " | 2.16.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.22"
			 ".2.16.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.50001"
			 " | 4.20.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0.3.22"
			 ".4.20.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.3.50000");
	ck_assert_str_eq(table_text(&s, CONN_UDP_ENDPOINT),
			 "0.0.53.0.0.0.40"
			 " | 1.4.10.0.0.1.5000.1.4.10.0.0.2.53.42"
			 " | 2.16.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.5000"
			 ".2.16.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.5001.41");
	/* IPv4 traffic only, the dual-stack wildcards as 0.0.0.0, each index once */
	ck_assert_str_eq(table_text(&s, CONN_TCP_CONN),
			 "0.0.0.0.80.0.0.0.0.0 | 127.0.0.1.80.127.0.0.1.45000");
	ck_assert_str_eq(table_text(&s, CONN_UDP), "0.0.0.0.53 | 10.0.0.1.5000");
	/* the v4-mapped row keeps its family for SOCK_DESTROY */
	{
		const struct conn_row *r = &s.rows[s.tables[CONN_TCP_CONNECTION].row[0]];
		uint8_t src[16], dst[16], want[16];

		ck_assert_uint_eq(r->family, AF_INET6);
		conn_row_socket_addrs(r, src, dst);
		inet_pton(AF_INET6, "::ffff:127.0.0.1", want);
		ck_assert_mem_eq(src, want, 16);
		conn_row_format(r, tuple, sizeof(tuple));
		ck_assert_str_eq(tuple, "127.0.0.1:80 -> 127.0.0.1:45000");
		r = &s.rows[s.tables[CONN_TCP_CONNECTION].row[2]];
		conn_row_format(r, tuple, sizeof(tuple));
		ck_assert_str_eq(tuple, "[fe80::1%3]:22 -> [fe80::2%3]:50000");
	}
	conn_snapshot_free(&s);
}
END_TEST

/* A namespace without sockets: nothing to sort, nothing found, no UB. */
START_TEST(empty_snapshot)
{
	struct conn_snapshot s = { 0 };
	const uint32_t any[] = { 1, 4, 127, 0, 0, 1, 22 };

	conn_snapshot_clear(&s);
	ck_assert(conn_snapshot_index(&s));
	ck_assert_ptr_null(next_row(CONN_TCP_CONNECTION, &s, NULL, 0, false));
	ck_assert_ptr_null(get_row(CONN_UDP_ENDPOINT, &s, any, 7));
	ck_assert_uint_eq(conn_pids_fill(&s, "/proc"), 0);
	conn_snapshot_free(&s);
}
END_TEST

/* A listener on 127.0.0.1 is in the kernel's dump, with our pid. */
START_TEST(kernel_dump_finds_our_listener)
{
	struct conn_snapshot s = { 0 };
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	uint32_t idx[CONN_INDEX_MAX];
	const struct conn_row *r;
	struct stat st;
	struct conn_diag diag = { 0 };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(listen(fd, 1), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
	ck_assert_int_eq(fstat(fd, &st), 0);

	ck_assert_int_eq(conn_diag_dump(&diag, &s), 0);
	idx[0] = 1, idx[1] = 4, idx[2] = 127, idx[3] = 0, idx[4] = 0, idx[5] = 1;
	idx[6] = ntohs(a.sin_port);
	r = get_row(CONN_TCP_LISTENER, &s, idx, 7);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->inode, st.st_ino);
	ck_assert_uint_eq(r->pid, 0);
	ck_assert_uint_ge(conn_pids_fill(&s, "/proc"), 1);
	ck_assert_uint_eq(r->pid, (uint32_t)getpid());
	ck_assert_uint_eq(conn_pids_fill(&s, "/proc"), 0); /* once per snapshot */
	close(fd);
	conn_snapshot_free(&s);
	conn_diag_close(&diag);
}
END_TEST

/* A fabricated proc tree: PID/fd/FD links naming sockets. */
static char proc_tree[] = "/tmp/ipstack-pids.XXXXXX";

static void fd_link(unsigned pid, unsigned fd, unsigned inode)
{
	char path[256], target[64];

	snprintf(path, sizeof(path), "%s/%u", proc_tree, pid);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%u/fd", proc_tree, pid);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%u/fd/%u", proc_tree, pid, fd);
	snprintf(target, sizeof(target), "socket:[%u]", inode);
	unlink(path);
	ck_assert_int_eq(symlink(target, path), 0);
}

static void snapshot_of(struct conn_snapshot *s, const uint32_t *inodes, size_t n)
{
	conn_snapshot_clear(s);
	for (size_t i = 0; i < n; i++) {
		struct conn_row r = { .proto = CONN_PROTO_UDP,
				      .lport = (uint16_t)(1000 + i),
				      .inode = inodes[i] };
		static const uint8_t any[16];

		conn_row_set_addrs(&r, AF_INET, any, any, 0, false);
		ck_assert(conn_snapshot_add(s, &r));
	}
	ck_assert(conn_snapshot_index(s));
}

static uint32_t pid_of(const struct conn_snapshot *s, uint32_t inode)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->rows[i].inode == inode)
			return s->rows[i].pid;
	return UINT32_MAX;
}

/* Owners remembered between builds, checked by readlink, rescanned when moved. */
START_TEST(process_owners_remembered_and_checked)
{
	struct conn_snapshot s = { 0 };
	struct conn_owners known = { 0 };
	const uint32_t two[] = { 111, 222 }, three[] = { 111, 222, 333 };
	char cmd[300];

	ck_assert_ptr_nonnull(mkdtemp(proc_tree));
	fd_link(100, 3, 111);
	fd_link(200, 5, 222);
	snapshot_of(&s, two, 2);
	conn_pids_fill_known(&s, proc_tree, &known);
	ck_assert_uint_eq(pid_of(&s, 111), 100);
	ck_assert_uint_eq(pid_of(&s, 222), 200);
	ck_assert_uint_eq(known.n, 2);
	/* 111 moved to a new process: found among the new ones */
	fd_link(100, 3, 999);
	fd_link(300, 7, 111);
	snapshot_of(&s, two, 2);
	conn_pids_fill_known(&s, proc_tree, &known);
	ck_assert_uint_eq(pid_of(&s, 111), 300);
	ck_assert_uint_eq(pid_of(&s, 222), 200);
	/* a new socket of an old process: the full scan finds it */
	fd_link(200, 9, 333);
	snapshot_of(&s, three, 3);
	conn_pids_fill_known(&s, proc_tree, &known);
	ck_assert_uint_eq(pid_of(&s, 333), 200);
	ck_assert_uint_eq(pid_of(&s, 111), 300);
	/* a socket no process holds any more: 0, and forgotten */
	snprintf(cmd, sizeof(cmd), "rm -rf %s/300", proc_tree);
	ck_assert_int_eq(system(cmd), 0);
	snapshot_of(&s, three, 3);
	conn_pids_fill_known(&s, proc_tree, &known);
	ck_assert_uint_eq(pid_of(&s, 111), 0);
	snapshot_of(&s, two + 1, 1); /* 222 alone */
	conn_pids_fill_known(&s, proc_tree, &known);
	ck_assert_uint_eq(known.n, 1); /* only the rows' sockets are remembered */
	ck_assert_uint_eq(known.v[0].inode, 222);
	conn_owners_free(&known);
	conn_snapshot_free(&s);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", proc_tree);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

Suite *conn_table_suite(void)
{
	Suite *s = suite_create("conn_table");
	TCase *tc = tcase_create("rows");

	tcase_add_test(tc, tables_are_in_index_order);
	tcase_add_test(tc, get_and_next_at_every_edge);
	tcase_add_test(tc, walks_use_the_hint_and_still_jump);
	tcase_add_test(tc, both_families_with_rfc_address_types);
	tcase_add_test(tc, empty_snapshot);
	tcase_add_test(tc, kernel_dump_finds_our_listener);
	tcase_add_test(tc, process_owners_remembered_and_checked);
	suite_add_tcase(s, tc);
	return s;
}
