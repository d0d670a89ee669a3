/* Dumps over rtnetlink (see rtnl_dump.h). */
#include "rtnl_dump.h"

#include <linux/rtnetlink.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <stdlib.h>
#include <time.h>

/* A large table arrives in many datagrams: a generous receive buffer. */
#define RTNL_RECV_BUF (1024 * 1024)

static int rtnl_socket(struct rtnl_sock *s)
{
	int err;

	if (s->sock)
		return 0;
	if (!(s->sock = nl_socket_alloc()))
		return -NLE_NOMEM;
	if ((err = nl_connect(s->sock, NETLINK_ROUTE)) < 0) {
		nl_socket_free(s->sock);
		s->sock = NULL;
		return err;
	}
	nl_socket_set_msg_buf_size(s->sock, 64 * 1024);
	nl_socket_set_buffer_size(s->sock, RTNL_RECV_BUF, 0);
	return 0;
}

void rtnl_close(struct rtnl_sock *s)
{
	if (s->sock)
		nl_socket_free(s->sock);
	s->sock = NULL;
}

struct dispatch {
	rtnl_msg_fn fn;
	void *ctx;
	int err;
};

static int on_msg(struct nl_msg *msg, void *arg)
{
	struct dispatch *d = arg;

	if ((d->err = d->fn(nlmsg_hdr(msg), d->ctx)) < 0)
		return NL_STOP;
	return NL_OK;
}

/* The request's header: the type's own, zero but for the family (its first
 * byte in each), as a kernel checking dump requests strictly wants it. */
static size_t header_len(int type)
{
	switch (type) {
	case RTM_GETLINK:
		return sizeof(struct ifinfomsg);
	case RTM_GETADDR:
		return sizeof(struct ifaddrmsg);
	case RTM_GETNEIGH:
		return sizeof(struct ndmsg);
	case RTM_GETROUTE:
		return sizeof(struct rtmsg);
	default:
		return sizeof(struct rtgenmsg);
	}
}

static int request(struct nl_sock *sock, int type, int family)
{
	unsigned char hdr[sizeof(struct ifinfomsg)] = { (unsigned char)family };
	struct nl_msg *msg = nlmsg_alloc_simple(type, NLM_F_REQUEST | NLM_F_DUMP);
	int err;

	if (!msg)
		return -NLE_NOMEM;
	err = nlmsg_append(msg, hdr, header_len(type), NLMSG_ALIGNTO);
	if (err >= 0)
		err = nl_send_auto(sock, msg);
	nlmsg_free(msg);
	return err < 0 ? err : 0;
}

int rtnl_dump(struct rtnl_sock *s, int type, int family, rtnl_msg_fn fn, void *ctx)
{
	struct dispatch d = { fn, ctx, 0 };
	int err;

	if ((err = rtnl_socket(s)) < 0)
		return err;
	if ((err = request(s->sock, type, family)) < 0)
		goto fail;
	nl_socket_modify_cb(s->sock, NL_CB_VALID, NL_CB_CUSTOM, on_msg, &d);
	err = nl_recvmsgs_default(s->sock);
	if (err >= 0 && d.err < 0)
		err = d.err;
	if (err >= 0)
		return 0;
fail:
	rtnl_close(s);
	return err;
}

void *rtnl_builder_new(void)
{
	return calloc(1, sizeof(struct rtnl_sock));
}

void rtnl_builder_free(void *builder)
{
	rtnl_close(builder);
	free(builder);
}

int rtnl_feed(const void *buf, size_t len, rtnl_msg_fn fn, void *ctx)
{
	const struct nlmsghdr *h = buf;
	int rem = len > INT32_MAX ? INT32_MAX : (int)len, err;

	for (; nlmsg_ok(h, rem); h = nlmsg_next((struct nlmsghdr *)h, &rem)) {
		if (h->nlmsg_type == NLMSG_DONE)
			return 0;
		if ((err = fn(h, ctx)) < 0)
			return err;
	}
	return rem ? -NLE_MSG_TRUNC : 0;
}

const char *rtnl_strerror(int err)
{
	return nl_geterror(err);
}

uint32_t rtnl_uptime_cs(void)
{
	struct timespec ts;

	/* the kernel's jiffies-based stamps stop in suspend, as this clock does */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)(ts.tv_sec * 100 + ts.tv_nsec / 10000000);
}
