/*
 * The IPv4 and IPv6 sockets the kernel reported in one inet_diag dump, and
 * the five MIB tables built over them: TCP-MIB's tcpConnectionTable,
 * tcpListenerTable and legacy tcpConnTable, UDP-MIB's udpEndpointTable and
 * legacy udpTable.
 *
 * Addresses are kept as the MIB shows them (RFC 4001 InetAddressType and
 * InetAddress), the type being the one used for the communication: a
 * v4-mapped IPv6 address is ipv4(1) with its 4 bytes, a wildcard that
 * accepts both families (AF_INET6 on :: without IPV6_V6ONLY) unknown(0)
 * with no bytes, a scoped (link-local) IPv6 address ipv6z(4) with its zone,
 * an unconnected remote end unknown(0).  The legacy tables carry IPv4
 * traffic: their rows are the ipv4 ones and the dual-stack wildcards (as
 * 0.0.0.0).
 *
 * Rows are kept once, in one array sorted by index; each table is an array
 * of row numbers in its own index order (a table_def of the engine), so
 * GET and GETNEXT are a binary search over indexes built on the fly.  Every
 * array is kept and reused from one refresh to the next: memory follows the
 * number of sockets and a refresh allocates nothing once the arrays have
 * grown.
 *
 * Folder src/conn/: the connection tables from inet_diag (libnl) and the
 * process scan, as a source of the table engine (conn_source.c); includes
 * src/util/, src/netns/ and src/table/, never a net-snmp header.
 */
#ifndef IPSTACK_CONN_TABLE_H
#define IPSTACK_CONN_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "table_def.h"
#include "table_set.h"

enum conn_proto {
	CONN_PROTO_TCP,
	CONN_PROTO_UDP,
};

/* InetAddressType (RFC 4001) */
enum conn_addr_type {
	CONN_ADDR_UNKNOWN = 0,
	CONN_ADDR_IPV4 = 1,
	CONN_ADDR_IPV6 = 2,
	CONN_ADDR_IPV6Z = 4,
};

struct conn_row {
	uint8_t laddr[16]; /* the InetAddress bytes, network order; unused ones 0 */
	uint8_t raddr[16];
	uint32_t ifindex; /* the socket's bound device; an ipv6z address's zone */
	uint16_t lport; /* host order */
	uint16_t rport;
	uint8_t ltype; /* enum conn_addr_type */
	uint8_t rtype;
	uint8_t family; /* the socket's own: AF_INET, or AF_INET6 (v4-mapped too) */
	uint8_t proto; /* enum conn_proto */
	uint8_t state; /* the kernel's TCP_* state (UDP: 1 connected, 7 not) */
	uint32_t inode; /* 0 for TIME_WAIT and request sockets */
	uint32_t pid; /* 0 until conn_pids_fill() finds the owner */
};

/*
 * Set a row's family, addresses and types from what inet_diag reports: the
 * 16-byte source and destination (IPv4 in the first 4), the bound device
 * and, for AF_INET6 listeners and unconnected sockets, IPV6_V6ONLY.  The
 * ports must be set already (a remote port of 0 means no remote end).
 */
void conn_row_set_addrs(struct conn_row *r, int family, const uint8_t src[16],
			const uint8_t dst[16], uint32_t ifindex, bool v6only);
/* The socket's own address bytes again (v4-mapped for AF_INET6), for SOCK_DESTROY. */
void conn_row_socket_addrs(const struct conn_row *r, uint8_t src[16], uint8_t dst[16]);
/* "127.0.0.1:22 -> [::1]:40000" style text of the 4-tuple, for logs. */
void conn_row_format(const struct conn_row *r, char *buf, size_t len);
#define CONN_ROW_TEXT_MAX 128

enum conn_table_id {
	CONN_TCP_CONNECTION, /* tcpConnectionTable: every TCP socket but listeners */
	CONN_TCP_LISTENER, /* tcpListenerTable */
	CONN_TCP_CONN, /* tcpConnTable: every TCP socket */
	CONN_UDP_ENDPOINT, /* udpEndpointTable */
	CONN_UDP, /* udpTable: local endpoints */
	CONN_TABLES,
};

/* Longest index: udpEndpointTable's, two ipv6z addresses: 2 x 22 + 3. */
#define CONN_INDEX_MAX 48

struct conn_list {
	uint32_t *row; /* into conn_snapshot.rows, in index order */
	size_t n;
	size_t cap;
	size_t hint; /* the position conn_table_after() answered last */
};

struct conn_snapshot {
	struct conn_row *rows;
	size_t n;
	size_t cap;
	struct conn_list tables[CONN_TABLES];
	bool pids_filled; /* the process scan ran for these rows */
	uint64_t *by_inode; /* scratch for the process scan */
	size_t by_inode_cap;
};

/* Start a refresh: rows are dropped, memory kept. */
void conn_snapshot_clear(struct conn_snapshot *s);
/* Append a row; false when out of memory. */
bool conn_snapshot_add(struct conn_snapshot *s, const struct conn_row *r);
/* Sort the rows and build the five tables; false when out of memory. */
bool conn_snapshot_index(struct conn_snapshot *s);
void conn_snapshot_free(struct conn_snapshot *s);

/* The index of `r` in table `t` (RFC 4022 / RFC 4113 encoding); its length. */
size_t conn_index(enum conn_table_id t, const struct conn_row *r, uint32_t *out);

/* The five tables, in the engine's terms, by conn_table_id. */
extern const struct table_def conn_tables[CONN_TABLES];

/* tcpConnectionState / tcpConnState for a kernel TCP state (RFC 4022). */
long conn_mib_state(uint8_t kernel_state);
#define CONN_MIB_DELETE_TCB 12

/*
 * Find the owning process of every row by one scan of `proc_root`/<pid>/fd.
 * Sockets of processes we may not look into keep pid 0, as RFC 4022 allows.
 * Returns the number of rows given an owner.
 */
size_t conn_pids_fill(struct conn_snapshot *s, const char *proc_root);

/* Where a full scan found each socket: checked by the next build first. */
struct conn_owner {
	uint32_t inode, pid, fd;
};
struct conn_owners {
	struct conn_owner *v; /* sorted by inode */
	size_t n, cap;
	uint32_t *pids; /* the processes scanned so far, sorted */
	size_t npids, pids_cap;
};
/*
 * conn_pids_fill(), checking first what `known` remembers (one readlink a
 * socket), then the descriptors of the processes the last full scan did
 * not see; a full scan, which `known` then remembers, when a socket is
 * still not found.  Owners stay exact: a socket counts as found only where
 * its descriptor still names it.
 */
size_t conn_pids_fill_known(struct conn_snapshot *s, const char *proc_root,
			    struct conn_owners *known);
void conn_owners_free(struct conn_owners *o);

/*
 * The connection tables as a source of the table engine: a build dumps
 * every TCP and UDP socket of both families through inet_diag (the
 * builder is a netlink socket of the namespace) and, with
 * CONN_BUILD_PIDS, scans /proc for their processes.
 */
#define CONN_BUILD_PIDS 1u
extern const struct table_source conn_source;

/* The state columns (tcpConnectionState, tcpConnState): deleteTCB. */
bool conn_column_is_state(const struct table_column *c);

#endif
