/*
 * GETNEXT's search over a table whose index OIDs are built on the fly from
 * sorted rows (the sysctl table, the connection tables): a binary search
 * that builds only the indexes it compares.
 */
#ifndef IPSTACK_OID_SEARCH_H
#define IPSTACK_OID_SEARCH_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdbool.h>
#include <stddef.h>

/* Write the index of element `i` of `table` to `out` (at most MAX_OID_LEN
 * sub-identifiers); return its length. */
typedef size_t (*oid_index_fn)(const void *table, size_t i, oid *out);

/* Position of the first of `count` elements, in index order, whose index
 * is after `idx` (`inclusive`: at or after); `count` when there is none. */
size_t oid_first_after(const void *table, size_t count, oid_index_fn index_of, const oid *idx,
		       size_t n, bool inclusive);

#endif
