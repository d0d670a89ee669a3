/* Building the neighbours of a namespace (see neigh.h). */
#include "neigh.h"

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "grow_array.h"
#include "rtnl_dump.h"

int neigh_msg(const struct nlmsghdr *h, struct neigh_snap *s, uint32_t now_cs)
{
	const struct ndmsg *nd = nlmsg_data(h);
	struct nlattr *tb[NDA_MAX + 1];
	struct neigh_row *r;
	size_t alen;

	if (h->nlmsg_type != RTM_NEWNEIGH || nlmsg_datalen(h) < (int)sizeof(*nd) ||
	    nlmsg_parse((struct nlmsghdr *)h, sizeof(*nd), tb, NDA_MAX, NULL) < 0 ||
	    (nd->ndm_family != AF_INET && nd->ndm_family != AF_INET6) || !tb[NDA_DST])
		return 0;
	alen = nd->ndm_family == AF_INET ? 4 : 16;
	if (nla_len(tb[NDA_DST]) < (int)alen)
		return 0;
	if (!grow_array((void **)&s->rows, &s->cap, s->n + 1, sizeof(*s->rows), 64))
		return -NLE_NOMEM;
	r = &s->rows[s->n++];
	*r = (struct neigh_row){ .ifindex = (uint32_t)nd->ndm_ifindex,
				 .updated_cs = now_cs,
				 .state = nd->ndm_state,
				 .family = nd->ndm_family };
	memcpy(r->addr, nla_data(tb[NDA_DST]), alen);
	if (tb[NDA_LLADDR] && nla_len(tb[NDA_LLADDR]) <= (int)sizeof(r->lladdr)) {
		r->lladdr_len = (uint8_t)nla_len(tb[NDA_LLADDR]);
		memcpy(r->lladdr, nla_data(tb[NDA_LLADDR]), r->lladdr_len);
	}
	/* how long ago it was updated, in USER_HZ (100) ticks */
	if (tb[NDA_CACHEINFO] && nla_len(tb[NDA_CACHEINFO]) >= (int)sizeof(struct nda_cacheinfo)) {
		const struct nda_cacheinfo *ci = nla_data(tb[NDA_CACHEINFO]);

		r->updated_cs = now_cs - ci->ndm_updated; /* modulo 2^32, as the kernel's */
	}
	return 0;
}

/* ipNetToPhysicalTable's order: ifIndex, address type (ipv4 1, ipv6 2),
 * then the address (its length is the type's). */
static int cmp_row(const void *x, const void *y)
{
	const struct neigh_row *a = x, *b = y;

	if (a->ifindex != b->ifindex)
		return a->ifindex < b->ifindex ? -1 : 1;
	if (a->family != b->family)
		return a->family == AF_INET ? -1 : 1;
	return memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

int neigh_finish(struct neigh_snap *s)
{
	if (s->n > 1)
		qsort(s->rows, s->n, sizeof(*s->rows), cmp_row);
	/* the IPv4 rows in the same order are ipNetToMediaTable's (ifIndex,
	 * then the address) */
	for (size_t i = 0; i < s->n; i++) {
		if (s->rows[i].family != AF_INET)
			continue;
		if (!grow_array((void **)&s->v4, &s->cap4, s->n4 + 1, sizeof(*s->v4), 64)) {
			neigh_clear(s);
			return -NLE_NOMEM;
		}
		s->v4[s->n4++] = (uint32_t)i;
	}
	return 0;
}

void neigh_clear(struct neigh_snap *s)
{
	s->n = s->n4 = s->hint = s->hint4 = 0;
}

void neigh_snap_free(struct neigh_snap *s)
{
	free(s->rows);
	free(s->v4);
	*s = (struct neigh_snap){ 0 };
}

struct dump {
	struct neigh_snap *s;
	uint32_t now_cs;
};

static int on_msg(const struct nlmsghdr *h, void *ctx)
{
	struct dump *d = ctx;

	return neigh_msg(h, d->s, d->now_cs);
}

int neigh_build(struct rtnl_sock *sock, struct neigh_snap *s)
{
	struct dump d = { s, rtnl_uptime_cs() };
	int err;

	neigh_clear(s);
	/* family by family: AF_UNSPEC would dump bridges' forwarding entries too */
	if ((err = rtnl_dump(sock, RTM_GETNEIGH, AF_INET, on_msg, &d)) < 0 ||
	    (err = rtnl_dump(sock, RTM_GETNEIGH, AF_INET6, on_msg, &d)) < 0) {
		neigh_clear(s);
		return err;
	}
	return neigh_finish(s);
}
