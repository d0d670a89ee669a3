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
 * The standard objects (IP-MIB, TCP-MIB, UDP-MIB under mib-2) and
 * LINUX-IPSTACK-MIB as separate views: a walk of .4-.7 needs none of the
 * private tables, whose string-indexed OIDs are most of a whole view.
 */
enum mib_part { MIB_PART_STANDARD = 1, MIB_PART_PRIVATE = 2 };
void mib_view_build_parts(struct mib_view *v, const struct counter_snapshot *snap,
			  const struct mib_context *ctx, unsigned parts);

/*
 * The regions to register with the master, in OID order: the ip, icmp,
 * tcp and udp groups and the scalars and tables snmpd registers apart
 * inside them, then LINUX-IPSTACK-MIB's branches, ending with ipstackAgent.
 */
void mib_regions_foreach(mib_region_fn fn, void *ctx);

#endif
