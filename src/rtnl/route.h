/*
 * The routes of a network namespace's main routing table (254), both
 * families, from one RTM_GETROUTE dump per family, a row per next hop of a
 * multipath route.  Over them, as tables of the engine: IP-FORWARD-MIB's
 * inetCidrRouteTable and ipCidrRouteTable with their route counts,
 * RFC 1213's ipRouteTable, and IP-MIB's ipDefaultRouterTable.  Routes of
 * other tables (policy routing, VRFs) are not rows of any of them.
 *
 * A route is a 40-byte row, its next hop a number in the snapshot's list of
 * next hops (a full table names a handful of routers a million times), and
 * at most two 4-byte positions in the legacy tables' views; the arrays are
 * trimmed to their rows after a build: about 48 bytes a route, 48 MB a
 * snapshot of a full Internet table.
 */
#ifndef IPSTACK_ROUTE_H
#define IPSTACK_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "table_set.h"

/* The next hop's InetAddressType (RFC 4001): unknown(0) for none. */
enum { ROUTE_NH_NONE = 0, ROUTE_NH_IPV4 = 1, ROUTE_NH_IPV6 = 2, ROUTE_NH_IPV6Z = 4 };

/* A next hop: ROUTE_NH_* `type`, and as many bytes of `addr` as it says. */
struct route_gw {
	uint8_t addr[16];
	uint8_t type;
};

struct route_row {
	uint8_t dst[16];
	uint32_t gw; /* the next hop: route_snap.gws[gw]; 0 is none */
	uint32_t ifindex; /* 0: none */
	uint32_t priority; /* the route's metric (RTA_PRIORITY) */
	uint32_t expires_cs; /* the monotonic clock when it expires, hundredths; 0 never */
	uint8_t family; /* AF_INET, AF_INET6 */
	uint8_t dst_len;
	uint8_t type; /* RTN_* */
	uint8_t protocol; /* RTPROT_* */
	int8_t pref; /* ipDefaultRouterPreference: -1 low, 0 medium, 1 high, -2 reserved */
	bool alt; /* inetCidrRoutePolicy {0 0 ifIndex metric}, not {0 0} (route.c) */
};

/* The next hops a build met lately, by hash: a number into route_snap.gws,
 * or 0 for an empty slot.  A slot another next hop needs is overwritten,
 * and a next hop met again after that is listed twice: 17 bytes more, and
 * no answer changes (rows are ordered and answered by the next hop's
 * bytes, never its number). */
#define ROUTE_GW_RECENT 64

struct route_snap {
	/* inetCidrRouteTable's order: the IPv4 rows, then the IPv6 rows */
	struct route_row *rows;
	size_t n, cap, hint;
	/* the next hops the rows name; [0] is none */
	struct route_gw *gws;
	size_t ngws, capgws;
	uint32_t gw_recent[ROUTE_GW_RECENT];
	/* ipCidrRouteTable: the IPv4 rows with an IPv4 or no next hop and
	 * policy {0 0} (of routes its index cannot tell apart, the kernel's
	 * choice) */
	uint32_t *cidr;
	size_t ncidr, capcidr, hintcidr;
	/* ipRouteTable, indexed by destination alone: per destination, the
	 * longest prefix, then its lowest metric, then its first next hop */
	uint32_t *legacy;
	size_t nlegacy, caplegacy, hintlegacy;
	/* ipDefaultRouterTable: default routes through a router, in its order */
	uint32_t *routers;
	size_t nrouters, caprouters, hintrouters;
};

static inline const struct route_gw *route_gw(const struct route_snap *s, const struct route_row *r)
{
	return &s->gws[r->gw];
}

/* How many bytes of a next hop's address its type has: 0, 4 or 16. */
size_t route_gw_len(const struct route_gw *g);

struct rtnl_sock;
/* Fill `s` from the calling thread's namespace: 0 or a negative libnl error. */
int route_build(struct rtnl_sock *sock, struct route_snap *s);
void route_snap_free(struct route_snap *s);

/* The build in steps, for replies captured elsewhere (the unit tests and
 * the fuzzer): empty `s`, add each RTM_NEWROUTE message read at `now_cs`,
 * then order. */
struct nlmsghdr;
void route_clear(struct route_snap *s);
int route_msg(const struct nlmsghdr *h, struct route_snap *s, uint32_t now_cs);
int route_finish(struct route_snap *s);

/* The engine's view of the source (route_tables.c). */
extern const struct table_source route_source;

#endif
