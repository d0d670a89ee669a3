/*
 * The interface and address tables as the engine serves them (see ipif.h):
 * each table's index (RFC 4293, RFC 2863) and each column a value read off
 * a row.  Regions are the ones snmpd's modules register (ipAddrTable
 * column by column); ipv4InterfaceTable and ipv6InterfaceTable, which
 * snmpd leaves unregistered inside the ip group, and IF-MIB's tables in
 * namespace contexts, where snmpd serves none.
 */
#include "ipif.h"

#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/if.h>
#include <stdlib.h>
#include <string.h>

#include "rtnl_dump.h"

/* ---- the engine's view of a snapshot ----------------------------------------- */

static void *snapshot_new(void)
{
	return calloc(1, sizeof(struct ipif_snap));
}

static void snapshot_free(void *snap)
{
	ipif_snap_free(snap);
	free(snap);
}

/*
 * What a builder keeps between builds: its socket, and for the tables with
 * a LastChange scalar the interfaces of the last build and when they last
 * differed (0: never since the agent started).
 */
struct ipif_builder {
	struct rtnl_sock sock;
	bool built;
	uint64_t members[IPIF_TABLES]; /* a hash of each table's ifindexes */
	uint32_t changed_cs[IPIF_TABLES];
};

static void *builder_new(void)
{
	return calloc(1, sizeof(struct ipif_builder));
}

static void builder_free(void *builder)
{
	rtnl_close(&((struct ipif_builder *)builder)->sock);
	free(builder);
}

/* FNV-1a over the ifindexes of table `t`'s rows, in order. */
static uint64_t members(const struct ipif_snap *s, enum ipif_table t)
{
	uint64_t h = 14695981039346656037ull;

	for (size_t i = 0; i < s->tables[t].n; i++) {
		uint32_t ifindex = s->links[s->tables[t].pos[i]].ifindex;

		for (int b = 0; b < 4; b++)
			h = (h ^ ((ifindex >> (8 * b)) & 0xff)) * 1099511628211ull;
	}
	return h;
}

/* A row came or went since the last build: the table changed now. */
static void note_changes(struct ipif_builder *b, struct ipif_snap *s)
{
	static const enum ipif_table tracked[] = { IPIF_IF4, IPIF_IF6, IPIF_STATS, IPIF_IF };
	uint32_t now = rtnl_uptime_cs();

	for (size_t i = 0; i < sizeof(tracked) / sizeof(tracked[0]); i++) {
		enum ipif_table t = tracked[i];
		uint64_t h = members(s, t);

		if (b->built && h != b->members[t])
			b->changed_cs[t] = now;
		b->members[t] = h;
		s->changed_cs[t] = b->changed_cs[t];
	}
	b->built = true;
}

static int build(void *builder, void *snap, unsigned flags, const char *proc_root)
{
	struct ipif_builder *b = builder;
	int err = ipif_build(&b->sock, snap, proc_root);

	(void)flags;
	if (!err)
		note_changes(b, snap);
	return err;
}

static const struct ipif_snap *S(const void *snap)
{
	return snap;
}

static const struct ipif_link *link_at(const void *snap, const void *row)
{
	(void)snap;
	return row;
}

static size_t put_addr(uint32_t *out, uint8_t type, const uint8_t *a, uint32_t zone)
{
	size_t n = 0, len = type == IPIF_IPV4 ? 4 : 16;

	out[n++] = type;
	out[n++] = (uint32_t)(type == IPIF_IPV6Z ? 20 : len);
	for (size_t i = 0; i < len; i++)
		out[n++] = a[i];
	if (type == IPIF_IPV6Z) /* the zone index, network order */
		for (int shift = 24; shift >= 0; shift -= 8)
			out[n++] = (zone >> shift) & 0xff;
	return n;
}

#define ORDER(id, array)                                                                           \
	static size_t count_##id(const void *snap)                                                 \
	{                                                                                          \
		return S(snap)->tables[id].n;                                                      \
	}                                                                                          \
	static const void *row_##id(const void *snap, size_t pos)                                  \
	{                                                                                          \
		return &S(snap)->array[S(snap)->tables[id].pos[pos]];                              \
	}                                                                                          \
	static size_t *hint_##id(void *snap)                                                       \
	{                                                                                          \
		return &((struct ipif_snap *)snap)->tables[id].hint;                               \
	}

ORDER(IPIF_ADDRESS, addrs)
ORDER(IPIF_ADDR4, addrs)
ORDER(IPIF_PREFIX, prefixes)
ORDER(IPIF_IF4, links)
ORDER(IPIF_IF6, links)
ORDER(IPIF_STATS, links)
ORDER(IPIF_IF, links)

static size_t index_address(const void *snap, const void *row, uint32_t *out)
{
	const struct ipif_addr *a = row;

	(void)snap;
	return put_addr(out, a->type, a->addr, a->ifindex);
}

static size_t index_addr4(const void *snap, const void *row, uint32_t *out)
{
	const struct ipif_addr *a = row;

	(void)snap;
	for (int i = 0; i < 4; i++)
		out[i] = a->addr[i];
	return 4;
}

static size_t index_prefix(const void *snap, const void *row, uint32_t *out)
{
	const struct ipif_prefix *p = row;
	size_t n;

	(void)snap;
	out[0] = p->ifindex;
	n = 1 + put_addr(out + 1, p->type, p->prefix, 0);
	out[n++] = p->len;
	return n;
}

static size_t index_ifindex(const void *snap, const void *row, uint32_t *out)
{
	out[0] = link_at(snap, row)->ifindex;
	return 1;
}

static size_t index_stats(const void *snap, const void *row, uint32_t *out)
{
	out[0] = 2; /* ipv6: Linux keeps no per-interface IPv4 counters */
	out[1] = link_at(snap, row)->ifindex;
	return 2;
}

#define DEF(id, name, index)                                                                       \
	{                                                                                          \
		name, count_##id, row_##id, index, hint_##id                                       \
	}

static const struct table_def address_table = DEF(IPIF_ADDRESS, "ipAddressTable", index_address);
static const struct table_def addr4_table = DEF(IPIF_ADDR4, "ipAddrTable", index_addr4);
static const struct table_def prefix_table = DEF(IPIF_PREFIX, "ipAddressPrefixTable", index_prefix);
static const struct table_def if4_table = DEF(IPIF_IF4, "ipv4InterfaceTable", index_ifindex);
static const struct table_def if6_table = DEF(IPIF_IF6, "ipv6InterfaceTable", index_ifindex);
static const struct table_def stats_table = DEF(IPIF_STATS, "ipIfStatsTable", index_stats);
static const struct table_def if_table = DEF(IPIF_IF, "ifTable", index_ifindex);

/* ---- values ------------------------------------------------------------------ */

static bool truth(struct table_value *v, bool b)
{
	return table_put_integer(v, b ? 1 : 2);
}

#define VALUE(name) static bool name(const void *snap, const void *row, struct table_value *v)
#define ADDR ((const struct ipif_addr *)row)
#define PREFIX ((const struct ipif_prefix *)row)
#define LINK ((const struct ipif_link *)row)

/* ipAddressTable (4.34) */
VALUE(address_ifindex)
{
	(void)snap;
	return table_put_integer(v, ADDR->ifindex);
}

VALUE(address_type)
{
	(void)snap;
	return table_put_integer(v, ADDR->kind);
}

/* ipAddressPrefix: the prefix's row of ipAddressPrefixTable (its Origin column). */
VALUE(address_prefix)
{
	static const uint32_t origin[] = { 1, 3, 6, 1, 2, 1, 4, 32, 1, 5 };
	struct ipif_prefix p;

	v->type = TABLE_OID;
	if (ADDR->kind != 1) { /* a broadcast address belongs to no prefix: zeroDotZero */
		v->sub[0] = v->sub[1] = 0;
		v->len = 2;
		return true;
	}
	ipif_prefix_of(ADDR, &p);
	memcpy(v->sub, origin, sizeof(origin));
	v->len = sizeof(origin) / sizeof(origin[0]);
	v->len += index_prefix(snap, &p, v->sub + v->len);
	return true;
}

/*
 * ipAddressOrigin: IPv4 and IPv6 addresses set by hand are permanent;
 * IPv6 link-local and autoconfigured ones come from the link layer, privacy
 * addresses are random; an IPv4 address with a lifetime came from DHCP.
 */
VALUE(address_origin)
{
	const struct ipif_addr *a = ADDR;

	(void)snap;
	if (a->family == AF_INET)
		return table_put_integer(
			v, a->flags & IFA_F_PERMANENT ? 2 /* manual */ : 4 /* dhcp */);
	if (a->flags & IFA_F_TEMPORARY)
		return table_put_integer(v, 6 /* random */);
	if (a->type == IPIF_IPV6Z || !(a->flags & IFA_F_PERMANENT))
		return table_put_integer(v, 5 /* linklayer */);
	return table_put_integer(v, 2 /* manual */);
}

/* ipAddressStatus from the kernel's address flags (RFC 4293 IpAddressStatusTC). */
VALUE(address_status)
{
	const struct ipif_addr *a = ADDR;

	(void)snap;
	if (a->flags & IFA_F_DADFAILED)
		return table_put_integer(v, 7 /* duplicate */);
	if (a->flags & IFA_F_OPTIMISTIC)
		return table_put_integer(v, 8 /* optimistic */);
	if (a->flags & IFA_F_TENTATIVE)
		return table_put_integer(v, 6 /* tentative */);
	if (a->flags & IFA_F_DEPRECATED)
		return table_put_integer(v, 2 /* deprecated */);
	return table_put_integer(v, 1 /* preferred */);
}

/* the kernel's stamps are hundredths of a second on the monotonic clock */
VALUE(address_created)
{
	(void)snap;
	return table_put_stamp(v, ADDR->cstamp);
}

VALUE(address_changed)
{
	(void)snap;
	return table_put_stamp(v, ADDR->tstamp);
}

/* ipAddressPrefixTable (4.32) */
VALUE(prefix_origin)
{
	(void)snap;
	return table_put_integer(v, PREFIX->origin);
}

VALUE(prefix_onlink)
{
	(void)snap;
	return truth(v, PREFIX->onlink);
}

VALUE(prefix_autonomous)
{
	(void)snap;
	return truth(v, PREFIX->autonomous);
}

VALUE(prefix_preferred)
{
	(void)snap;
	return table_put_unsigned32(v, PREFIX->preferred_s);
}

VALUE(prefix_valid)
{
	(void)snap;
	return table_put_unsigned32(v, PREFIX->valid_s);
}

/* ipAddrTable (4.20) */
VALUE(addr4_addr)
{
	(void)snap;
	return table_put_ipaddress(v, ADDR->addr);
}

VALUE(addr4_mask)
{
	uint8_t mask[4] = { 0 };

	(void)snap;
	for (int i = 0; i < ADDR->prefixlen && i < 32; i++)
		mask[i / 8] |= (uint8_t)(0x80 >> (i % 8));
	return table_put_ipaddress(v, mask);
}

/* the largest datagram Linux reassembles: 65535 (IPv4 and IPv6) */
VALUE(reasm_max)
{
	(void)snap, (void)row;
	return table_put_integer(v, 65535);
}

VALUE(reasm_max_u)
{
	(void)snap, (void)row;
	return table_put_unsigned32(v, 65535);
}

/* ipv4InterfaceTable (4.28) */
VALUE(link_up)
{
	(void)snap, (void)row;
	return table_put_integer(v,
				 1); /* a device with an IPv4 configuration: Linux has no switch */
}

VALUE(if4_retrans)
{
	(void)snap;
	return table_put_unsigned32(v, LINK->retrans4_ms);
}

/* ipv6InterfaceTable (4.30) */
VALUE(if6_ident)
{
	(void)snap;
	return LINK->have_ident ? table_put_octets(v, LINK->ident, 8) : table_put_octets(v, "", 0);
}

VALUE(if6_enable)
{
	(void)snap;
	return table_put_integer(v, LINK->inet6_disabled ? 2 /* down */ : 1 /* up */);
}

VALUE(if6_reachable)
{
	(void)snap;
	return table_put_unsigned32(v, LINK->reachable_ms);
}

VALUE(if6_retrans)
{
	(void)snap;
	return table_put_unsigned32(v, LINK->retrans_ms);
}

VALUE(if6_forwarding)
{
	(void)snap;
	return table_put_integer(v, LINK->inet6_forwarding ? 1 : 2);
}

/* ipv6ScopeZoneIndexTable (4.36): the link-local zone is the interface */
VALUE(zone_link_local)
{
	(void)snap;
	return table_put_unsigned32(v, LINK->ifindex);
}

/* ipIfStatsTable (4.31.3): by the kernel's names (ipif.c's stats6[]) */
enum {
	S_INRECEIVES,
	S_INOCTETS,
	S_INHDRERRORS,
	S_INNOROUTES,
	S_INADDRERRORS,
	S_INUNKNOWNPROTOS,
	S_INTRUNCATED,
	S_REASMREQDS,
	S_REASMOKS,
	S_REASMFAILS,
	S_INDISCARDS,
	S_INDELIVERS,
	S_OUTREQUESTS,
	S_OUTNOROUTES,
	S_OUTFORW,
	S_OUTDISCARDS,
	S_FRAGOKS,
	S_FRAGFAILS,
	S_FRAGCREATES,
	S_OUTTRANSMITS,
	S_OUTOCTETS,
	S_INMCASTPKTS,
	S_INMCASTOCTETS,
	S_OUTMCASTPKTS,
	S_OUTMCASTOCTETS,
};

/* The sum of counters `a` and `b` (b -1: `a` alone); false where `a` is absent. */
static bool stat_of(const struct ipif_link *l, int a, int b, bool hc, struct table_value *v)
{
	uint64_t sum;

	if (!(l->stats6_present & (1ull << a)) || (b >= 0 && !(l->stats6_present & (1ull << b))))
		return false;
	sum = l->stats6[a] + (b >= 0 ? l->stats6[b] : 0);
	v->type = hc ? TABLE_COUNTER64 : TABLE_COUNTER32;
	v->u = hc ? sum : sum & 0xffffffffu;
	return true;
}

#define STAT(name, a, b, hc)                                                                       \
	VALUE(name)                                                                                \
	{                                                                                          \
		(void)snap;                                                                        \
		return stat_of(LINK, a, b, hc, v);                                                 \
	}
STAT(st_inreceives, S_INRECEIVES, -1, false)
STAT(st_hcinreceives, S_INRECEIVES, -1, true)
STAT(st_inoctets, S_INOCTETS, -1, false)
STAT(st_hcinoctets, S_INOCTETS, -1, true)
STAT(st_inhdrerrors, S_INHDRERRORS, -1, false)
STAT(st_innoroutes, S_INNOROUTES, -1, false)
STAT(st_inaddrerrors, S_INADDRERRORS, -1, false)
STAT(st_inunknownprotos, S_INUNKNOWNPROTOS, -1, false)
STAT(st_intruncated, S_INTRUNCATED, -1, false)
/* a route was sought: forwarded, or none found (as ipSystemStatsTable) */
STAT(st_inforw, S_OUTFORW, S_INNOROUTES, false)
STAT(st_hcinforw, S_OUTFORW, S_INNOROUTES, true)
STAT(st_reasmreqds, S_REASMREQDS, -1, false)
STAT(st_reasmoks, S_REASMOKS, -1, false)
STAT(st_reasmfails, S_REASMFAILS, -1, false)
STAT(st_indiscards, S_INDISCARDS, -1, false)
STAT(st_indelivers, S_INDELIVERS, -1, false)
STAT(st_hcindelivers, S_INDELIVERS, -1, true)
STAT(st_outrequests, S_OUTREQUESTS, -1, false)
STAT(st_hcoutrequests, S_OUTREQUESTS, -1, true)
STAT(st_outforw, S_OUTFORW, -1, false)
STAT(st_hcoutforw, S_OUTFORW, -1, true)
STAT(st_outdiscards, S_OUTDISCARDS, -1, false)
STAT(st_outfragreqds, S_FRAGOKS, S_FRAGFAILS, false)
STAT(st_outfragoks, S_FRAGOKS, -1, false)
STAT(st_outfragfails, S_FRAGFAILS, -1, false)
STAT(st_outfragcreates, S_FRAGCREATES, -1, false)
STAT(st_outtransmits, S_OUTTRANSMITS, -1, false)
STAT(st_hcouttransmits, S_OUTTRANSMITS, -1, true)
STAT(st_outoctets, S_OUTOCTETS, -1, false)
STAT(st_hcoutoctets, S_OUTOCTETS, -1, true)
STAT(st_inmcastpkts, S_INMCASTPKTS, -1, false)
STAT(st_hcinmcastpkts, S_INMCASTPKTS, -1, true)
STAT(st_inmcastoctets, S_INMCASTOCTETS, -1, false)
STAT(st_hcinmcastoctets, S_INMCASTOCTETS, -1, true)
STAT(st_outmcastpkts, S_OUTMCASTPKTS, -1, false)
STAT(st_hcoutmcastpkts, S_OUTMCASTPKTS, -1, true)
STAT(st_outmcastoctets, S_OUTMCASTOCTETS, -1, false)
STAT(st_hcoutmcastoctets, S_OUTMCASTOCTETS, -1, true)

/* A LastChange scalar: when a row of the table last came or went. */
static bool changed(const void *snap, enum ipif_table t, struct table_value *v)
{
	return table_put_stamp(v, S(snap)->changed_cs[t]); /* 0: long before the agent started */
}

VALUE(if4_changed)
{
	(void)row;
	return changed(snap, IPIF_IF4, v);
}

VALUE(if6_changed)
{
	(void)row;
	return changed(snap, IPIF_IF6, v);
}

VALUE(stats_changed)
{
	(void)row;
	return changed(snap, IPIF_STATS, v);
}

VALUE(if_changed)
{
	(void)row;
	return changed(snap, IPIF_IF, v);
}

/* ---- IF-MIB (namespace contexts) ------------------------------------------------ */

/* IANAifType of a link's ARPHRD type. */
static int64_t if_type(uint16_t arphrd)
{
	switch (arphrd) {
	case ARPHRD_ETHER:
		return 6; /* ethernetCsmacd */
	case ARPHRD_LOOPBACK:
		return 24; /* softwareLoopback */
	case ARPHRD_PPP:
		return 23; /* ppp */
	case ARPHRD_IEEE80211:
		return 71; /* ieee80211 */
	case ARPHRD_INFINIBAND:
		return 199; /* infiniband */
	case ARPHRD_TUNNEL:
	case ARPHRD_TUNNEL6:
	case ARPHRD_SIT:
	case ARPHRD_IPGRE:
	case ARPHRD_IP6GRE:
	case ARPHRD_NONE: /* wireguard, tun */
		return 131; /* tunnel */
	default:
		return 1; /* other */
	}
}

/* ifOperStatus (RFC 2863) of the kernel's operstate (RFC 2863 names too). */
static int64_t oper_status(const struct ipif_link *l)
{
	switch (l->operstate) {
	case IF_OPER_UP:
		return 1;
	case IF_OPER_DOWN:
		return 2;
	case IF_OPER_TESTING:
		return 3;
	case IF_OPER_DORMANT:
		return 5;
	case IF_OPER_NOTPRESENT:
		return 6;
	case IF_OPER_LOWERLAYERDOWN:
		return 7;
	default: /* unknown: what the flags say (loopback reports nothing else) */
		return (l->flags & IFF_UP) && (l->flags & IFF_RUNNING) ? 1 : 2;
	}
}

VALUE(if_number)
{
	(void)row;
	return table_put_integer(v, (int64_t)S(snap)->nlinks);
}

VALUE(if_index)
{
	(void)snap;
	return table_put_integer(v, LINK->ifindex);
}

VALUE(if_name)
{
	(void)snap;
	return table_put_octets(v, LINK->name, strlen(LINK->name));
}

VALUE(if_alias)
{
	(void)snap;
	return table_put_octets(v, LINK->alias, strlen(LINK->alias));
}

VALUE(if_type_v)
{
	(void)snap;
	return table_put_integer(v, if_type(LINK->type));
}

VALUE(if_mtu)
{
	(void)snap;
	return table_put_integer(v, LINK->mtu);
}

VALUE(if_phys)
{
	(void)snap;
	return table_put_octets(v, LINK->addr, LINK->addr_len);
}

VALUE(if_admin)
{
	(void)snap;
	return table_put_integer(v, LINK->flags & IFF_UP ? 1 : 2);
}

VALUE(if_oper)
{
	(void)snap;
	return table_put_integer(v, oper_status(LINK));
}

static bool counter(const struct ipif_link *l, uint64_t x, bool hc, struct table_value *v)
{
	if (!l->have_stats)
		return false;
	v->type = hc ? TABLE_COUNTER64 : TABLE_COUNTER32;
	v->u = hc ? x : x & 0xffffffffu;
	return true;
}

#define COUNTER(name, expr, hc)                                                                    \
	VALUE(name)                                                                                \
	{                                                                                          \
		const struct ipif_link *l = LINK;                                                  \
		(void)snap;                                                                        \
		return counter(l, expr, hc, v);                                                    \
	}
/* the kernel counts multicast received; broadcast is not told apart */
COUNTER(in_octets, l->rx_bytes, false)
COUNTER(in_ucast, l->rx_packets - (l->multicast < l->rx_packets ? l->multicast : 0), false)
COUNTER(in_nucast, l->multicast, false)
COUNTER(in_discards, l->rx_dropped, false)
COUNTER(in_errors, l->rx_errors, false)
COUNTER(in_unknown, l->rx_nohandler, false)
COUNTER(out_octets, l->tx_bytes, false)
COUNTER(out_ucast, l->tx_packets, false)
COUNTER(out_discards, l->tx_dropped, false)
COUNTER(out_errors, l->tx_errors, false)
COUNTER(zero32, 0, false)
COUNTER(in_mcast, l->multicast, false)
COUNTER(hc_in_octets, l->rx_bytes, true)
COUNTER(hc_in_ucast, l->rx_packets - (l->multicast < l->rx_packets ? l->multicast : 0), true)
COUNTER(hc_in_mcast, l->multicast, true)
COUNTER(hc_out_octets, l->tx_bytes, true)
COUNTER(hc_out_ucast, l->tx_packets, true)
COUNTER(zero64, 0, true)

VALUE(if_specific)
{
	(void)snap, (void)row;
	v->type = TABLE_OID;
	v->sub[0] = v->sub[1] = 0; /* zeroDotZero */
	v->len = 2;
	return true;
}

VALUE(up_down_enabled)
{
	(void)snap, (void)row;
	return table_put_integer(v, 1);
}

VALUE(if_promisc)
{
	(void)snap;
	return truth(v, LINK->flags & IFF_PROMISC);
}

VALUE(if_connector)
{
	(void)snap;
	return truth(v, LINK->type == ARPHRD_ETHER && LINK->addr_len == 6);
}

/* ---- regions ---------------------------------------------------------------- */

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct table_column address_columns[] = {
	{ 3, "ipAddressIfIndex", &address_table, address_ifindex, 0, false },
	{ 4, "ipAddressType", &address_table, address_type, 0, false },
	{ 5, "ipAddressPrefix", &address_table, address_prefix, 0, false },
	{ 6, "ipAddressOrigin", &address_table, address_origin, 0, false },
	{ 7, "ipAddressStatus", &address_table, address_status, 0, false },
	{ 8, "ipAddressCreated", &address_table, address_created, 0, false },
	{ 9, "ipAddressLastChanged", &address_table, address_changed, 0, false },
	{ 10, "ipAddressRowStatus", &address_table, table_integer_one, 0, false },
	{ 11, "ipAddressStorageType", &address_table, table_integer_two, 0, false },
};
static const struct table_column prefix_columns[] = {
	{ 5, "ipAddressPrefixOrigin", &prefix_table, prefix_origin, 0, false },
	{ 6, "ipAddressPrefixOnLinkFlag", &prefix_table, prefix_onlink, 0, false },
	{ 7, "ipAddressPrefixAutonomousFlag", &prefix_table, prefix_autonomous, 0, false },
	{ 8, "ipAddressPrefixAdvPreferredLifetime", &prefix_table, prefix_preferred, 0, false },
	{ 9, "ipAddressPrefixAdvValidLifetime", &prefix_table, prefix_valid, 0, false },
};
static const struct table_column addr4_columns[] = {
	{ 1, "ipAdEntAddr", &addr4_table, addr4_addr, 0, false },
	{ 2, "ipAdEntIfIndex", &addr4_table, address_ifindex, 0, false },
	{ 3, "ipAdEntNetMask", &addr4_table, addr4_mask, 0, false },
	{ 4, "ipAdEntBcastAddr", &addr4_table, table_integer_one, 0, false },
	{ 5, "ipAdEntReasmMaxSize", &addr4_table, reasm_max, 0, false },
};
static const struct table_column if4_columns[] = {
	{ 2, "ipv4InterfaceReasmMaxSize", &if4_table, reasm_max, 0, false },
	{ 3, "ipv4InterfaceEnableStatus", &if4_table, link_up, 0, false },
	{ 4, "ipv4InterfaceRetransmitTime", &if4_table, if4_retrans, 0, false },
};
static const struct table_column if6_columns[] = {
	{ 2, "ipv6InterfaceReasmMaxSize", &if6_table, reasm_max_u, 0, false },
	{ 3, "ipv6InterfaceIdentifier", &if6_table, if6_ident, 0, false },
	{ 4, "ipv6InterfaceEnableStatus", &if6_table, if6_enable, 0, true },
	{ 6, "ipv6InterfaceReachableTime", &if6_table, if6_reachable, 0, false },
	{ 7, "ipv6InterfaceRetransmitTime", &if6_table, if6_retrans, 0, false },
	{ 8, "ipv6InterfaceForwarding", &if6_table, if6_forwarding, 0, true },
};
static const struct table_column zone_columns[] = {
	{ 2, "ipv6ScopeZoneIndexLinkLocal", &if6_table, zone_link_local, 0, false },
	{ 3, "ipv6ScopeZoneIndex3", &if6_table, table_gauge_zero, 0, false },
	{ 4, "ipv6ScopeZoneIndexAdminLocal", &if6_table, table_gauge_zero, 0, false },
	{ 5, "ipv6ScopeZoneIndexSiteLocal", &if6_table, table_gauge_zero, 0, false },
	{ 6, "ipv6ScopeZoneIndex6", &if6_table, table_gauge_zero, 0, false },
	{ 7, "ipv6ScopeZoneIndex7", &if6_table, table_gauge_zero, 0, false },
	{ 8, "ipv6ScopeZoneIndexOrganizationLocal", &if6_table, table_gauge_zero, 0, false },
	{ 9, "ipv6ScopeZoneIndex9", &if6_table, table_gauge_zero, 0, false },
	{ 10, "ipv6ScopeZoneIndexA", &if6_table, table_gauge_zero, 0, false },
	{ 11, "ipv6ScopeZoneIndexB", &if6_table, table_gauge_zero, 0, false },
	{ 12, "ipv6ScopeZoneIndexC", &if6_table, table_gauge_zero, 0, false },
	{ 13, "ipv6ScopeZoneIndexD", &if6_table, table_gauge_zero, 0, false },
};
#define ST(col, name, fn)                                                                          \
	{                                                                                          \
		col, name, &stats_table, fn, 0, false                                              \
	}
static const struct table_column stats_columns[] = {
	ST(3, "ipIfStatsInReceives", st_inreceives),
	ST(4, "ipIfStatsHCInReceives", st_hcinreceives),
	ST(5, "ipIfStatsInOctets", st_inoctets),
	ST(6, "ipIfStatsHCInOctets", st_hcinoctets),
	ST(7, "ipIfStatsInHdrErrors", st_inhdrerrors),
	ST(8, "ipIfStatsInNoRoutes", st_innoroutes),
	ST(9, "ipIfStatsInAddrErrors", st_inaddrerrors),
	ST(10, "ipIfStatsInUnknownProtos", st_inunknownprotos),
	ST(11, "ipIfStatsInTruncatedPkts", st_intruncated),
	ST(12, "ipIfStatsInForwDatagrams", st_inforw),
	ST(13, "ipIfStatsHCInForwDatagrams", st_hcinforw),
	ST(14, "ipIfStatsReasmReqds", st_reasmreqds),
	ST(15, "ipIfStatsReasmOKs", st_reasmoks),
	ST(16, "ipIfStatsReasmFails", st_reasmfails),
	ST(17, "ipIfStatsInDiscards", st_indiscards),
	ST(18, "ipIfStatsInDelivers", st_indelivers),
	ST(19, "ipIfStatsHCInDelivers", st_hcindelivers),
	ST(20, "ipIfStatsOutRequests", st_outrequests),
	ST(21, "ipIfStatsHCOutRequests", st_hcoutrequests),
	ST(23, "ipIfStatsOutForwDatagrams", st_outforw),
	ST(24, "ipIfStatsHCOutForwDatagrams", st_hcoutforw),
	ST(25, "ipIfStatsOutDiscards", st_outdiscards),
	ST(26, "ipIfStatsOutFragReqds", st_outfragreqds),
	ST(27, "ipIfStatsOutFragOKs", st_outfragoks),
	ST(28, "ipIfStatsOutFragFails", st_outfragfails),
	ST(29, "ipIfStatsOutFragCreates", st_outfragcreates),
	ST(30, "ipIfStatsOutTransmits", st_outtransmits),
	ST(31, "ipIfStatsHCOutTransmits", st_hcouttransmits),
	ST(32, "ipIfStatsOutOctets", st_outoctets),
	ST(33, "ipIfStatsHCOutOctets", st_hcoutoctets),
	ST(34, "ipIfStatsInMcastPkts", st_inmcastpkts),
	ST(35, "ipIfStatsHCInMcastPkts", st_hcinmcastpkts),
	ST(36, "ipIfStatsInMcastOctets", st_inmcastoctets),
	ST(37, "ipIfStatsHCInMcastOctets", st_hcinmcastoctets),
	ST(38, "ipIfStatsOutMcastPkts", st_outmcastpkts),
	ST(39, "ipIfStatsHCOutMcastPkts", st_hcoutmcastpkts),
	ST(40, "ipIfStatsOutMcastOctets", st_outmcastoctets),
	ST(41, "ipIfStatsHCOutMcastOctets", st_hcoutmcastoctets),
	ST(46, "ipIfStatsDiscontinuityTime", table_ticks_zero),
};
static const struct table_column if_columns[] = {
	{ 1, "ifIndex", &if_table, if_index, 0, false },
	{ 2, "ifDescr", &if_table, if_name, 0, false },
	{ 3, "ifType", &if_table, if_type_v, 0, false },
	{ 4, "ifMtu", &if_table, if_mtu, 0, false },
	{ 5, "ifSpeed", &if_table, table_gauge_zero, 0, false },
	{ 6, "ifPhysAddress", &if_table, if_phys, 0, false },
	{ 7, "ifAdminStatus", &if_table, if_admin, 0, false },
	{ 8, "ifOperStatus", &if_table, if_oper, 0, false },
	{ 9, "ifLastChange", &if_table, table_ticks_zero, 0, false },
	{ 10, "ifInOctets", &if_table, in_octets, 0, false },
	{ 11, "ifInUcastPkts", &if_table, in_ucast, 0, false },
	{ 12, "ifInNUcastPkts", &if_table, in_nucast, 0, false },
	{ 13, "ifInDiscards", &if_table, in_discards, 0, false },
	{ 14, "ifInErrors", &if_table, in_errors, 0, false },
	{ 15, "ifInUnknownProtos", &if_table, in_unknown, 0, false },
	{ 16, "ifOutOctets", &if_table, out_octets, 0, false },
	{ 17, "ifOutUcastPkts", &if_table, out_ucast, 0, false },
	{ 18, "ifOutNUcastPkts", &if_table, zero32, 0, false },
	{ 19, "ifOutDiscards", &if_table, out_discards, 0, false },
	{ 20, "ifOutErrors", &if_table, out_errors, 0, false },
	{ 21, "ifOutQLen", &if_table, table_gauge_zero, 0, false },
	{ 22, "ifSpecific", &if_table, if_specific, 0, false },
};
static const struct table_column ifx_columns[] = {
	{ 1, "ifName", &if_table, if_name, 0, false },
	{ 2, "ifInMulticastPkts", &if_table, in_mcast, 0, false },
	{ 3, "ifInBroadcastPkts", &if_table, zero32, 0, false },
	{ 4, "ifOutMulticastPkts", &if_table, zero32, 0, false },
	{ 5, "ifOutBroadcastPkts", &if_table, zero32, 0, false },
	{ 6, "ifHCInOctets", &if_table, hc_in_octets, 0, false },
	{ 7, "ifHCInUcastPkts", &if_table, hc_in_ucast, 0, false },
	{ 8, "ifHCInMulticastPkts", &if_table, hc_in_mcast, 0, false },
	{ 9, "ifHCInBroadcastPkts", &if_table, zero64, 0, false },
	{ 10, "ifHCOutOctets", &if_table, hc_out_octets, 0, false },
	{ 11, "ifHCOutUcastPkts", &if_table, hc_out_ucast, 0, false },
	{ 12, "ifHCOutMulticastPkts", &if_table, zero64, 0, false },
	{ 13, "ifHCOutBroadcastPkts", &if_table, zero64, 0, false },
	{ 14, "ifLinkUpDownTrapEnable", &if_table, up_down_enabled, 0, false },
	{ 15, "ifHighSpeed", &if_table, table_gauge_zero, 0, false },
	{ 16, "ifPromiscuousMode", &if_table, if_promisc, 0, false },
	{ 17, "ifConnectorPresent", &if_table, if_connector, 0, false },
	{ 18, "ifAlias", &if_table, if_alias, 0, false },
	{ 19, "ifCounterDiscontinuityTime", &if_table, table_ticks_zero, 0, false },
};
/* the scalars, by group: their rows are the snapshot (table_scalars) */
#define SCALAR(sub, name, fn)                                                                      \
	{                                                                                          \
		sub, name, &table_scalars, fn, 0, false                                            \
	}
static const struct table_column ip_scalars[] = {
	SCALAR(27, "ipv4InterfaceTableLastChange", if4_changed),
	SCALAR(29, "ipv6InterfaceTableLastChange", if6_changed),
};
static const struct table_column traffic_scalars[] = {
	SCALAR(2, "ipIfStatsTableLastChanged", stats_changed),
};
static const struct table_column interfaces_scalars[] = {
	SCALAR(1, "ifNumber", if_number),
};
static const struct table_column ifmib_scalars[] = {
	SCALAR(5, "ifTableLastChange", if_changed),
};

#define REGION TABLE_MIB2_REGION
#define TABLE(name, cols, ...) REGION(name, cols, TABLE_REGION_TABLE, false, __VA_ARGS__)

/*
 * snmpd registers ipAddrTable column by column, and neither
 * ipv4InterfaceTable nor ipv6InterfaceTable (its ip scalars' region holds
 * them): a region of ours there answers in both.  IF-MIB is snmpd's in the
 * default context.
 */
static const struct table_region regions[] = {
	REGION("ip scalars", ip_scalars, TABLE_REGION_SCALARS, false, 4),
	REGION("ipAddrTable", addr4_columns, TABLE_REGION_COLUMNS, false, 4, 20),
	TABLE("ipv4InterfaceTable", if4_columns, 4, 28),
	TABLE("ipv6InterfaceTable", if6_columns, 4, 30),
	REGION("ipTrafficStats", traffic_scalars, TABLE_REGION_SCALARS, false, 4, 31),
	TABLE("ipIfStatsTable", stats_columns, 4, 31, 3),
	TABLE("ipAddressPrefixTable", prefix_columns, 4, 32),
	TABLE("ipAddressTable", address_columns, 4, 34),
	TABLE("ipv6ScopeZoneIndexTable", zone_columns, 4, 36),
	REGION("interfaces", interfaces_scalars, TABLE_REGION_SCALARS, true, 2),
	REGION("ifTable", if_columns, TABLE_REGION_TABLE, true, 2, 2),
	REGION("ifMIBObjects", ifmib_scalars, TABLE_REGION_SCALARS, true, 31, 1),
	REGION("ifXTable", ifx_columns, TABLE_REGION_TABLE, true, 31, 1, 1),
};

const struct ipif_tunable *ipif_column_tunable(const struct table_column *col)
{
	static const struct ipif_tunable enable = { "disable_ipv6", true, "up", "down" };
	static const struct ipif_tunable forwarding = { "forwarding", false, "forwarding",
							"notForwarding" };

	return col->value == if6_enable	       ? &enable
		: col->value == if6_forwarding ? &forwarding
					       : NULL;
}

const struct table_source ipif_source = {
	.name = "interface and address tables",
	.snapshot_new = snapshot_new,
	.snapshot_free = snapshot_free,
	.builder_new = builder_new,
	.builder_free = builder_free,
	.build = build,
	.strerror = rtnl_strerror,
	.regions = regions,
	.nregions = N(regions),
};
