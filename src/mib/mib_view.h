/*
 * The MIB view: every object instance we serve, with its value, sorted by
 * OID.  Each MIB area adds its own instances (mib_objects.c, mib_private.c;
 * mib_build.c calls them), the view sorts them once and answers GET and
 * GETNEXT by binary search; the handler (agent_objects.c) is a thin layer
 * over it, and unit tests check it against golden lists with no snmpd.
 *
 * Folder src/mib/: the MIB view and the tables of objects we serve, in
 * net-snmp's types (oid, ASN_*) but without its agent; may include
 * src/util/ and src/store/.
 */
#ifndef IPSTACK_MIB_VIEW_H
#define IPSTACK_MIB_VIEW_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdbool.h>
#include <stdint.h>

#include "counter_store.h"
#include "mib_oids.h"

/* Longest OID we build: the counter table's three string indexes. */
#define MIB_OID_MAX 128

/* mib-2 (mib_oids.h): every standard object lives below it. */
#define MIB2_LEN MIB_OID_MIB2_LEN
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
	unsigned long kernel_refusals;
	unsigned long tunable_last_change; /* sysUpTime (centiseconds); 0: none */
};

/* What the builders need besides the snapshot. */
struct mib_context {
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

/* A region to register with the master; `writable` regions take SETs. */
typedef void (*mib_region_fn)(void *ctx, const oid *name, size_t len, bool writable);

/* Start a new build: no entries.  mib_view_finish() sorts what was added. */
void mib_view_begin(struct mib_view *v);
void mib_view_finish(struct mib_view *v, unsigned generation);
void mib_view_free(struct mib_view *v);

/* Exact match, or NULL. */
const struct mib_entry *mib_view_get(const struct mib_view *v, const oid *name, size_t len);
/* First entry after `name` (at or after it when `inclusive`), or NULL. */
const struct mib_entry *mib_view_next(const struct mib_view *v, const oid *name, size_t len,
				      bool inclusive);

#endif
