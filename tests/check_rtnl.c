/*
 * The row encoders of the rtnetlink tables on replies captured from a 6.18
 * kernel (tests/data/rtnl: capture.sh made the namespace and took them; its
 * *.json is what `ip -j` said at the same moment, and the values expected
 * here were read off those files and the decoded dumps, not off our code).
 * ifindexes of the capture: lo 1, v0 2 (alias "uplink"), v3 3 (down,
 * disable_ipv6), v2 4 (no carrier, IPv6 forwarding).  Routes:
 * capture-routes.sh, routes.json.
 */
#include "unit.h"

#include <linux/neighbour.h>
#include <netlink/errno.h>
#include <stdlib.h>
#include <string.h>

#include "ipif.h"
#include "neigh.h"
#include "route.h"
#include "rtnl_dump.h"

#define IDX(...) ((const uint32_t[]){ __VA_ARGS__ }), sizeof((uint32_t[]){ __VA_ARGS__ }) / 4
/* The capture's neighbours were read at this clock (hundredths). */
#define NOW_CS 100000u

static void feed(const char *file, rtnl_msg_fn fn, void *ctx)
{
	size_t len;
	char *buf = test_slurp(test_data(file), &len);

	ck_assert_int_eq(rtnl_feed(buf, len, fn, ctx), 0);
	free(buf);
}

static void load_ipif(struct ipif_snap *s)
{
	*s = (struct ipif_snap){ 0 };
	feed("rtnl/link.bin", ipif_msg, s);
	feed("rtnl/addr.bin", ipif_msg, s);
	ck_assert_int_eq(ipif_finish(s, test_data("rtnl/proc")), 0);
}

static int on_neigh(const struct nlmsghdr *h, void *s)
{
	return neigh_msg(h, s, NOW_CS);
}

static void load_neigh(struct neigh_snap *s)
{
	*s = (struct neigh_snap){ 0 };
	feed("rtnl/neigh4.bin", on_neigh, s);
	feed("rtnl/neigh6.bin", on_neigh, s);
	ck_assert_int_eq(neigh_finish(s), 0);
}

static int on_route(const struct nlmsghdr *h, void *s)
{
	return route_msg(h, s, NOW_CS);
}

static void load_routes(struct route_snap *s)
{
	*s = (struct route_snap){ 0 };
	feed("rtnl/route4.bin", on_route, s);
	feed("rtnl/route6.bin", on_route, s);
	ck_assert_int_eq(route_finish(s), 0);
}

static const struct table_column *column(const struct table_source *src, const char *name)
{
	for (size_t r = 0; r < src->nregions; r++)
		for (size_t c = 0; c < src->regions[r].ncolumns; c++)
			if (!strcmp(src->regions[r].columns[c].name, name))
				return &src->regions[r].columns[c];
	ck_abort_msg("no column %s", name);
	return NULL;
}

/* The value of column `name` at index `idx`; false: no such instance. */
static bool value(const struct table_source *src, void *snap, const char *name, const uint32_t *idx,
		  size_t n, struct table_value *v)
{
	const struct table_column *col = column(src, name);
	const void *row = table_get(col->table, snap, idx, n);

	memset(v, 0, sizeof(*v));
	return row && col->value(snap, row, v);
}

static int64_t int_at(const struct table_source *src, void *snap, const char *name,
		      const uint32_t *idx, size_t n)
{
	struct table_value v;

	ck_assert_msg(value(src, snap, name, idx, n, &v), "%s: no instance", name);
	ck_assert_int_eq(v.type, TABLE_INTEGER);
	return v.i;
}

static uint64_t unsigned_at(const struct table_source *src, void *snap, const char *name,
			    const uint32_t *idx, size_t n)
{
	struct table_value v;

	ck_assert_msg(value(src, snap, name, idx, n, &v), "%s: no instance", name);
	ck_assert_int_ne(v.type, TABLE_INTEGER);
	return v.u;
}

/* The rows of `t` in order: each index after the one before. */
static size_t rows_in_order(const struct table_def *t, void *snap)
{
	uint32_t prev[TABLE_INDEX_MAX], cur[TABLE_INDEX_MAX];
	size_t pn = 0, n = t->count(snap);

	for (size_t i = 0; i < n; i++) {
		size_t cn = t->index(snap, t->row(snap, i), cur);

		ck_assert_msg(i == 0 || table_index_cmp(prev, pn, cur, cn) < 0,
			      "%s: row %zu not after row %zu", t->name, i, i - 1);
		memcpy(prev, cur, cn * sizeof(*cur));
		pn = cn;
	}
	return n;
}

#define IPV4(a, b, c, d) 1, 4, a, b, c, d
#define V6(...) 2, 16, __VA_ARGS__
#define DB8(x, y) 0x20, 0x01, 0x0d, 0xb8, 0, x, 0, 0, 0, 0, 0, 0, 0, 0, 0, y
/* v0's link-local fe80::1cac:a6ff:fed3:ed3a */
#define V0_LL 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x1c, 0xac, 0xa6, 0xff, 0xfe, 0xd3, 0xed, 0x3a

START_TEST(addresses_of_every_kind)
{
	struct ipif_snap s;
	const struct table_source *src = &ipif_source;
	struct table_value v;

	load_ipif(&s);
	/* 12 addresses (2001:db8:20::99 once: v0 only) and 10.20.0.255 */
	ck_assert_uint_eq(rows_in_order(column(src, "ipAddressIfIndex")->table, &s), 13);
	/* the broadcast address of v0's two 10.20.0.x/24: a row of its own */
	ck_assert_int_eq(int_at(src, &s, "ipAddressType", IDX(IPV4(10, 20, 0, 255))), 3);
	ck_assert_int_eq(int_at(src, &s, "ipAddressIfIndex", IDX(IPV4(10, 20, 0, 255))), 2);
	ck_assert(value(src, &s, "ipAddressPrefix", IDX(IPV4(10, 20, 0, 255)), &v));
	ck_assert_uint_eq(v.len, 2); /* zeroDotZero */
	ck_assert_int_eq(int_at(src, &s, "ipAddressType", IDX(IPV4(10, 20, 0, 1))), 1);
	/* flags: dadfailed, deprecated, tentative (no carrier), preferred */
	ck_assert_int_eq(int_at(src, &s, "ipAddressStatus", IDX(V6(DB8(0x20, 0x99)))), 7);
	ck_assert_int_eq(int_at(src, &s, "ipAddressStatus", IDX(V6(DB8(0x21, 1)))), 2);
	ck_assert_int_eq(int_at(src, &s, "ipAddressStatus", IDX(V6(DB8(0x22, 1)))), 6);
	ck_assert_int_eq(int_at(src, &s, "ipAddressStatus", IDX(V6(DB8(0x20, 1)))), 1);
	ck_assert_int_eq(int_at(src, &s, "ipAddressIfIndex", IDX(V6(DB8(0x22, 1)))), 4);
	/* a lifetime on IPv4: DHCP's; by hand: manual; link-local: the link layer */
	ck_assert_int_eq(int_at(src, &s, "ipAddressOrigin", IDX(IPV4(10, 20, 1, 1))), 4);
	ck_assert_int_eq(int_at(src, &s, "ipAddressOrigin", IDX(IPV4(10, 20, 0, 1))), 2);
	ck_assert_int_eq(int_at(src, &s, "ipAddressOrigin", IDX(V6(DB8(0x20, 1)))), 2);
	/* link-local: ipv6z, the zone (v0's ifindex) after the 16 bytes */
	ck_assert_int_eq(int_at(src, &s, "ipAddressOrigin", IDX(4, 20, V0_LL, 0, 0, 0, 2)), 5);
	ck_assert(!value(src, &s, "ipAddressOrigin", IDX(V6(V0_LL)), &v));
	ck_assert_int_eq(int_at(src, &s, "ipAddressRowStatus", IDX(IPV4(127, 0, 0, 1))), 1);
	ck_assert_int_eq(int_at(src, &s, "ipAddressStorageType", IDX(IPV4(127, 0, 0, 1))), 2);
	/* the secondary's prefix: ipAddressPrefixOrigin.2.ipv4."10.20.0.0".24 */
	ck_assert(value(src, &s, "ipAddressPrefix", IDX(IPV4(10, 20, 0, 2)), &v));
	ck_assert_int_eq(v.type, TABLE_OID);
	{
		static const uint32_t want[] = { 1, 3, 6, 1, 2,	 1,  4, 32, 1,
						 5, 2, 1, 4, 10, 20, 0, 0,  24 };

		ck_assert_uint_eq(v.len, sizeof(want) / sizeof(want[0]));
		ck_assert_mem_eq(v.sub, want, sizeof(want));
	}
	ck_assert(value(src, &s, "ipAddressCreated", IDX(IPV4(10, 20, 0, 1)), &v));
	ck_assert_int_eq(v.type, TABLE_STAMP_CS);
	ck_assert_uint_gt(v.u, 0);
	ipif_snap_free(&s);
}
END_TEST

START_TEST(prefixes_and_legacy_addresses)
{
	struct ipif_snap s;
	const struct table_source *src = &ipif_source;

	load_ipif(&s);
	/* lo: 127/8, ::1/128; v0: 10.20.0/24, 10.20.1/24, 10.20.9.9/32, four
	 * /64s (20, 21, 23, fe80); v2: 2001:db8:22::/64 */
	ck_assert_uint_eq(rows_in_order(column(src, "ipAddressPrefixOrigin")->table, &s), 10);
	ck_assert_int_eq(int_at(src, &s, "ipAddressPrefixOrigin", IDX(2, IPV4(10, 20, 1, 0), 24)),
			 4);
	ck_assert_int_eq(int_at(src, &s, "ipAddressPrefixOrigin", IDX(2, IPV4(10, 20, 0, 0), 24)),
			 2);
	ck_assert_int_eq(
		int_at(src, &s, "ipAddressPrefixOrigin",
		       IDX(2, V6(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 64)),
		3);
	/* noprefixroute: no on-link route */
	ck_assert_int_eq(int_at(src, &s, "ipAddressPrefixOnLinkFlag", IDX(2, V6(DB8(0x23, 0)), 64)),
			 2);
	ck_assert_int_eq(int_at(src, &s, "ipAddressPrefixOnLinkFlag", IDX(2, V6(DB8(0x20, 0)), 64)),
			 1);
	ck_assert_int_eq(
		int_at(src, &s, "ipAddressPrefixAutonomousFlag", IDX(2, V6(DB8(0x20, 0)), 64)), 2);
	/* lifetimes as the kernel counted them down at the capture (ip -j: 1994, 2994) */
	ck_assert_uint_ge(unsigned_at(src, &s, "ipAddressPrefixAdvPreferredLifetime",
				      IDX(2, IPV4(10, 20, 1, 0), 24)),
			  1994);
	ck_assert_uint_le(unsigned_at(src, &s, "ipAddressPrefixAdvPreferredLifetime",
				      IDX(2, IPV4(10, 20, 1, 0), 24)),
			  2000);
	ck_assert_uint_ge(unsigned_at(src, &s, "ipAddressPrefixAdvValidLifetime",
				      IDX(2, IPV4(10, 20, 1, 0), 24)),
			  2994);
	ck_assert_uint_eq(unsigned_at(src, &s, "ipAddressPrefixAdvValidLifetime",
				      IDX(1, IPV4(127, 0, 0, 0), 8)),
			  4294967295u);
	/* ipAddrTable: the five IPv4 unicast addresses, by address */
	ck_assert_uint_eq(rows_in_order(column(src, "ipAdEntAddr")->table, &s), 5);
	ck_assert_int_eq(int_at(src, &s, "ipAdEntIfIndex", IDX(10, 20, 9, 9)), 2);
	{
		struct table_value v;

		ck_assert(value(src, &s, "ipAdEntNetMask", IDX(10, 20, 9, 9), &v));
		ck_assert_mem_eq(v.bytes, "\xff\xff\xff\xff", 4);
		ck_assert(value(src, &s, "ipAdEntNetMask", IDX(10, 20, 1, 1), &v));
		ck_assert_mem_eq(v.bytes, "\xff\xff\xff\x00", 4);
		ck_assert(!value(src, &s, "ipAdEntNetMask", IDX(10, 20, 0, 255), &v));
	}
	ck_assert_int_eq(int_at(src, &s, "ipAdEntBcastAddr", IDX(10, 20, 0, 1)), 1);
	ipif_snap_free(&s);
}
END_TEST

START_TEST(interfaces_and_their_ip_settings)
{
	struct ipif_snap s;
	const struct table_source *src = &ipif_source;
	struct table_value v;
	static const uint8_t v0_ident[] = { 0x1c, 0xac, 0xa6, 0xff, 0xfe, 0xd3, 0xed, 0x3a };

	load_ipif(&s);
	ck_assert_int_eq(int_at(src, &s, "ifNumber", IDX(0)), 4);
	ck_assert_uint_eq(rows_in_order(column(src, "ifDescr")->table, &s), 4);
	ck_assert_int_eq(int_at(src, &s, "ifType", IDX(1)), 24);
	ck_assert_int_eq(int_at(src, &s, "ifType", IDX(2)), 6);
	ck_assert_int_eq(int_at(src, &s, "ifOperStatus", IDX(1)), 1); /* UNKNOWN, up */
	ck_assert_int_eq(int_at(src, &s, "ifOperStatus", IDX(4)), 7); /* LOWERLAYERDOWN */
	ck_assert_int_eq(int_at(src, &s, "ifAdminStatus", IDX(4)), 1);
	ck_assert_int_eq(int_at(src, &s, "ifAdminStatus", IDX(3)), 2);
	ck_assert_int_eq(int_at(src, &s, "ifOperStatus", IDX(3)), 2);
	ck_assert_int_eq(int_at(src, &s, "ifMtu", IDX(1)), 65536);
	ck_assert(value(src, &s, "ifAlias", IDX(2), &v));
	ck_assert_uint_eq(v.len, 6);
	ck_assert_mem_eq(v.bytes, "uplink", 6);
	ck_assert(value(src, &s, "ifPhysAddress", IDX(2), &v));
	ck_assert_uint_eq(v.len, 6);
	ck_assert_mem_eq(v.bytes, "\x1e\xac\xa6\xd3\xed\x3a", 6);
	/* IPv6: v3 disabled, v2 forwarding, v0's identifier from its link-local */
	ck_assert_uint_eq(rows_in_order(column(src, "ipv6InterfaceIdentifier")->table, &s), 4);
	ck_assert_int_eq(int_at(src, &s, "ipv6InterfaceEnableStatus", IDX(3)), 2);
	ck_assert_int_eq(int_at(src, &s, "ipv6InterfaceEnableStatus", IDX(2)), 1);
	ck_assert_int_eq(int_at(src, &s, "ipv6InterfaceForwarding", IDX(4)), 1);
	ck_assert_int_eq(int_at(src, &s, "ipv6InterfaceForwarding", IDX(2)), 2);
	ck_assert(value(src, &s, "ipv6InterfaceIdentifier", IDX(2), &v));
	ck_assert_uint_eq(v.len, 8);
	ck_assert_mem_eq(v.bytes, v0_ident, 8);
	ck_assert(value(src, &s, "ipv6InterfaceIdentifier", IDX(4), &v));
	ck_assert_uint_eq(v.len, 0); /* no carrier, no link-local address yet */
	ck_assert_uint_eq(unsigned_at(src, &s, "ipv6InterfaceRetransmitTime", IDX(2)), 1000);
	ck_assert_uint_gt(unsigned_at(src, &s, "ipv6InterfaceReachableTime", IDX(2)), 0);
	ck_assert_uint_eq(unsigned_at(src, &s, "ipv6ScopeZoneIndexLinkLocal", IDX(2)), 2);
	ck_assert_uint_eq(unsigned_at(src, &s, "ipv4InterfaceRetransmitTime", IDX(2)), 1000);
	ck_assert_int_eq(int_at(src, &s, "ipv4InterfaceReasmMaxSize", IDX(2)), 65535);
	/* ipIfStatsTable: v0's IPv6 counters, as proc/net/dev_snmp6/v0 has them */
	ck_assert_uint_eq(unsigned_at(src, &s, "ipIfStatsInReceives", IDX(2, 2)), 8);
	ck_assert_uint_eq(unsigned_at(src, &s, "ipIfStatsHCInOctets", IDX(2, 2)), 640);
	ck_assert_uint_eq(unsigned_at(src, &s, "ipIfStatsOutRequests", IDX(2, 2)), 13);
	ck_assert_uint_eq(unsigned_at(src, &s, "ipIfStatsHCOutOctets", IDX(2, 2)), 1160);
	ck_assert(!value(src, &s, "ipIfStatsInReceives", IDX(1, 2), &v)); /* no IPv4 rows */
	ipif_snap_free(&s);
}
END_TEST

START_TEST(neighbours_in_every_state)
{
	struct neigh_snap s;
	const struct table_source *src = &neigh_source;
	struct table_value v;
	/* 10.20.0.50 ... 57: permanent, stale, noarp, incomplete, failed,
	 * reachable, delay, probe (the decoded dump of neigh4.bin) */
	static const struct {
		int type, state;
	} want[] = {
		{ 4, 6 }, { 3, 2 }, { 4, 6 }, { 3, 7 }, { 2, 5 }, { 3, 1 }, { 3, 3 }, { 3, 4 }
	};

	load_neigh(&s);
	ck_assert_uint_eq(rows_in_order(column(src, "ipNetToPhysicalState")->table, &s), 15);
	ck_assert_uint_eq(rows_in_order(column(src, "ipNetToMediaType")->table, &s), 8);
	for (uint32_t i = 0; i < 8; i++) {
		ck_assert_int_eq(int_at(src, &s, "ipNetToPhysicalType",
					IDX(2, IPV4(10, 20, 0, 50 + i))),
				 want[i].type);
		ck_assert_int_eq(int_at(src, &s, "ipNetToPhysicalState",
					IDX(2, IPV4(10, 20, 0, 50 + i))),
				 want[i].state);
		ck_assert_int_eq(int_at(src, &s, "ipNetToMediaType", IDX(2, 10, 20, 0, 50 + i)),
				 want[i].type);
	}
	ck_assert(value(src, &s, "ipNetToPhysicalPhysAddress", IDX(2, IPV4(10, 20, 0, 55)), &v));
	ck_assert_uint_eq(v.len, 6);
	ck_assert_mem_eq(v.bytes, "\x02\x00\x00\x00\x00\x55", 6);
	ck_assert(value(src, &s, "ipNetToMediaPhysAddress", IDX(2, 10, 20, 0, 53), &v));
	ck_assert_uint_eq(v.len, 0); /* incomplete: no link-layer address yet */
	ck_assert(value(src, &s, "ipNetToMediaNetAddress", IDX(2, 10, 20, 0, 57), &v));
	ck_assert_int_eq(v.type, TABLE_IPADDRESS);
	ck_assert_mem_eq(v.bytes, "\x0a\x14\x00\x39", 4);
	/* IPv6: link-local neighbours are ipv6 with the interface as index */
	ck_assert_int_eq(
		int_at(src, &s, "ipNetToPhysicalState",
		       IDX(2, V6(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x51))),
		2);
	ck_assert_int_eq(int_at(src, &s, "ipNetToPhysicalType", IDX(2, V6(DB8(0x20, 0x50)))), 4);
	ck_assert_int_eq(int_at(src, &s, "ipNetToPhysicalRowStatus", IDX(2, V6(DB8(0x20, 0x50)))),
			 1);
	/* updated in the seconds before the capture */
	ck_assert(value(src, &s, "ipNetToPhysicalLastUpdated", IDX(2, IPV4(10, 20, 0, 50)), &v));
	ck_assert_int_eq(v.type, TABLE_STAMP_CS);
	ck_assert_uint_le(v.u, NOW_CS);
	ck_assert_uint_ge(v.u, NOW_CS - 1000);
	neigh_snap_free(&s);
}
END_TEST

/*
 * routes.json (capture-routes.sh): the main table has 20 routes, 22 next
 * hops, 13 of them IPv4; table 100's two are no rows.  ifindexes: lo 1,
 * v1 2 (the veth's peer, made first), v0 3, ifb0 4.
 */
#define P00 2, 0, 0 /* inetCidrRoutePolicy {0 0} */
#define NONE 0, 0 /* no next hop: unknown(0), '' */
#define FE80(x) 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, x
#define ZONE(i) 0, 0, 0, i

START_TEST(routes_of_every_kind)
{
	struct route_snap s;
	const struct table_source *src = &route_source;
	struct table_value v;

	load_routes(&s);
	ck_assert_uint_eq(rows_in_order(column(src, "inetCidrRouteIfIndex")->table, &s), 22);
	ck_assert(value(src, &s, "inetCidrRouteNumber", IDX(0), &v));
	ck_assert_uint_eq(v.u, 22);
	/* the default route, static: netmgmt(3), remote(4) */
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteProto",
				IDX(IPV4(0, 0, 0, 0), 0, P00, IPV4(10, 40, 0, 254))),
			 3);
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteType",
				IDX(IPV4(0, 0, 0, 0), 0, P00, IPV4(10, 40, 0, 254))),
			 4);
	/* connected: local(3), kernel is local(2) */
	ck_assert_int_eq(
		int_at(src, &s, "inetCidrRouteType", IDX(IPV4(10, 41, 0, 0), 24, P00, NONE)), 3);
	ck_assert_int_eq(
		int_at(src, &s, "inetCidrRouteProto", IDX(IPV4(10, 41, 0, 0), 24, P00, NONE)), 2);
	ck_assert_int_eq(
		int_at(src, &s, "inetCidrRouteIfIndex", IDX(IPV4(10, 41, 0, 0), 24, P00, NONE)), 4);
	/* one prefix and next hop at metrics 10 and 20: 20 has a policy of its own */
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteMetric1",
				IDX(IPV4(10, 50, 0, 0), 16, P00, IPV4(10, 40, 0, 2))),
			 10);
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteMetric1",
				IDX(IPV4(10, 50, 0, 0), 16, 4, 0, 0, 3, 20, IPV4(10, 40, 0, 2))),
			 20);
	/* both next hops of a multipath route */
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteType",
				IDX(IPV4(10, 60, 0, 0), 16, P00, IPV4(10, 40, 0, 3))),
			 4);
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteType",
				IDX(IPV4(10, 60, 0, 0), 16, P00, IPV4(10, 40, 0, 2))),
			 4);
	/* blackhole(5), unreachable and prohibit reject(2); bgp(14) */
	ck_assert_int_eq(
		int_at(src, &s, "inetCidrRouteType", IDX(IPV4(10, 70, 0, 0), 16, P00, NONE)), 5);
	ck_assert_int_eq(
		int_at(src, &s, "inetCidrRouteType", IDX(IPV4(10, 72, 0, 0), 16, P00, NONE)), 2);
	ck_assert_int_eq(
		int_at(src, &s, "inetCidrRouteProto", IDX(IPV4(10, 81, 0, 0), 24, P00, NONE)), 14);
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteMetric2",
				IDX(IPV4(10, 81, 0, 0), 24, P00, NONE)),
			 -1);
	/* an IPv4 route through an IPv6 router: ipv6z, v0's zone */
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteIfIndex",
				IDX(IPV4(10, 90, 0, 0), 16, P00, 4, 20, FE80(9), ZONE(3))),
			 3);
	/* IPv6: through a link-local router, each next hop; unreachable on lo */
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteMetric1",
				IDX(V6(DB8(0x60, 0)), 48, P00, 4, 20, FE80(3), ZONE(3))),
			 1024);
	ck_assert_int_eq(
		int_at(src, &s, "inetCidrRouteIfIndex", IDX(V6(DB8(0x71, 0)), 48, P00, NONE)), 1);
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteProto",
				IDX(V6(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, P00, 4,
				    20, FE80(1), ZONE(3))),
			 4); /* ra: icmp(4) */
	/* fe80::/64 on v0, v1 and ifb0: v0's has {0 0}, the others their own */
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteIfIndex", IDX(V6(FE80(0)), 64, P00, NONE)),
			 2);
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteIfIndex",
				IDX(V6(FE80(0)), 64, 4, 0, 0, 3, 256, NONE)),
			 3);
	ck_assert_int_eq(int_at(src, &s, "inetCidrRouteIfIndex",
				IDX(V6(FE80(0)), 64, 4, 0, 0, 4, 256, NONE)),
			 4);
	ck_assert(!value(src, &s, "inetCidrRouteIfIndex",
			 IDX(IPV4(10, 99, 0, 0), 16, P00, IPV4(10, 40, 0, 2)), &v));
	route_snap_free(&s);
}
END_TEST

START_TEST(legacy_routes_and_default_routers)
{
	struct route_snap s;
	const struct table_source *src = &route_source;
	struct table_value v;

	load_routes(&s);
	/* 13 IPv4 next hops but metric 20's and the IPv6 router's */
	ck_assert_uint_eq(rows_in_order(column(src, "ipCidrRouteIfIndex")->table, &s), 11);
	ck_assert(value(src, &s, "ipCidrRouteNumber", IDX(0), &v));
	ck_assert_uint_eq(v.u, 11);
	ck_assert_int_eq(int_at(src, &s, "ipCidrRouteType",
				IDX(10, 70, 0, 0, 255, 255, 0, 0, 0, 0, 0, 0, 0)),
			 2); /* blackhole: reject */
	ck_assert_int_eq(int_at(src, &s, "ipCidrRouteMetric1",
				IDX(10, 50, 0, 0, 255, 255, 0, 0, 0, 10, 40, 0, 2)),
			 10);
	/* ipRouteTable: a row per destination, 10.50.0.0's the /24 */
	ck_assert_uint_eq(rows_in_order(column(src, "ipRouteIfIndex")->table, &s), 9);
	ck_assert(value(src, &s, "ipRouteMask", IDX(10, 50, 0, 0), &v));
	ck_assert_mem_eq(v.bytes, ((uint8_t[]){ 255, 255, 255, 0 }), 4);
	ck_assert(value(src, &s, "ipRouteNextHop", IDX(10, 60, 0, 0), &v));
	ck_assert_mem_eq(v.bytes, ((uint8_t[]){ 10, 40, 0, 2 }), 4);
	ck_assert_int_eq(int_at(src, &s, "ipRouteType", IDX(10, 41, 0, 0)), 3); /* direct */
	ck_assert_int_eq(int_at(src, &s, "ipRouteType", IDX(10, 71, 0, 0)), 1);
	ck_assert(!value(src, &s, "ipRouteType", IDX(10, 90, 0, 0), &v));
	/* the default routers: IPv4 medium, no expiry; fe80::1 high, 600 s */
	ck_assert_uint_eq(rows_in_order(column(src, "ipDefaultRouterLifetime")->table, &s), 2);
	ck_assert_int_eq(int_at(src, &s, "ipDefaultRouterPreference", IDX(IPV4(10, 40, 0, 254), 3)),
			 0);
	ck_assert_uint_eq(unsigned_at(src, &s, "ipDefaultRouterLifetime",
				      IDX(IPV4(10, 40, 0, 254), 3)),
			  65535);
	ck_assert_int_eq(int_at(src, &s, "ipDefaultRouterPreference", IDX(V6(FE80(1)), 3)), 1);
	route_snap_free(&s);
}
END_TEST

START_TEST(captures_cut_short_or_of_another_kind)
{
	struct ipif_snap s = { 0 };
	size_t len;
	char *buf = test_slurp(test_data("rtnl/addr.bin"), &len);

	ck_assert_int_eq(rtnl_feed(buf, len - 3, ipif_msg, &s), -NLE_MSG_TRUNC);
	free(buf);
	/* neighbours are no links or addresses */
	ipif_clear(&s);
	feed("rtnl/neigh4.bin", ipif_msg, &s);
	ck_assert_int_eq(ipif_finish(&s, test_data("rtnl/proc")), 0);
	ck_assert_uint_eq(s.naddrs + s.nlinks, 0);
	ipif_snap_free(&s);
}
END_TEST

Suite *rtnl_suite(void)
{
	Suite *s = suite_create("rtnl");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, addresses_of_every_kind);
	tcase_add_test(tc, prefixes_and_legacy_addresses);
	tcase_add_test(tc, interfaces_and_their_ip_settings);
	tcase_add_test(tc, neighbours_in_every_state);
	tcase_add_test(tc, routes_of_every_kind);
	tcase_add_test(tc, legacy_routes_and_default_routers);
	tcase_add_test(tc, captures_cut_short_or_of_another_kind);
	suite_add_tcase(s, tc);
	return s;
}
