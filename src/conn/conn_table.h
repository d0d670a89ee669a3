/*
 * The IPv4 sockets the kernel reported in one inet_diag dump, and the five
 * MIB tables built over them: TCP-MIB's tcpConnectionTable, tcpListenerTable
 * and legacy tcpConnTable, UDP-MIB's udpEndpointTable and legacy udpTable.
 *
 * Rows are kept once, in one array sorted by index; each table is an array
 * of row numbers in its own index order, so GET and GETNEXT are a binary
 * search over index OIDs built on the fly.  Every array is kept and reused
 * from one refresh to the next: memory follows the number of sockets and a
 * refresh allocates nothing once the arrays have grown.
 *
 * Folder src/conn/: the connection tables from inet_diag (libnl) and the
 * process scan; may include src/util/ and src/mib/ (OID search).
 */
#ifndef IPSTACK_CONN_TABLE_H
#define IPSTACK_CONN_TABLE_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum conn_proto {
	CONN_PROTO_TCP,
	CONN_PROTO_UDP,
};

struct conn_row {
	uint8_t laddr[4]; /* network order, as the OID shows it */
	uint8_t raddr[4];
	uint16_t lport; /* host order */
	uint16_t rport;
	uint8_t proto; /* enum conn_proto */
	uint8_t state; /* the kernel's TCP_* state (UDP: 1 connected, 7 not) */
	uint32_t inode; /* 0 for TIME_WAIT and request sockets */
	uint32_t pid; /* 0 until conn_pids_fill() finds the owner */
};

enum conn_table_id {
	CONN_TCP_CONNECTION, /* tcpConnectionTable: every TCP socket but listeners */
	CONN_TCP_LISTENER, /* tcpListenerTable */
	CONN_TCP_CONN, /* tcpConnTable: every TCP socket */
	CONN_UDP_ENDPOINT, /* udpEndpointTable */
	CONN_UDP, /* udpTable: local endpoints */
	CONN_TABLES,
};

/* Longest index: udpEndpointTable's 17 sub-identifiers. */
#define CONN_INDEX_MAX 20

struct conn_list {
	uint32_t *row; /* into conn_snapshot.rows, in index order */
	size_t n;
	size_t cap;
};

struct conn_snapshot {
	struct conn_row *rows;
	size_t n;
	size_t cap;
	struct conn_list tables[CONN_TABLES];
	uint64_t taken_ms;
	unsigned refresh_ms; /* what the dump (and process scan) cost */
	bool loaded;
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
size_t conn_index(enum conn_table_id t, const struct conn_row *r, oid *out);

/* The row whose index is exactly `idx`, or NULL. */
const struct conn_row *conn_table_get(const struct conn_snapshot *s, enum conn_table_id t,
				      const oid *idx, size_t n);
/* The first row whose index is after (`inclusive`: at or after) `idx`, or NULL. */
const struct conn_row *conn_table_next(const struct conn_snapshot *s, enum conn_table_id t,
				       const oid *idx, size_t n, bool inclusive);

/* tcpConnectionState / tcpConnState for a kernel TCP state (RFC 4022). */
long conn_mib_state(uint8_t kernel_state);
#define CONN_MIB_DELETE_TCB 12

/*
 * Find the owning process of every row by one scan of `proc_root`/<pid>/fd.
 * Sockets of processes we may not look into keep pid 0, as RFC 4022 allows.
 * Returns the number of rows given an owner.
 */
size_t conn_pids_fill(struct conn_snapshot *s, const char *proc_root);

#endif
