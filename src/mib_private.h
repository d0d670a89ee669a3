/*
 * LINUX-IPSTACK-MIB's read-only objects: every kernel counter by name
 * (ipstackCounterTable), /proc/net/sockstat (ipstackSockstatTable) and the
 * agent's own health (ipstackAgent).  The rows come from the snapshot with
 * no field list in the code: a kernel that adds fields gets rows for them.
 */
#ifndef IPSTACK_MIB_PRIVATE_H
#define IPSTACK_MIB_PRIVATE_H

#include "mib_view.h"

/* ipstackMIB, 1.3.6.1.4.1.8072.9999.9999.1 */
#define IPSTACK_MIB_LEN 10
extern const oid ipstack_mib_oid[IPSTACK_MIB_LEN];

/* ipstackCounterKind values */
enum counter_kind {
	COUNTER_KIND_COUNTER = 1,
	COUNTER_KIND_GAUGE = 2,
	COUNTER_KIND_CONSTANT = 3,
	COUNTER_KIND_SIGNED = 4,
};

enum counter_kind counter_kind_of(const char *section, const char *field);

void mib_private_add(struct mib_view *v, const struct counter_snapshot *snap,
		     const struct mib_context *ctx);

/* Regions to register: ipstackCounters, ipstackSockstat, ipstackAgent. */
void mib_private_regions(void (*fn)(void *ctx, const oid *name, size_t len), void *ctx);

#endif
