/*
 * LINUX-IPSTACK-MIB's read-only objects: every kernel counter by name
 * (ipstackCounterTable), /proc/net/sockstat (ipstackSockstatTable) and the
 * agent's own health (ipstackAgent).  The rows come from the snapshot with
 * no field list in the code: a kernel that adds fields gets rows for them.
 */
#ifndef IPSTACK_MIB_PRIVATE_H
#define IPSTACK_MIB_PRIVATE_H

#include "counter_kind.h"
#include "mib_oids.h"
#include "mib_view.h"

/* ipstackMIB (mib_oids.h) */
#define IPSTACK_MIB_LEN MIB_OID_IPSTACK_LEN
extern const oid ipstack_mib_oid[IPSTACK_MIB_LEN];

void mib_private_add(struct mib_view *v, const struct counter_snapshot *snap,
		     const struct mib_context *ctx);

/* Regions to register: ipstackCounters, ipstackSockstat, ipstackAgent. */
void mib_private_regions(mib_region_fn fn, void *ctx);

#endif
