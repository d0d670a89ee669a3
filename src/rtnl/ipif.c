/*
 * Building the interfaces and addresses of a namespace (see ipif.h): what
 * iproute2 shows with `ip -j link` and `ip -j addr`, read from the same
 * rtnetlink messages (RTM_NEWLINK and its IFLA_AF_SPEC data, RTM_NEWADDR),
 * and the IPv6 counters per interface by name from /proc/net/dev_snmp6.
 */
#include "ipif.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/ipv6.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow_array.h"
#include "proc_counters.h"
#include "read_file.h"
#include "rtnl_dump.h"

/* ---- links ------------------------------------------------------------ */

static void link_stats(struct ipif_link *l, const struct nlattr *a)
{
	struct rtnl_link_stats64 st;

	if (nla_len(a) < (int)sizeof(st))
		return;
	memcpy(&st, nla_data(a), sizeof(st));
	l->have_stats = true;
	l->rx_packets = st.rx_packets;
	l->tx_packets = st.tx_packets;
	l->rx_bytes = st.rx_bytes;
	l->tx_bytes = st.tx_bytes;
	l->rx_errors = st.rx_errors;
	l->tx_errors = st.tx_errors;
	l->rx_dropped = st.rx_dropped;
	l->tx_dropped = st.tx_dropped;
	l->multicast = st.multicast;
	l->rx_nohandler = st.rx_nohandler;
}

/* IFLA_AF_SPEC: the IPv4 (in_device) and IPv6 (inet6_dev) per-device data. */
static void link_af(struct ipif_link *l, struct nlattr *spec)
{
	struct nlattr *af, *tb[IFLA_INET6_MAX + 1];
	int rem;

	nla_for_each_nested(af, spec, rem)
	{
		if (nla_type(af) == AF_INET) {
			l->inet = true;
		} else if (nla_type(af) == AF_INET6 &&
			   nla_parse_nested(tb, IFLA_INET6_MAX, af, NULL) == 0) {
			l->inet6 = true;
			if (tb[IFLA_INET6_CONF]) {
				const int32_t *conf = nla_data(tb[IFLA_INET6_CONF]);
				int n = nla_len(tb[IFLA_INET6_CONF]) / (int)sizeof(*conf);

				if (n > DEVCONF_FORWARDING)
					l->inet6_forwarding = conf[DEVCONF_FORWARDING];
				if (n > DEVCONF_DISABLE_IPV6)
					l->inet6_disabled = conf[DEVCONF_DISABLE_IPV6];
			}
			if (tb[IFLA_INET6_CACHEINFO] &&
			    nla_len(tb[IFLA_INET6_CACHEINFO]) >=
				    (int)sizeof(struct ifla_cacheinfo)) {
				const struct ifla_cacheinfo *ci =
					nla_data(tb[IFLA_INET6_CACHEINFO]);

				l->reachable_ms = ci->reachable_time;
				l->retrans_ms = ci->retrans_time;
			}
			if (tb[IFLA_INET6_TOKEN] && nla_len(tb[IFLA_INET6_TOKEN]) >= 16) {
				static const uint8_t none[16];

				memcpy(l->token, nla_data(tb[IFLA_INET6_TOKEN]), 16);
				l->have_token = memcmp(l->token, none, 16) != 0;
			}
		}
	}
}

static int on_link(const struct nlmsghdr *h, struct ipif_snap *s)
{
	const struct ifinfomsg *ifi = nlmsg_data(h);
	struct nlattr *tb[IFLA_MAX + 1];
	struct ipif_link *l;

	if (h->nlmsg_type != RTM_NEWLINK || nlmsg_datalen(h) < (int)sizeof(*ifi) ||
	    nlmsg_parse((struct nlmsghdr *)h, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0)
		return 0;
	if (!grow_array((void **)&s->links, &s->links_cap, s->nlinks + 1, sizeof(*s->links), 16))
		return -NLE_NOMEM;
	l = &s->links[s->nlinks++];
	*l = (struct ipif_link){ .ifindex = (uint32_t)ifi->ifi_index,
				 .type = ifi->ifi_type,
				 .flags = ifi->ifi_flags };
	if (tb[IFLA_IFNAME])
		snprintf(l->name, sizeof(l->name), "%s", nla_get_string(tb[IFLA_IFNAME]));
	if (tb[IFLA_IFALIAS])
		snprintf(l->alias, sizeof(l->alias), "%s", nla_get_string(tb[IFLA_IFALIAS]));
	if (tb[IFLA_MTU])
		l->mtu = nla_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_OPERSTATE])
		l->operstate = nla_get_u8(tb[IFLA_OPERSTATE]);
	if (tb[IFLA_ADDRESS] && nla_len(tb[IFLA_ADDRESS]) <= (int)sizeof(l->addr)) {
		l->addr_len = (uint8_t)nla_len(tb[IFLA_ADDRESS]);
		memcpy(l->addr, nla_data(tb[IFLA_ADDRESS]), l->addr_len);
	}
	if (tb[IFLA_STATS64])
		link_stats(l, tb[IFLA_STATS64]);
	if (tb[IFLA_AF_SPEC])
		link_af(l, tb[IFLA_AF_SPEC]);
	return 0;
}

/* ---- addresses ---------------------------------------------------------- */

static bool link_local6(const uint8_t a[16])
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

static struct ipif_addr *new_addr(struct ipif_snap *s)
{
	if (!grow_array((void **)&s->addrs, &s->addrs_cap, s->naddrs + 1, sizeof(*s->addrs), 16))
		return NULL;
	return &s->addrs[s->naddrs++];
}

static int on_addr(const struct nlmsghdr *h, struct ipif_snap *s)
{
	const struct ifaddrmsg *ifa = nlmsg_data(h);
	struct nlattr *tb[IFA_MAX + 1];
	struct nlattr *local;
	struct ipif_addr *a, *b;
	size_t alen;

	if (h->nlmsg_type != RTM_NEWADDR || nlmsg_datalen(h) < (int)sizeof(*ifa) ||
	    nlmsg_parse((struct nlmsghdr *)h, sizeof(*ifa), tb, IFA_MAX, NULL) < 0 ||
	    (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6))
		return 0;
	alen = ifa->ifa_family == AF_INET ? 4 : 16;
	/* IFA_LOCAL is the interface's own address (IFA_ADDRESS the peer's on
	 * a point-to-point link); IPv6 has IFA_ADDRESS alone */
	local = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (!local || nla_len(local) < (int)alen || !(a = new_addr(s)))
		return local ? -NLE_NOMEM : 0;
	*a = (struct ipif_addr){ .family = ifa->ifa_family,
				 .prefixlen = ifa->ifa_prefixlen,
				 .kind = 1,
				 .ifindex = ifa->ifa_index,
				 .flags = tb[IFA_FLAGS] ? nla_get_u32(tb[IFA_FLAGS])
							: ifa->ifa_flags,
				 .preferred_s = UINT32_MAX,
				 .valid_s = UINT32_MAX };
	memcpy(a->addr, nla_data(local), alen);
	a->type = a->family == AF_INET ? IPIF_IPV4 : link_local6(a->addr) ? IPIF_IPV6Z : IPIF_IPV6;
	if (tb[IFA_CACHEINFO] && nla_len(tb[IFA_CACHEINFO]) >= (int)sizeof(struct ifa_cacheinfo)) {
		const struct ifa_cacheinfo *ci = nla_data(tb[IFA_CACHEINFO]);

		a->preferred_s = ci->ifa_prefered;
		a->valid_s = ci->ifa_valid;
		a->cstamp = ci->cstamp;
		a->tstamp = ci->tstamp;
	}
	/* an IPv4 broadcast address is a row of its own (ipAddressType broadcast) */
	if (a->family == AF_INET && tb[IFA_BROADCAST] && nla_len(tb[IFA_BROADCAST]) >= 4) {
		struct ipif_addr copy = *a;

		if (!(b = new_addr(s)))
			return -NLE_NOMEM;
		*b = copy;
		b->kind = 3;
		memcpy(b->addr, nla_data(tb[IFA_BROADCAST]), 4);
	}
	return 0;
}

/* ---- dev_snmp6 ------------------------------------------------------------ */

/* The kernel's names of the counters kept, by position in stats6[]. */
static const char *const stats6_names[IPIF_STATS6] = {
	"Ip6InReceives",     "Ip6InOctets",	   "Ip6InHdrErrors",	  "Ip6InNoRoutes",
	"Ip6InAddrErrors",   "Ip6InUnknownProtos", "Ip6InTruncatedPkts",  "Ip6ReasmReqds",
	"Ip6ReasmOKs",	     "Ip6ReasmFails",	   "Ip6InDiscards",	  "Ip6InDelivers",
	"Ip6OutRequests",    "Ip6OutNoRoutes",	   "Ip6OutForwDatagrams", "Ip6OutDiscards",
	"Ip6FragOKs",	     "Ip6FragFails",	   "Ip6FragCreates",	  "Ip6OutTransmits",
	"Ip6OutOctets",	     "Ip6InMcastPkts",	   "Ip6InMcastOctets",	  "Ip6OutMcastPkts",
	"Ip6OutMcastOctets", "Ip6InBcastOctets",   "Ip6OutBcastOctets",	  "Ip6InTooBigErrors",
	"Ip6InCsumErrors",   "Ip6InNoECTPkts",	   "Ip6ReasmTimeout",
};

const char *ipif_stats6_name(size_t i)
{
	return i < IPIF_STATS6 ? stats6_names[i] : NULL;
}

/* /proc/net/dev_snmp6 of the calling thread's namespace, below `proc_root`. */
static void dev_snmp6_dir(const char *proc_root, char *out, size_t len)
{
	/* /proc/net is the process's namespace; a builder thread entered its
	 * own with setns(): /proc/thread-self/net is that one */
	if (!strcmp(proc_root, "/proc"))
		snprintf(out, len, "/proc/thread-self/net/dev_snmp6");
	else
		snprintf(out, len, "%s/net/dev_snmp6", proc_root);
}

static void read_stats6(struct ipif_link *l, const char *dir)
{
	char *text;
	size_t len;
	struct proc_file pf;

	/* a regular file directly in the directory, never through a link */
	if (read_file(dir, l->name, &text, &len) != 0)
		return;
	proc_file_parse(&pf, PROC_LAYOUT_FLAT, text, len, "dev_snmp6", NULL, NULL);
	if (pf.nfields) {
		for (size_t i = 0; i < IPIF_STATS6; i++) {
			const struct proc_field *f = proc_file_find(&pf, "", stats6_names[i]);

			if (f) {
				l->stats6[i] = f->value;
				l->stats6_present |= 1ull << i;
			}
		}
		l->have_stats6 = true;
	}
	proc_file_free(&pf);
}

/* The IPv4 neighbour retransmit time, from its sysctl (the thread's namespace). */
static void read_retrans4(struct ipif_link *l, const char *proc_root)
{
	char dir[512], *text;
	size_t len;
	unsigned long v;

	snprintf(dir, sizeof(dir), "%s/sys/net/ipv4/neigh", proc_root);
	if (strchr(l->name, '/') || strchr(l->name, '.') == l->name)
		return;
	snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/%s", l->name);
	if (read_file(dir, "retrans_time_ms", &text, &len) != 0)
		return;
	if (sscanf(text, "%lu", &v) == 1 && v <= UINT32_MAX)
		l->retrans4_ms = (uint32_t)v;
	free(text);
}

/* ---- order -------------------------------------------------------------- */

static int cmp_u(unsigned a, unsigned b)
{
	return (a > b) - (a < b);
}

static int cmp_link(const void *a, const void *b)
{
	return cmp_u(((const struct ipif_link *)a)->ifindex,
		     ((const struct ipif_link *)b)->ifindex);
}

static size_t addr_len(uint8_t type)
{
	return type == IPIF_IPV4 ? 4 : 16;
}

/* ipAddressTable's index order: type, length, bytes, zone. */
static int cmp_addr(const void *x, const void *y)
{
	const struct ipif_addr *a = x, *b = y;
	int c = cmp_u(a->type, b->type);

	if (!c)
		c = memcmp(a->addr, b->addr, addr_len(a->type));
	if (!c && a->type == IPIF_IPV6Z)
		c = cmp_u(a->ifindex, b->ifindex);
	if (!c) /* the same index twice: the unicast row first */
		c = cmp_u(a->kind, b->kind);
	return c;
}

static int cmp_prefix(const void *x, const void *y)
{
	const struct ipif_prefix *a = x, *b = y;
	int c = cmp_u(a->ifindex, b->ifindex);

	if (!c)
		c = cmp_u(a->type, b->type);
	if (!c)
		c = memcmp(a->prefix, b->prefix, addr_len(a->type));
	if (!c)
		c = cmp_u(a->len, b->len);
	return c;
}

static bool push(struct ipif_order *o, size_t pos)
{
	if (!grow_array((void **)&o->pos, &o->cap, o->n + 1, sizeof(*o->pos), 16))
		return false;
	o->pos[o->n++] = (uint32_t)pos;
	return true;
}

/* The prefix of address `a`: its bytes under the mask. */
void ipif_prefix_of(const struct ipif_addr *a, struct ipif_prefix *p)
{
	size_t n = addr_len(a->type);

	/* a link-local prefix is ipv6: the ifIndex of the index is its zone */
	*p = (struct ipif_prefix){ .ifindex = a->ifindex,
				   .type = a->family == AF_INET ? IPIF_IPV4 : IPIF_IPV6,
				   .len = a->prefixlen,
				   .onlink = !(a->flags & IFA_F_NOPREFIXROUTE),
				   .preferred_s = a->preferred_s,
				   .valid_s = a->valid_s };
	for (size_t i = 0; i < n; i++) {
		int bits = (int)a->prefixlen - (int)(i * 8);

		p->prefix[i] = bits >= 8 ? a->addr[i]
			: bits <= 0	 ? 0
					 : (uint8_t)(a->addr[i] & (0xff << (8 - bits)));
	}
	/* IPv6 with a lifetime: autoconfigured from a router's advertisement;
	 * IPv4 with one: from DHCP; link-local: well known; else by hand */
	p->autonomous = a->family == AF_INET6 && !(a->flags & IFA_F_PERMANENT);
	if (!(a->flags & IFA_F_PERMANENT))
		p->origin = a->family == AF_INET6 ? 5 /* routeradv */ : 4 /* dhcp */;
	else
		p->origin = link_local6(a->addr) && a->family == AF_INET6 ? 3 /* wellknown */
									  : 2 /* manual */;
}

static bool index_prefixes(struct ipif_snap *s)
{
	size_t out = 0;

	for (size_t i = 0; i < s->naddrs; i++) {
		if (s->addrs[i].kind != 1)
			continue;
		if (!grow_array((void **)&s->prefixes, &s->prefixes_cap, s->nprefixes + 1,
				sizeof(*s->prefixes), 16))
			return false;
		ipif_prefix_of(&s->addrs[i], &s->prefixes[s->nprefixes++]);
	}
	if (s->nprefixes > 1)
		qsort(s->prefixes, s->nprefixes, sizeof(*s->prefixes), cmp_prefix);
	for (size_t i = 0; i < s->nprefixes; i++) /* one row per prefix */
		if (!out || cmp_prefix(&s->prefixes[out - 1], &s->prefixes[i]))
			s->prefixes[out++] = s->prefixes[i];
	s->nprefixes = out;
	for (size_t i = 0; i < s->nprefixes; i++)
		if (!push(&s->tables[IPIF_PREFIX], i))
			return false;
	return true;
}

static int cmp_addr4(const void *x, const void *y, void *addrs)
{
	const struct ipif_addr *a = (const struct ipif_addr *)addrs + *(const uint32_t *)x;
	const struct ipif_addr *b = (const struct ipif_addr *)addrs + *(const uint32_t *)y;

	return memcmp(a->addr, b->addr, 4);
}

/* Whether two addresses have the same ipAddressTable index. */
static bool same_index(const struct ipif_addr *a, const struct ipif_addr *b)
{
	return a->type == b->type && !memcmp(a->addr, b->addr, addr_len(a->type)) &&
		(a->type != IPIF_IPV6Z || a->ifindex == b->ifindex);
}

static bool index_all(struct ipif_snap *s)
{
	struct ipif_order *all = &s->tables[IPIF_ADDRESS], *a4 = &s->tables[IPIF_ADDR4];
	size_t out = 0;

	if (s->nlinks > 1)
		qsort(s->links, s->nlinks, sizeof(*s->links), cmp_link);
	if (s->naddrs > 1)
		qsort(s->addrs, s->naddrs, sizeof(*s->addrs), cmp_addr);
	for (size_t i = 0; i < s->naddrs; i++) {
		const struct ipif_addr *a = &s->addrs[i];

		/* an index twice (the same address on two links, or a broadcast
		 * address that is another's unicast one): the first row, unicast */
		if ((!all->n || !same_index(&s->addrs[all->pos[all->n - 1]], a)) && !push(all, i))
			return false;
		if (a->family == AF_INET && a->kind == 1 && !push(a4, i))
			return false;
	}
	if (a4->n > 1)
		qsort_r(a4->pos, a4->n, sizeof(*a4->pos), cmp_addr4, s->addrs);
	for (size_t i = 0; i < a4->n; i++) /* ipAddrTable: an address once */
		if (!out || memcmp(s->addrs[a4->pos[out - 1]].addr, s->addrs[a4->pos[i]].addr, 4))
			a4->pos[out++] = a4->pos[i];
	a4->n = out;
	for (size_t i = 0; i < s->naddrs; i++) {
		const struct ipif_addr *a = &s->addrs[i];
		struct ipif_link *l = (struct ipif_link *)ipif_link_of(s, a->ifindex);

		if (l && a->type == IPIF_IPV6Z && !l->have_ident) {
			memcpy(l->ident, l->have_token ? l->token + 8 : a->addr + 8, 8);
			l->have_ident = true;
		}
	}
	for (size_t i = 0; i < s->nlinks; i++) {
		const struct ipif_link *l = &s->links[i];

		if (!push(&s->tables[IPIF_IF], i) || (l->inet && !push(&s->tables[IPIF_IF4], i)) ||
		    (l->inet6 && !push(&s->tables[IPIF_IF6], i)) ||
		    (l->have_stats6 && !push(&s->tables[IPIF_STATS], i)))
			return false;
	}
	return index_prefixes(s);
}

/* ---- the build ------------------------------------------------------------ */

void ipif_clear(struct ipif_snap *s)
{
	s->nlinks = s->naddrs = s->nprefixes = 0;
	for (int t = 0; t < IPIF_TABLES; t++)
		s->tables[t].n = s->tables[t].hint = 0;
}

void ipif_snap_free(struct ipif_snap *s)
{
	free(s->links);
	free(s->addrs);
	free(s->prefixes);
	for (int t = 0; t < IPIF_TABLES; t++)
		free(s->tables[t].pos);
	*s = (struct ipif_snap){ 0 };
}

int ipif_msg(const struct nlmsghdr *h, void *snap)
{
	switch (h->nlmsg_type) {
	case RTM_NEWLINK:
		return on_link(h, snap);
	case RTM_NEWADDR:
		return on_addr(h, snap);
	default:
		return 0;
	}
}

int ipif_finish(struct ipif_snap *s, const char *proc_root)
{
	char dir[512];

	dev_snmp6_dir(proc_root, dir, sizeof(dir));
	for (size_t i = 0; i < s->nlinks; i++) {
		if (s->links[i].inet6)
			read_stats6(&s->links[i], dir);
		if (s->links[i].inet)
			read_retrans4(&s->links[i], proc_root);
	}
	if (!index_all(s)) {
		ipif_clear(s);
		return -NLE_NOMEM;
	}
	return 0;
}

int ipif_build(struct rtnl_sock *sock, struct ipif_snap *s, const char *proc_root)
{
	int err;

	ipif_clear(s);
	if ((err = rtnl_dump(sock, RTM_GETLINK, AF_UNSPEC, ipif_msg, s)) < 0 ||
	    (err = rtnl_dump(sock, RTM_GETADDR, AF_UNSPEC, ipif_msg, s)) < 0) {
		ipif_clear(s);
		return err;
	}
	return ipif_finish(s, proc_root);
}

const struct ipif_link *ipif_link_of(const struct ipif_snap *s, uint32_t ifindex)
{
	struct ipif_link key = { .ifindex = ifindex };

	return s->nlinks ? bsearch(&key, s->links, s->nlinks, sizeof(key), cmp_link) : NULL;
}
