/* Building the routes of a namespace's main table (see route.h). */
#include "route.h"

#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "grow_array.h"
#include "sort_in_place.h"
#include "rtnl_dump.h"

static size_t addr_len(uint8_t family)
{
	return family == AF_INET ? 4 : 16;
}

size_t route_gw_len(const struct route_gw *g)
{
	return g->type == ROUTE_NH_NONE ? 0 : g->type == ROUTE_NH_IPV4 ? 4 : 16;
}

static uint32_t gw_hash(const struct route_gw *g)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (size_t i = 0; i < sizeof(g->addr); i++)
		h = (h ^ g->addr[i]) * 16777619u;
	return (h ^ g->type) * 16777619u;
}

static bool list_gw(struct route_snap *s, const struct route_gw *g)
{
	if (!grow_array((void **)&s->gws, &s->capgws, s->ngws + 1, sizeof(*s->gws), 16))
		return false;
	s->gws[s->ngws++] = *g;
	return true;
}

/* The number of next hop `g` in s->gws, listed now if not seen lately;
 * the list starts with none, number 0, so that every row has one. */
static int gw_number(struct route_snap *s, const struct route_gw *g, uint32_t *number)
{
	static const struct route_gw none = { { 0 }, ROUTE_NH_NONE };
	uint32_t *slot = &s->gw_recent[gw_hash(g) % ROUTE_GW_RECENT];

	if (!s->ngws && !list_gw(s, &none))
		return -NLE_NOMEM;
	if (g->type == ROUTE_NH_NONE) {
		*number = 0;
		return 0;
	}
	if (!*slot || memcmp(&s->gws[*slot], g, sizeof(*g))) {
		if (!list_gw(s, g))
			return -NLE_NOMEM;
		*slot = (uint32_t)(s->ngws - 1);
	}
	*number = *slot;
	return 0;
}

/* The next hop from RTA_GATEWAY (the route's family) or RTA_VIA (either). */
static int set_gateway(struct route_snap *s, struct route_row *r, const struct nlattr *gateway,
		       const struct nlattr *via)
{
	const uint8_t *a = NULL;
	uint8_t family = r->family;
	struct route_gw g = { { 0 }, ROUTE_NH_NONE };

	if (gateway && nla_len(gateway) >= (int)addr_len(family)) {
		a = nla_data(gateway);
	} else if (via && nla_len(via) >= (int)sizeof(struct rtvia)) {
		const struct rtvia *v = nla_data(via);

		family = (uint8_t)v->rtvia_family;
		if ((family == AF_INET || family == AF_INET6) &&
		    nla_len(via) >= (int)(sizeof(*v) + addr_len(family)))
			a = v->rtvia_addr;
	}
	if (a) {
		memcpy(g.addr, a, addr_len(family));
		if (family == AF_INET)
			g.type = ROUTE_NH_IPV4;
		else /* fe80::/10 is only meaningful with its link: ipv6z */
			g.type = a[0] == 0xfe && (a[1] & 0xc0) == 0x80 ? ROUTE_NH_IPV6Z
								       : ROUTE_NH_IPV6;
	}
	return gw_number(s, &g, &r->gw);
}

static int add_row(struct route_snap *s, const struct route_row *r)
{
	if (!grow_array((void **)&s->rows, &s->cap, s->n + 1, sizeof(*s->rows), 256))
		return -NLE_NOMEM;
	s->rows[s->n++] = *r;
	return 0;
}

/* A row per next hop of RTA_MULTIPATH, each with its own device and gateway. */
static int add_multipath(struct route_snap *s, struct route_row *r, const struct nlattr *mp)
{
	const struct rtnexthop *nh = nla_data(mp);
	int rem = nla_len(mp), err;

	while (rem >= (int)sizeof(*nh) && RTNH_OK(nh, rem)) {
		struct nlattr *tb[RTA_MAX + 1];

		if (nla_parse(tb, RTA_MAX, (struct nlattr *)RTNH_DATA(nh),
			      nh->rtnh_len - (int)RTNH_LENGTH(0), NULL) < 0)
			return 0;
		r->ifindex = (uint32_t)nh->rtnh_ifindex;
		if ((err = set_gateway(s, r, tb[RTA_GATEWAY], tb[RTA_VIA])) < 0 ||
		    (err = add_row(s, r)) < 0)
			return err;
		rem -= (int)RTNH_ALIGN(nh->rtnh_len);
		nh = RTNH_NEXT(nh);
	}
	return 0;
}

static uint32_t u32_or(const struct nlattr *a, uint32_t otherwise)
{
	return a && nla_len(a) >= 4 ? nla_get_u32((struct nlattr *)a) : otherwise;
}

/* ipDefaultRouterPreference from the router's advertised preference (RFC 4191). */
static int8_t preference(const struct nlattr *a)
{
	if (!a || nla_len(a) < 1)
		return 0; /* medium: IPv4, and IPv6 routes with none */
	switch (nla_get_u8((struct nlattr *)a)) {
	case 0: /* ICMPV6_ROUTER_PREF_MEDIUM */
		return 0;
	case 1: /* ICMPV6_ROUTER_PREF_HIGH */
		return 1;
	case 3: /* ICMPV6_ROUTER_PREF_LOW */
		return -1;
	default: /* ICMPV6_ROUTER_PREF_INVALID */
		return -2;
	}
}

int route_msg(const struct nlmsghdr *h, struct route_snap *s, uint32_t now_cs)
{
	const struct rtmsg *rt = nlmsg_data(h);
	struct nlattr *tb[RTA_MAX + 1];
	struct route_row r = { 0 };
	int err;

	if (h->nlmsg_type != RTM_NEWROUTE || nlmsg_datalen(h) < (int)sizeof(*rt) ||
	    nlmsg_parse((struct nlmsghdr *)h, sizeof(*rt), tb, RTA_MAX, NULL) < 0 ||
	    (rt->rtm_family != AF_INET && rt->rtm_family != AF_INET6) ||
	    (rt->rtm_flags & RTM_F_CLONED) || rt->rtm_dst_len > 8 * addr_len(rt->rtm_family))
		return 0;
	/* RTA_TABLE has tables past 255; rtm_table says RT_TABLE_COMPAT then */
	if (u32_or(tb[RTA_TABLE], rt->rtm_table) != RT_TABLE_MAIN)
		return 0;
	r.family = rt->rtm_family;
	r.dst_len = rt->rtm_dst_len;
	r.type = rt->rtm_type;
	r.protocol = rt->rtm_protocol;
	if (tb[RTA_DST]) {
		if (nla_len(tb[RTA_DST]) < (int)addr_len(r.family))
			return 0;
		memcpy(r.dst, nla_data(tb[RTA_DST]), addr_len(r.family));
	}
	r.priority = u32_or(tb[RTA_PRIORITY], 0);
	r.pref = preference(tb[RTA_PREF]);
	if (tb[RTA_CACHEINFO] && nla_len(tb[RTA_CACHEINFO]) >= (int)sizeof(struct rta_cacheinfo)) {
		/* what is left of its lifetime, in USER_HZ (100) ticks; 0: none */
		int32_t left = (int32_t)((const struct rta_cacheinfo *)nla_data(tb[RTA_CACHEINFO]))
				       ->rta_expires;

		if (left)
			r.expires_cs = (now_cs + (uint32_t)(left > 0 ? left : 0)) | 1;
	}
	if (tb[RTA_MULTIPATH])
		return add_multipath(s, &r, tb[RTA_MULTIPATH]);
	r.ifindex = u32_or(tb[RTA_OIF], 0);
	if ((err = set_gateway(s, &r, tb[RTA_GATEWAY], tb[RTA_VIA])) < 0)
		return err;
	return add_row(s, &r);
}

/* ---- order ------------------------------------------------------------------- */

/* inetCidrRouteTable's index: destination (type, then bytes), prefix length,
 * next hop (type, bytes, and the zone of ipv6z). */
static int cmp_key(const struct route_snap *s, const struct route_row *a, const struct route_row *b)
{
	const struct route_gw *ga = route_gw(s, a), *gb = route_gw(s, b);
	int d;

	if (a->family != b->family)
		return a->family == AF_INET ? -1 : 1;
	if ((d = memcmp(a->dst, b->dst, addr_len(a->family))) != 0)
		return d;
	if (a->dst_len != b->dst_len)
		return a->dst_len < b->dst_len ? -1 : 1;
	if (ga->type != gb->type)
		return ga->type < gb->type ? -1 : 1;
	if ((d = memcmp(ga->addr, gb->addr, route_gw_len(ga))) != 0)
		return d;
	if (ga->type == ROUTE_NH_IPV6Z && a->ifindex != b->ifindex)
		return a->ifindex < b->ifindex ? -1 : 1;
	return 0;
}

/* The key, then the metric: the first of equal keys is the one in use. */
static int cmp_row(const void *x, const void *y, void *snap)
{
	const struct route_row *a = x, *b = y;
	int d = cmp_key(snap, a, b);

	if (d)
		return d;
	if (a->priority != b->priority)
		return a->priority < b->priority ? -1 : 1;
	return a->ifindex < b->ifindex ? -1 : a->ifindex > b->ifindex;
}

static bool same_prefix(const struct route_row *a, const struct route_row *b)
{
	return a->family == b->family && a->dst_len == b->dst_len &&
		!memcmp(a->dst, b->dst, addr_len(a->family));
}

/* The whole index: within a prefix the policy comes before the next hop,
 * {0 0} (length 2) before {0 0 ifIndex metric} (length 4). */
static int cmp_index(const void *x, const void *y, void *snap)
{
	const struct route_row *a = x, *b = y;

	if (a->alt != b->alt)
		return a->alt < b->alt ? -1 : 1;
	if (a->alt && a->ifindex != b->ifindex)
		return a->ifindex < b->ifindex ? -1 : 1;
	if (a->alt && a->priority != b->priority)
		return a->priority < b->priority ? -1 : 1;
	return cmp_key(snap, a, b);
}

/*
 * Routes the standard index cannot tell apart (the same prefix and next hop
 * on two interfaces, like fe80::/64 on each link, or at two metrics): the
 * first, the kernel's choice, keeps policy {0 0}, the others get their own,
 * {0 0 ifIndex metric}, and go after the prefix's {0 0} rows.
 */
static void policies(struct route_snap *s)
{
	size_t kept = 0;

	for (size_t i = 1; i < s->n; i++)
		s->rows[i].alt = cmp_key(s, &s->rows[i - 1], &s->rows[i]) == 0;
	for (size_t i = 0, j; i < s->n; i = j) {
		bool alt = false;

		for (j = i; j < s->n && same_prefix(&s->rows[i], &s->rows[j]); j++)
			alt |= s->rows[j].alt;
		if (alt)
			sort_in_place(&s->rows[i], j - i, sizeof(*s->rows), cmp_index, s);
	}
	/* identical routes but for what no index holds (tos, scope) */
	for (size_t i = 0; i < s->n; i++)
		if (!kept || cmp_index(&s->rows[kept - 1], &s->rows[i], s) != 0)
			s->rows[kept++] = s->rows[i];
	s->n = kept;
}

static bool push(uint32_t **a, size_t *n, size_t *cap, size_t pos)
{
	if (!grow_array((void **)a, cap, *n + 1, sizeof(**a), 256))
		return false;
	(*a)[(*n)++] = (uint32_t)pos;
	return true;
}

/* The IPv4 rows an IpAddress next hop can name (none: 0.0.0.0), of a
 * distinct index. */
static bool legacy_row(const struct route_snap *s, const struct route_row *r)
{
	uint8_t gw_type = route_gw(s, r)->type;

	return r->family == AF_INET && !r->alt &&
		(gw_type == ROUTE_NH_NONE || gw_type == ROUTE_NH_IPV4);
}

/* ipCidrRouteTable, then ipRouteTable: a destination's best row. */
static bool legacy_views(struct route_snap *s)
{
	for (size_t i = 0; i < s->n && s->rows[i].family == AF_INET; i++)
		if (legacy_row(s, &s->rows[i]) && !push(&s->cidr, &s->ncidr, &s->capcidr, i))
			return false;
	for (size_t i = 0; i < s->ncidr;) {
		const struct route_row *first = &s->rows[s->cidr[i]];
		size_t best = i, j = i;

		for (; j < s->ncidr && !memcmp(s->rows[s->cidr[j]].dst, first->dst, 4); j++) {
			const struct route_row *r = &s->rows[s->cidr[j]],
					       *b = &s->rows[s->cidr[best]];

			if (r->dst_len > b->dst_len ||
			    (r->dst_len == b->dst_len && r->priority < b->priority))
				best = j;
		}
		if (!push(&s->legacy, &s->nlegacy, &s->caplegacy, s->cidr[best]))
			return false;
		i = j;
	}
	return true;
}

/* ipDefaultRouterTable's order: address type, address, ifIndex.  Its
 * address type is ipv4 or ipv6: the ifIndex, an index too, is the zone. */

static int router_type(const struct route_gw *g)
{
	return g->type == ROUTE_NH_IPV4 ? ROUTE_NH_IPV4 : ROUTE_NH_IPV6;
}

static int cmp_router_key(const struct route_snap *s, const struct route_row *a,
			  const struct route_row *b)
{
	const struct route_gw *ga = route_gw(s, a), *gb = route_gw(s, b);
	int d;

	if (router_type(ga) != router_type(gb))
		return router_type(ga) < router_type(gb) ? -1 : 1;
	if ((d = memcmp(ga->addr, gb->addr, route_gw_len(ga))) != 0)
		return d;
	return a->ifindex < b->ifindex ? -1 : a->ifindex > b->ifindex;
}

static int cmp_router(const void *x, const void *y, void *snap)
{
	const struct route_snap *s = snap;
	const struct route_row *a = &s->rows[*(const uint32_t *)x];
	const struct route_row *b = &s->rows[*(const uint32_t *)y];
	int d = cmp_router_key(s, a, b);

	if (d)
		return d;
	return a->priority < b->priority ? -1 : a->priority > b->priority;
}

static bool routers(struct route_snap *s)
{
	size_t kept = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct route_row *r = &s->rows[i];

		if (r->dst_len == 0 && r->type == RTN_UNICAST && r->gw != 0 &&
		    !push(&s->routers, &s->nrouters, &s->caprouters, i))
			return false;
	}
	sort_in_place(s->routers, s->nrouters, sizeof(*s->routers), cmp_router, s);
	for (size_t i = 0; i < s->nrouters; i++)
		if (!kept ||
		    cmp_router_key(s, &s->rows[s->routers[kept - 1]], &s->rows[s->routers[i]]))
			s->routers[kept++] = s->routers[i];
	s->nrouters = kept;
	return true;
}

/* Give back what doubling left over: a snapshot of a million routes is kept
 * twice (the one served and the previous one). */
static void trim(void **a, size_t *cap, size_t n, size_t size)
{
	void *p;

	if (n && *cap > n + n / 16 && (p = realloc(*a, n * size))) {
		*a = p;
		*cap = n;
	}
}

int route_finish(struct route_snap *s)
{
	sort_in_place(s->rows, s->n, sizeof(*s->rows), cmp_row, s);
	policies(s);
	if (!legacy_views(s) || !routers(s)) {
		route_clear(s);
		return -NLE_NOMEM;
	}
	trim((void **)&s->rows, &s->cap, s->n, sizeof(*s->rows));
	trim((void **)&s->gws, &s->capgws, s->ngws, sizeof(*s->gws));
	trim((void **)&s->cidr, &s->capcidr, s->ncidr, sizeof(*s->cidr));
	trim((void **)&s->legacy, &s->caplegacy, s->nlegacy, sizeof(*s->legacy));
	return 0;
}

void route_clear(struct route_snap *s)
{
	s->n = s->ngws = s->ncidr = s->nlegacy = s->nrouters = 0;
	memset(s->gw_recent, 0, sizeof(s->gw_recent));
	s->hint = s->hintcidr = s->hintlegacy = s->hintrouters = 0;
}

void route_snap_free(struct route_snap *s)
{
	free(s->rows);
	free(s->gws);
	free(s->cidr);
	free(s->legacy);
	free(s->routers);
	*s = (struct route_snap){ 0 };
}

struct dump {
	struct route_snap *s;
	uint32_t now_cs;
};

static int on_msg(const struct nlmsghdr *h, void *ctx)
{
	struct dump *d = ctx;

	return route_msg(h, d->s, d->now_cs);
}

int route_build(struct rtnl_sock *sock, struct route_snap *s)
{
	struct dump d = { s, rtnl_uptime_cs() };
	int err;

	route_clear(s);
	if ((err = rtnl_dump(sock, RTM_GETROUTE, AF_INET, on_msg, &d)) < 0 ||
	    (err = rtnl_dump(sock, RTM_GETROUTE, AF_INET6, on_msg, &d)) < 0) {
		route_clear(s);
		return err;
	}
	return route_finish(s);
}
