/*
 * The MIB view: every object instance we serve, with its value, sorted by
 * OID.  It is built from one counter snapshot and answers GET and GETNEXT
 * by binary search; the AgentX handler (agent.c) is a thin layer over it,
 * and unit tests check it against golden lists with no snmpd at all.
 */
#ifndef IPSTACK_MIB_VIEW_H
#define IPSTACK_MIB_VIEW_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdbool.h>
#include <stdint.h>

#include "counter_store.h"

/* Longest OID we build: the counter table's three string indexes. */
#define MIB_OID_MAX 128

/* mib-2, 1.3.6.1.2.1: every standard object lives below it. */
#define MIB2_LEN 6
extern const oid mib2_oid[MIB2_LEN];

struct mib_entry {
	const oid *name; /* into mib_view.names */
	size_t len;
	uint64_t value; /* INTEGER values as two's complement */
	u_char type; /* ASN_COUNTER, ASN_COUNTER64, ASN_INTEGER, ASN_OCTET_STR... */
	uint8_t slen; /* ASN_OCTET_STR: the text in str */
	char str[22]; /* short texts (a number as the kernel printed it) */
	uint32_t name_off;
};

struct mib_view {
	struct mib_entry *entries;
	size_t n;
	size_t cap;
	oid *names; /* every entry's OID, one after the other */
	size_t nnames;
	size_t names_cap;
	unsigned generation; /* of the snapshot it was built from */
	bool built;
};

/* The agent's own health, for LINUX-IPSTACK-MIB's ipstackAgent objects. */
struct mib_agent_stats {
	unsigned long refreshes;
	unsigned long refresh_us;
	unsigned long parse_errors;
	unsigned long reconnects;
	unsigned long sets_committed;
	unsigned long sets_refused;
};

/* What the view needs besides the snapshot. */
struct mib_context {
	const char *proc_root; /* for the sysctl-backed scalars */
	unsigned refresh_ms; /* ipSystemStatsRefreshRate */
	const struct mib_agent_stats *agent; /* NULL: no ipstackAgent objects */
};

/*
 * Adding entries, for the builders of each MIB area: the OID is the
 * concatenation of up to three parts.  Returns the entry (to set a
 * string), or NULL when out of memory or the OID is too long.
 */
struct mib_entry *mib_view_add(struct mib_view *v, const oid *a, size_t alen, const oid *b,
			       size_t blen, const oid *c, size_t clen, u_char type, uint64_t value);

void mib_view_build(struct mib_view *v, const struct counter_snapshot *snap,
		    const struct mib_context *ctx);
void mib_view_free(struct mib_view *v);

/* Exact match, or NULL. */
const struct mib_entry *mib_view_get(const struct mib_view *v, const oid *name, size_t len);
/* First entry after `name` (at or after it when `inclusive`), or NULL. */
const struct mib_entry *mib_view_next(const struct mib_view *v, const oid *name, size_t len,
				      bool inclusive);

/*
 * The regions to register with the master: each scalar instance, each
 * ipv4 row of a stats table column, in OID order.  Calls `fn` once per
 * region with the full OID.
 */
void mib_regions_foreach(void (*fn)(void *ctx, const oid *name, size_t len), void *ctx);

/* Number of statically declared objects (for tests). */
size_t mib_objects_count(void);
/* Full OID of the i-th declared object, for the sortedness test. */
size_t mib_object_oid(size_t i, oid *out);

#endif
