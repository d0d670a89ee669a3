/*
 * A table of a snapshot, as SNMP sees it: rows in the order of their
 * index, the index as uint32 sub-identifiers (SNMP's are 32 bits; net-snmp's
 * `oid` type stays in the folders above), and what a column of it holds.
 * GET is an exact binary search, GETNEXT the first row after a name; a walk
 * tries the row after the one it was given last before searching.
 *
 * Folder src/table/: the table engine -- snapshots of tables read from the
 * kernel, built in threads of their own inside a network namespace, the
 * rules of when one may answer a request, and the index search.  No
 * net-snmp header; includes src/util/ and src/netns/ only.
 */
#ifndef IPSTACK_TABLE_DEF_H
#define IPSTACK_TABLE_DEF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest index of any table (a sysctl path: 1 + 96 sub-identifiers). */
#define TABLE_INDEX_MAX 128

struct table_def {
	const char *name; /* the MIB's name of the table, for log lines */
	size_t (*count)(const void *snap);
	/* the row at `pos` in index order */
	const void *(*row)(const void *snap, size_t pos);
	/* the row's index (at most TABLE_INDEX_MAX sub-identifiers); its length */
	size_t (*index)(const void *snap, const void *row, uint32_t *out);
	/* where a walk left off, kept in the snapshot; NULL: no hint */
	size_t *(*hint)(void *snap);
};

/* The table of a group's scalars: one row, the snapshot, whose index is 0. */
extern const struct table_def table_scalars;

/* snmp_oid_compare's order: sub-identifier by sub-identifier, then length. */
int table_index_cmp(const uint32_t *a, size_t an, const uint32_t *b, size_t bn);
/* The position of the first row whose index is after `idx` (`inclusive`: at
 * or after); the row count when there is none. */
size_t table_seek(const struct table_def *t, const void *snap, const uint32_t *idx, size_t n,
		  bool inclusive);
/* The row whose index is exactly `idx`, or NULL. */
const void *table_get(const struct table_def *t, const void *snap, const uint32_t *idx, size_t n);
/*
 * The first row after `idx` (`inclusive`: at or after), or NULL.  A walk
 * asks for the row after the one it was given last: with a hint, that row
 * is tried before a binary search (one index built instead of ~18 at 200k
 * rows).
 */
const void *table_next(const struct table_def *t, void *snap, const uint32_t *idx, size_t n,
		       bool inclusive);

/* What a column's value is, for the SNMP side to encode. */
enum table_type {
	TABLE_INTEGER, /* INTEGER, Integer32 */
	TABLE_UNSIGNED32, /* Unsigned32, Gauge32 */
	TABLE_COUNTER32,
	TABLE_COUNTER64,
	TABLE_TIMETICKS,
	TABLE_OCTETS, /* OCTET STRING, PhysAddress, InetAddress */
	TABLE_IPADDRESS, /* 4 bytes */
	TABLE_OID, /* OBJECT IDENTIFIER, RowPointer: `sub` */
	/* a TimeStamp: the event happened at `u`, in hundredths of a second of
	 * the monotonic clock, modulo 2^32 as the kernel's jiffies-based stamps
	 * are (0: never); the SNMP side makes it the agent's sysUpTime then,
	 * 0 if before its start */
	TABLE_STAMP_CS,
};

#define TABLE_VALUE_BYTES 64

struct table_value {
	enum table_type type;
	int64_t i; /* TABLE_INTEGER */
	uint64_t u; /* the unsigned types */
	size_t len; /* bytes of `bytes`, sub-identifiers of `sub` */
	uint8_t bytes[TABLE_VALUE_BYTES];
	uint32_t sub[TABLE_INDEX_MAX + 16];
};

/* Fill `v` with the column's value for `row`; false where it has no instance. */
typedef bool (*table_value_fn)(const void *snap, const void *row, struct table_value *v);

/* One column of a table. */
struct table_column {
	uint32_t sub; /* its number in the entry */
	const char *name; /* the MIB's name, for log lines */
	const struct table_def *table; /* the rows it has an instance for */
	table_value_fn value;
	unsigned needs; /* build flags its value needs (table_source's) */
	bool writable; /* a SET handler of the region takes it */
};

/* A value into `v`, for column functions; each returns true (an instance).
 * Unsigned32 is clamped to 2^32 - 1, octets to TABLE_VALUE_BYTES. */
bool table_put_integer(struct table_value *v, int64_t i);
bool table_put_unsigned32(struct table_value *v, uint64_t u);
bool table_put_octets(struct table_value *v, const void *p, size_t len);
bool table_put_ipaddress(struct table_value *v, const uint8_t *a);
bool table_put_stamp(struct table_value *v, uint32_t cs);

/* Columns whose value is the same in every row (what Linux does not keep,
 * RowStatus active): INTEGER 1, 2, 0 and -1, Gauge32 0, TimeTicks 0. */
bool table_integer_one(const void *snap, const void *row, struct table_value *v);
bool table_integer_two(const void *snap, const void *row, struct table_value *v);
bool table_integer_zero(const void *snap, const void *row, struct table_value *v);
bool table_integer_minus_one(const void *snap, const void *row, struct table_value *v);
bool table_gauge_zero(const void *snap, const void *row, struct table_value *v);
bool table_ticks_zero(const void *snap, const void *row, struct table_value *v);

/*
 * A table as the SNMP side registers it (the very regions snmpd's own
 * module registers for it): its OID and its accessible columns, in column
 * order.  Some of snmpd's modules register a table column by column, and
 * scalars are columns of a group whose one row has the index 0.
 */
enum table_region_kind {
	TABLE_REGION_TABLE, /* `oid` the table, one region */
	TABLE_REGION_COLUMNS, /* `oid` the table, a region per column: entry.column */
	TABLE_REGION_SCALARS, /* `oid` the group, a region per scalar: group.column */
	TABLE_REGION_INSTANCES, /* `oid` the group, a region per scalar: group.column.0 */
};

struct table_region {
	const char *name;
	uint32_t oid[16];
	size_t len;
	const struct table_column *columns;
	size_t ncolumns;
	enum table_region_kind kind;
	bool contexts_only; /* not in the default context (snmpd's own serves it there) */
};

#define TABLE_COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* A region of mib-2 (1.3.6.1.2.1): its name, columns, kind, whether only
 * in namespace contexts, then the rest of its OID. */
#define TABLE_MIB2_REGION(name, cols, kind, only, ...)                                             \
	{                                                                                          \
		name, { 1, 3, 6, 1, 2, 1, __VA_ARGS__ },                                           \
			6 + sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t), cols,          \
			TABLE_COUNT(cols), kind, only                                              \
	}

#endif
