/*
 * inet_diag through libnl-3 (see conn_diag.h).
 *
 * libnl-idiag connects the socket, but its request helper only speaks the
 * old TCP-only request and builds a libnl object per socket.  So the
 * inet_diag_req_v2 message (TCP, UDP, SOCK_DESTROY) is built on libnl's
 * nl_msg, and each reply is read in the receive callback straight into the
 * snapshot's row array: no allocation per socket.
 */
#include "conn_diag.h"

#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netlink/errno.h>
#include <netlink/idiag/idiagnl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <string.h>

/*
 * Every state that is a connection or a listener: TCP_ESTABLISHED (1) to
 * TCP_NEW_SYN_RECV (12).  Not TCP_BOUND_INACTIVE (13): bound, never used.
 */
#define DIAG_STATES 0x1ffeu

/* Room for many replies per read: a dump of 100k sockets is fewer calls. */
#define DIAG_RECV_BUF (256 * 1024)

static int diag_socket(struct conn_diag *d)
{
	int err;

	if (d->sock)
		return 0;
	if (!(d->sock = nl_socket_alloc()))
		return -NLE_NOMEM;
	if ((err = idiagnl_connect(d->sock)) < 0) {
		nl_socket_free(d->sock);
		d->sock = NULL;
		return err;
	}
	nl_socket_set_msg_buf_size(d->sock, DIAG_RECV_BUF);
	nl_socket_set_buffer_size(d->sock, DIAG_RECV_BUF, 0);
	return 0;
}

void conn_diag_close(struct conn_diag *d)
{
	if (d->sock)
		nl_socket_free(d->sock);
	d->sock = NULL;
}

struct dump_ctx {
	struct conn_snapshot *snap;
	uint8_t family;
	uint8_t proto;
	bool oom;
};

/*
 * IPV6_V6ONLY of an AF_INET6 socket, which the kernel reports for
 * listeners and unconnected sockets (INET_DIAG_SKV6ONLY); false without it.
 */
static bool v6only(struct nlmsghdr *h)
{
	struct nlattr *tb[INET_DIAG_MAX + 1];

	if (nlmsg_parse(h, sizeof(struct inet_diag_msg), tb, INET_DIAG_MAX, NULL) < 0 ||
	    !tb[INET_DIAG_SKV6ONLY])
		return false;
	return nla_get_u8(tb[INET_DIAG_SKV6ONLY]) != 0;
}

static int on_socket(struct nl_msg *msg, void *arg)
{
	static const uint8_t any[16];
	struct dump_ctx *ctx = arg;
	struct nlmsghdr *h = nlmsg_hdr(msg);
	const struct inet_diag_msg *m = nlmsg_data(h);
	struct conn_row r = { .proto = ctx->proto };

	if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY || nlmsg_datalen(h) < (int)sizeof(*m) ||
	    m->idiag_family != ctx->family)
		return NL_SKIP;
	r.lport = ntohs(m->id.idiag_sport);
	r.rport = ntohs(m->id.idiag_dport);
	r.state = m->idiag_state;
	r.inode = m->idiag_inode;
	/* only a wildcard's answer matters: the attributes are parsed for it alone */
	conn_row_set_addrs(&r, m->idiag_family, (const uint8_t *)m->id.idiag_src,
			   (const uint8_t *)m->id.idiag_dst, m->id.idiag_if,
			   m->idiag_family == AF_INET6 && !memcmp(m->id.idiag_src, any, 16) &&
				   v6only(h));
	if (!conn_snapshot_add(ctx->snap, &r)) {
		ctx->oom = true;
		return NL_STOP;
	}
	return NL_OK;
}

/* Between dumps nothing is expected; a stray reply is dropped. */
static int ignore(struct nl_msg *msg, void *arg)
{
	(void)msg, (void)arg;
	return NL_SKIP;
}

static struct nl_msg *diag_request(int type, int flags, const struct inet_diag_req_v2 *req)
{
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags);

	if (msg && nlmsg_append(msg, (void *)req, sizeof(*req), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

static int dump_protocol(struct nl_sock *sock, struct conn_snapshot *s, uint8_t family,
			 uint8_t ipproto, uint8_t proto)
{
	struct inet_diag_req_v2 req = {
		.sdiag_family = family,
		.sdiag_protocol = ipproto,
		.idiag_states = DIAG_STATES,
	};
	struct dump_ctx ctx = { .snap = s, .family = family, .proto = proto };
	struct nl_msg *msg = diag_request(SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, &req);
	int err;

	if (!msg)
		return -NLE_NOMEM;
	err = nl_send_auto(sock, msg);
	nlmsg_free(msg);
	if (err < 0)
		return err;
	nl_socket_modify_cb(sock, NL_CB_VALID, NL_CB_CUSTOM, on_socket, &ctx);
	err = nl_recvmsgs_default(sock);
	nl_socket_modify_cb(sock, NL_CB_VALID, NL_CB_CUSTOM, ignore, NULL);
	if (ctx.oom)
		return -NLE_NOMEM;
	return err < 0 ? err : 0;
}

/*
 * Every socket is in exactly one dump: an AF_INET6 socket that carries IPv4
 * (v4-mapped) is in the AF_INET6 one.  inet_diag answers both families
 * whether IPv6 is enabled or not (an empty AF_INET6 dump then).
 */
static int dump_all(struct nl_sock *sock, struct conn_snapshot *s)
{
	static const struct {
		uint8_t family, ipproto, proto;
	} dumps[] = {
		{ AF_INET, IPPROTO_TCP, CONN_PROTO_TCP },
		{ AF_INET6, IPPROTO_TCP, CONN_PROTO_TCP },
		{ AF_INET, IPPROTO_UDP, CONN_PROTO_UDP },
		{ AF_INET6, IPPROTO_UDP, CONN_PROTO_UDP },
	};
	int err;

	for (size_t i = 0; i < sizeof(dumps) / sizeof(dumps[0]); i++)
		if ((err = dump_protocol(sock, s, dumps[i].family, dumps[i].ipproto,
					 dumps[i].proto)) < 0)
			return err;
	return 0;
}

int conn_diag_dump(struct conn_diag *d, struct conn_snapshot *s)
{
	int err;

	conn_snapshot_clear(s);
	if ((err = diag_socket(d)) < 0)
		return err;
	if ((err = dump_all(d->sock, s)) < 0) {
		/* a dump cut short leaves the socket mid-stream: start afresh */
		conn_diag_close(d);
		conn_snapshot_clear(s);
		return err;
	}
	if (!conn_snapshot_index(s)) {
		conn_snapshot_clear(s);
		return -NLE_NOMEM;
	}
	return 0;
}

int conn_diag_destroy(struct conn_diag *d, const struct conn_row *r)
{
	/* the socket's own family and addresses: v4-mapped ones stay mapped */
	struct inet_diag_req_v2 req = {
		.sdiag_family = r->family,
		.sdiag_protocol = IPPROTO_TCP,
		.idiag_states = DIAG_STATES,
		.id = {
			.idiag_sport = htons(r->lport),
			.idiag_dport = htons(r->rport),
			.idiag_if = r->ifindex,
			.idiag_cookie = { INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE },
		},
	};
	struct nl_msg *msg;
	int err;

	if (diag_socket(d) < 0)
		return -ENOMEM;
	conn_row_socket_addrs(r, (uint8_t *)req.id.idiag_src, (uint8_t *)req.id.idiag_dst);
	if (!(msg = diag_request(SOCK_DESTROY, NLM_F_REQUEST | NLM_F_ACK, &req)))
		return -ENOMEM;
	err = nl_send_auto(d->sock, msg);
	nlmsg_free(msg);
	if (err >= 0)
		err = nl_wait_for_ack(d->sock);
	if (err >= 0)
		return 0;
	/* libnl folds errno into its own codes; these are the ones that matter. */
	switch (-err) {
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_PERM:
		return -EPERM;
	case NLE_OPNOTSUPP:
		return -EOPNOTSUPP;
	default:
		return -EIO;
	}
}
