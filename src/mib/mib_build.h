/*
 * The whole view, from one snapshot: each MIB area's builder in turn, and
 * the list of regions to register.  The only file that knows every area.
 */
#ifndef IPSTACK_MIB_BUILD_H
#define IPSTACK_MIB_BUILD_H

#include "mib_view.h"

void mib_view_build(struct mib_view *v, const struct counter_snapshot *snap,
		    const struct mib_context *ctx);

/*
 * The regions to register with the master, in OID order: the ip, icmp,
 * tcp and udp groups and the scalars and tables snmpd registers apart
 * inside them, then LINUX-IPSTACK-MIB's branches, ending with ipstackAgent.
 */
void mib_regions_foreach(mib_region_fn fn, void *ctx);

#endif
