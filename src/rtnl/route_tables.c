/*
 * The route tables as the engine serves them (see route.h): RFC 4292's
 * inetCidrRouteTable and inetCidrRouteNumber, RFC 2096's ipCidrRouteTable
 * and ipCidrRouteNumber, RFC 1213's ipRouteTable (registered column by
 * column, as snmpd does), RFC 4293's ipDefaultRouterTable.  Routes are the
 * kernel's: creating or changing one by SNMP is not offered (notWritable).
 * inetCidrRouteDiscards is not served: Linux counts no discarded routes.
 */
#include "route.h"

#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rtnl_dump.h"

static void *snapshot_new(void)
{
	return calloc(1, sizeof(struct route_snap));
}

static void snapshot_free(void *snap)
{
	route_snap_free(snap);
	free(snap);
}

static int build(void *builder, void *snap, unsigned flags, const char *proc_root)
{
	(void)flags, (void)proc_root;
	return route_build(builder, snap);
}

#define SNAP(snap) ((struct route_snap *)(snap))
#define ROW ((const struct route_row *)row)

/* ---- the tables: all rows, and the views by position --------------------------- */

static size_t count_all(const void *snap)
{
	return SNAP(snap)->n;
}

static const void *row_all(const void *snap, size_t pos)
{
	return &SNAP(snap)->rows[pos];
}

static size_t *hint_all(void *snap)
{
	return &SNAP(snap)->hint;
}

#define VIEW(name, pos, n, hint)                                                                   \
	static size_t count_##name(const void *snap)                                               \
	{                                                                                          \
		return SNAP(snap)->n;                                                              \
	}                                                                                          \
	static const void *row_##name(const void *snap, size_t at)                                 \
	{                                                                                          \
		return &SNAP(snap)->rows[SNAP(snap)->pos[at]];                                     \
	}                                                                                          \
	static size_t *hint_##name(void *snap)                                                     \
	{                                                                                          \
		return &SNAP(snap)->hint;                                                          \
	}
VIEW(cidr, cidr, ncidr, hintcidr)
VIEW(legacy, legacy, nlegacy, hintlegacy)
VIEW(routers, routers, nrouters, hintrouters)

static size_t put_bytes(uint32_t *out, size_t n, const uint8_t *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		out[n++] = b[i];
	return n;
}

/* The next hop as InetAddressType and InetAddress: ipv6z ends in its zone,
 * the interface's index in network order (RFC 4001). */
static size_t put_next_hop(uint32_t *out, size_t n, const struct route_snap *s,
			   const struct route_row *r)
{
	const struct route_gw *g = route_gw(s, r);
	size_t len = route_gw_len(g);

	out[n++] = g->type;
	out[n++] = (uint32_t)(len + (g->type == ROUTE_NH_IPV6Z ? 4 : 0));
	n = put_bytes(out, n, g->addr, len);
	if (g->type == ROUTE_NH_IPV6Z)
		for (int shift = 24; shift >= 0; shift -= 8)
			out[n++] = (r->ifindex >> shift) & 0xff;
	return n;
}

/* inetCidrRouteDestType, Dest, PfxLen, Policy ({0 0}, or route.c's
 * {0 0 ifIndex metric}), NextHopType, NextHop */
static size_t index_inet(const void *snap, const void *row, uint32_t *out)
{
	size_t len = ROW->family == AF_INET ? 4 : 16, n = 0;

	out[n++] = ROW->family == AF_INET ? 1 : 2;
	out[n++] = (uint32_t)len;
	n = put_bytes(out, n, ROW->dst, len);
	out[n++] = ROW->dst_len;
	out[n++] = ROW->alt ? 4 : 2;
	out[n++] = 0;
	out[n++] = 0;
	if (ROW->alt) {
		out[n++] = ROW->ifindex;
		out[n++] = ROW->priority;
	}
	return put_next_hop(out, n, SNAP(snap), ROW);
}

/* The netmask of a prefix length, as IpAddress bytes. */
static void mask_of(uint8_t len, uint8_t out[4])
{
	uint32_t m = len ? ~0u << (32 - len) : 0;

	for (int i = 0; i < 4; i++)
		out[i] = (uint8_t)(m >> (24 - 8 * i));
}

/* ipCidrRouteDest, Mask, Tos (0: Linux routes by TOS no more), NextHop */
static size_t index_cidr(const void *snap, const void *row, uint32_t *out)
{
	uint8_t mask[4];
	size_t n;

	mask_of(ROW->dst_len, mask);
	n = put_bytes(out, 0, ROW->dst, 4);
	n = put_bytes(out, n, mask, 4);
	out[n++] = 0;
	return put_bytes(out, n, route_gw(SNAP(snap), ROW)->addr, 4); /* 0.0.0.0 when none */
}

/* ipRouteDest */
static size_t index_legacy(const void *snap, const void *row, uint32_t *out)
{
	(void)snap;
	return put_bytes(out, 0, ROW->dst, 4);
}

/* ipDefaultRouterAddressType, Address, IfIndex */
static size_t index_router(const void *snap, const void *row, uint32_t *out)
{
	const struct route_gw *g = route_gw(SNAP(snap), ROW);
	size_t len = route_gw_len(g), n = 0;

	out[n++] = len == 4 ? 1 : 2;
	out[n++] = (uint32_t)len;
	n = put_bytes(out, n, g->addr, len);
	out[n++] = ROW->ifindex;
	return n;
}

static const struct table_def inet_table = { "inetCidrRouteTable", count_all, row_all, index_inet,
					     hint_all };
static const struct table_def cidr_table = { "ipCidrRouteTable", count_cidr, row_cidr, index_cidr,
					     hint_cidr };
static const struct table_def legacy_table = { "ipRouteTable", count_legacy, row_legacy,
					       index_legacy, hint_legacy };
static const struct table_def router_table = { "ipDefaultRouterTable", count_routers, row_routers,
					       index_router, hint_routers };

/* ---- values ---------------------------------------------------------------- */

#define VALUE(name) static bool name(const void *snap, const void *row, struct table_value *v)

VALUE(ifindex)
{
	(void)snap;
	return table_put_integer(v, ROW->ifindex);
}

/* inetCidrRouteType: reject(2) answers with an ICMP error, blackhole(5)
 * drops silently, local(3) is on a link of ours, remote(4) through a
 * router; other(1) for the kernel's other kinds (throw, nat, ...). */
static int inet_type(const struct route_row *r)
{
	switch (r->type) {
	case RTN_UNICAST:
		return r->gw == 0 ? 3 : 4; /* the next hop none */
	case RTN_UNREACHABLE:
	case RTN_PROHIBIT:
		return 2;
	case RTN_BLACKHOLE:
		return 5;
	default:
		return 1;
	}
}

VALUE(inet_type_value)
{
	(void)snap;
	return table_put_integer(v, inet_type(ROW));
}

/* ipCidrRouteType has no blackhole: its reject(2) is "discards traffic" */
VALUE(cidr_type)
{
	int t = inet_type(ROW);

	(void)snap;
	return table_put_integer(v, t == 5 ? 2 : t);
}

/* ipRouteType: direct(3) or indirect(4); other(1) for routes that drop */
VALUE(legacy_type)
{
	(void)snap;
	if (ROW->type != RTN_UNICAST)
		return table_put_integer(v, 1);
	return table_put_integer(v, ROW->gw == 0 ? 3 : 4);
}

/*
 * The kernel's route protocol (rtnetlink.h's RTPROT_*, iproute2's
 * rt_protos) as IANAipRouteProtocol; what has no counterpart (routing
 * daemons that say only their own name: zebra, bird, babel, keepalived
 * ...) is other(1).  doc/objects.md has the table.
 */
static int iana_protocol(uint8_t protocol)
{
	static const struct {
		uint8_t rtprot;
		uint8_t iana;
	} map[] = {
		{ RTPROT_REDIRECT, 4 }, /* icmp */
		{ RTPROT_KERNEL, 2 }, /* local: from an address's prefix */
		{ RTPROT_BOOT, 3 }, /* netmgmt: ip route add, the default */
		{ RTPROT_STATIC, 3 }, /* netmgmt */
		{ RTPROT_RA, 4 }, /* icmp: IPv6 router advertisements */
		{ RTPROT_DHCP, 19 }, /* dhcp */
		{ RTPROT_MROUTED, 17 }, /* dvmrp */
		{ 186, 14 }, /* RTPROT_BGP: bgp */
		{ 187, 9 }, /* RTPROT_ISIS: isIs */
		{ 188, 13 }, /* RTPROT_OSPF: ospf */
		{ 189, 8 }, /* RTPROT_RIP: rip */
		{ 192, 16 }, /* RTPROT_EIGRP: ciscoEigrp */
	};

	for (size_t i = 0; i < TABLE_COUNT(map); i++)
		if (map[i].rtprot == protocol)
			return map[i].iana;
	return 1;
}

VALUE(inet_proto)
{
	(void)snap;
	return table_put_integer(v, iana_protocol(ROW->protocol));
}

/* ipCidrRouteProto stops at ciscoEigrp(16), ipRouteProto at bgp(14) */
VALUE(cidr_proto)
{
	int p = iana_protocol(ROW->protocol);

	(void)snap;
	return table_put_integer(v, p > 16 ? 1 : p);
}

VALUE(legacy_proto)
{
	int p = iana_protocol(ROW->protocol);

	(void)snap;
	return table_put_integer(v, p > 14 ? 1 : p);
}

/* Metric1: the route's priority (ip route's "metric"), as Integer32 holds it */
VALUE(metric1)
{
	(void)snap;
	return table_put_integer(v, ROW->priority > INT32_MAX ? INT32_MAX : ROW->priority);
}

VALUE(dest)
{
	(void)snap;
	return table_put_ipaddress(v, ROW->dst);
}

VALUE(mask)
{
	uint8_t m[4];

	(void)snap;
	mask_of(ROW->dst_len, m);
	return table_put_ipaddress(v, m);
}

VALUE(next_hop)
{
	return table_put_ipaddress(v, route_gw(SNAP(snap), ROW)->addr);
}

/* ipCidrRouteInfo, ipRouteInfo: no protocol-specific MIB, { 0 0 } */
VALUE(info)
{
	(void)snap, (void)row;
	v->type = TABLE_OID;
	v->len = 2;
	v->sub[0] = v->sub[1] = 0;
	return true;
}

/* ipDefaultRouterLifetime: seconds left of a router advertisement's
 * lifetime; 65535 (its largest) for a route that does not expire */
VALUE(lifetime)
{
	uint32_t left_cs;

	(void)snap;
	if (!ROW->expires_cs)
		return table_put_unsigned32(v, 65535);
	left_cs = ROW->expires_cs - rtnl_uptime_cs();
	return table_put_unsigned32(v,
				    left_cs > INT32_MAX		    ? 0
					    : left_cs / 100 > 65535 ? 65535
								    : left_cs / 100);
}

VALUE(preference)
{
	(void)snap;
	return table_put_integer(v, ROW->pref);
}

VALUE(inet_number)
{
	(void)row;
	return table_put_unsigned32(v, SNAP(snap)->n);
}

VALUE(cidr_number)
{
	(void)row;
	return table_put_unsigned32(v, SNAP(snap)->ncidr);
}

/* ---- columns and regions ------------------------------------------------------- */

/* Linux keeps no age of a route (Age 0, as the MIBs allow when it is not
 * known), no AS of a next hop (0) and one metric (the others -1). */
static const struct table_column inet_columns[] = {
	{ 7, "inetCidrRouteIfIndex", &inet_table, ifindex, 0, false },
	{ 8, "inetCidrRouteType", &inet_table, inet_type_value, 0, false },
	{ 9, "inetCidrRouteProto", &inet_table, inet_proto, 0, false },
	{ 10, "inetCidrRouteAge", &inet_table, table_gauge_zero, 0, false },
	{ 11, "inetCidrRouteNextHopAS", &inet_table, table_gauge_zero, 0, false },
	{ 12, "inetCidrRouteMetric1", &inet_table, metric1, 0, false },
	{ 13, "inetCidrRouteMetric2", &inet_table, table_integer_minus_one, 0, false },
	{ 14, "inetCidrRouteMetric3", &inet_table, table_integer_minus_one, 0, false },
	{ 15, "inetCidrRouteMetric4", &inet_table, table_integer_minus_one, 0, false },
	{ 16, "inetCidrRouteMetric5", &inet_table, table_integer_minus_one, 0, false },
	{ 17, "inetCidrRouteStatus", &inet_table, table_integer_one, 0, false },
};
static const struct table_column cidr_columns[] = {
	{ 1, "ipCidrRouteDest", &cidr_table, dest, 0, false },
	{ 2, "ipCidrRouteMask", &cidr_table, mask, 0, false },
	{ 3, "ipCidrRouteTos", &cidr_table, table_integer_zero, 0, false },
	{ 4, "ipCidrRouteNextHop", &cidr_table, next_hop, 0, false },
	{ 5, "ipCidrRouteIfIndex", &cidr_table, ifindex, 0, false },
	{ 6, "ipCidrRouteType", &cidr_table, cidr_type, 0, false },
	{ 7, "ipCidrRouteProto", &cidr_table, cidr_proto, 0, false },
	{ 8, "ipCidrRouteAge", &cidr_table, table_integer_zero, 0, false },
	{ 9, "ipCidrRouteInfo", &cidr_table, info, 0, false },
	{ 10, "ipCidrRouteNextHopAS", &cidr_table, table_integer_zero, 0, false },
	{ 11, "ipCidrRouteMetric1", &cidr_table, metric1, 0, false },
	{ 12, "ipCidrRouteMetric2", &cidr_table, table_integer_minus_one, 0, false },
	{ 13, "ipCidrRouteMetric3", &cidr_table, table_integer_minus_one, 0, false },
	{ 14, "ipCidrRouteMetric4", &cidr_table, table_integer_minus_one, 0, false },
	{ 15, "ipCidrRouteMetric5", &cidr_table, table_integer_minus_one, 0, false },
	{ 16, "ipCidrRouteStatus", &cidr_table, table_integer_one, 0, false },
};
static const struct table_column legacy_columns[] = {
	{ 1, "ipRouteDest", &legacy_table, dest, 0, false },
	{ 2, "ipRouteIfIndex", &legacy_table, ifindex, 0, false },
	{ 3, "ipRouteMetric1", &legacy_table, metric1, 0, false },
	{ 4, "ipRouteMetric2", &legacy_table, table_integer_minus_one, 0, false },
	{ 5, "ipRouteMetric3", &legacy_table, table_integer_minus_one, 0, false },
	{ 6, "ipRouteMetric4", &legacy_table, table_integer_minus_one, 0, false },
	{ 7, "ipRouteNextHop", &legacy_table, next_hop, 0, false },
	{ 8, "ipRouteType", &legacy_table, legacy_type, 0, false },
	{ 9, "ipRouteProto", &legacy_table, legacy_proto, 0, false },
	{ 10, "ipRouteAge", &legacy_table, table_integer_zero, 0, false },
	{ 11, "ipRouteMask", &legacy_table, mask, 0, false },
	{ 12, "ipRouteMetric5", &legacy_table, table_integer_minus_one, 0, false },
	{ 13, "ipRouteInfo", &legacy_table, info, 0, false },
};
static const struct table_column router_columns[] = {
	{ 4, "ipDefaultRouterLifetime", &router_table, lifetime, 0, false },
	{ 5, "ipDefaultRouterPreference", &router_table, preference, 0, false },
};
static const struct table_column inet_number_scalar[] = {
	{ 6, "inetCidrRouteNumber", &table_scalars, inet_number, 0, false },
};
static const struct table_column cidr_number_scalar[] = {
	{ 3, "ipCidrRouteNumber", &table_scalars, cidr_number, 0, false },
};

#define TABLE(name, cols, ...) TABLE_MIB2_REGION(name, cols, TABLE_REGION_TABLE, false, __VA_ARGS__)

/*
 * As snmpd's modules register them: ipRouteTable column by column,
 * inetCidrRouteNumber at its instance.  snmpd registers no
 * ipCidrRouteNumber: inside its ip group's region, ours answers.
 */
static const struct table_region regions[] = {
	TABLE_MIB2_REGION("ipRouteTable", legacy_columns, TABLE_REGION_COLUMNS, false, 4, 21),
	TABLE_MIB2_REGION("ipCidrRouteNumber", cidr_number_scalar, TABLE_REGION_SCALARS, false, 4,
			  24),
	TABLE("ipCidrRouteTable", cidr_columns, 4, 24, 4),
	TABLE_MIB2_REGION("inetCidrRouteNumber", inet_number_scalar, TABLE_REGION_INSTANCES, false,
			  4, 24),
	TABLE("inetCidrRouteTable", inet_columns, 4, 24, 7),
	TABLE("ipDefaultRouterTable", router_columns, 4, 37),
};

const struct table_source route_source = {
	.name = "route tables",
	.snapshot_new = snapshot_new,
	.snapshot_free = snapshot_free,
	.builder_new = rtnl_builder_new,
	.builder_free = rtnl_builder_free,
	.build = build,
	.strerror = rtnl_strerror,
	.regions = regions,
	.nregions = TABLE_COUNT(regions),
	/* IP-FORWARD-MIB users expect a route change within cacheLifetime + 1 s */
	.stale_slack_ms = 1000,
	.answers_at_once = true,
};
