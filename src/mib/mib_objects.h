/*
 * Declarations of the standard objects we serve (mib_objects.c holds the
 * table itself).  Kept apart from the view so the table reads as data.
 */
#ifndef IPSTACK_MIB_OBJECTS_H
#define IPSTACK_MIB_OBJECTS_H

#include "mib_view.h"

enum mib_kind {
	MIB_KIND_COUNTER32, /* low 32 bits of the kernel counter */
	MIB_KIND_COUNTER64,
	MIB_KIND_GAUGE32, /* latches at 2^32-1 */
	MIB_KIND_INTEGER, /* signed, must fit Integer32 */
	MIB_KIND_FORWARDING, /* INTEGER forwarding(1) / notForwarding(2) */
	MIB_KIND_FORWARDING_FLAG, /* the same from a sysctl: non-zero forwards */
	MIB_KIND_UNSIGNED32,
	MIB_KIND_TIMESTAMP,
};

enum mib_source {
	MIB_SRC_PROC, /* one field of a counter file */
	MIB_SRC_SUM, /* the sum of two fields of one section */
	MIB_SRC_SYSCTL, /* a tunable read with the snapshot (counter_snapshot_sysctl) */
	MIB_SRC_REFRESH_RATE, /* the cache lifetime, in milliseconds */
	MIB_SRC_ZERO,
};

/* One field of one file. */
struct mib_term {
	enum counter_file file;
	const char *section; /* "" in net/snmp6, whose lines have none */
	const char *field;
};

struct mib_object {
	oid sub[8]; /* below mib-2 */
	uint8_t sublen;
	enum mib_kind kind;
	enum mib_source src;
	enum counter_file file;
	const char *section;
	const char *field; /* for MIB_SRC_SYSCTL, the path below the proc root */
	const char *field2; /* for MIB_SRC_SUM */
	const char *write_path; /* the tunable a SET writes (sysctl_tree.h's path); NULL: read-only */
	const struct mib_term *plus; /* MIB_SRC_PROC: added where the kernel prints it */
};

#define MIB_ICMPMSG_NCOLUMNS 2

/* Where one IP version's ICMP message counts live. */
struct mib_icmpmsg_version {
	oid version; /* InetVersion: ipv4(1), ipv6(2) */
	enum counter_file file;
	const char *section;
	const char *prefix[MIB_ICMPMSG_NCOLUMNS]; /* "InType", "OutType" */
};

const struct mib_object *mib_objects(size_t *n);
/* Number of declared objects, and the full OID of the i-th (for tests). */
size_t mib_objects_count(void);
size_t mib_object_oid(size_t i, oid *out);

/* Add the standard instances the snapshot backs. */
void mib_objects_add(struct mib_view *v, const struct counter_snapshot *snap,
		     const struct mib_context *ctx);
/* Regions to register: those snmpd's own modules register for the same objects. */
void mib_objects_regions(mib_region_fn fn, void *ctx);
/* A GET of `name` found nothing: SNMP_NOSUCHOBJECT or SNMP_NOSUCHINSTANCE. */
int mib_objects_missing(const oid *name, size_t len);
/* The object whose instance is `name` (a full OID), or NULL. */
const struct mib_object *mib_object_at(const oid *name, size_t len);

extern const struct mib_icmpmsg_version mib_icmpmsg_versions[];
extern const size_t mib_icmpmsg_nversions;
extern const oid mib_icmpmsg_columns[MIB_ICMPMSG_NCOLUMNS];
extern const oid mib_icmpmsg_table[]; /* below mib-2 */
extern const size_t mib_icmpmsg_table_len;

#endif
