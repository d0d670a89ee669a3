/*
 * Dumps over the kernel's rtnetlink (links, addresses, neighbours), through
 * libnl's socket and message layer only: no libnl caches (net-snmp's
 * address tables spend most of their time in libnl cache hashing with
 * thousands of addresses).  Each message is handed to a function that
 * reads its attributes into a row.
 *
 * Folder src/rtnl/: the IP-MIB tables read from rtnetlink, as sources of
 * the table engine; includes src/util/, src/netns/, src/table/ and
 * src/store/ (the proc-file parser, for /proc/net/dev_snmp6), never a
 * net-snmp header.
 */
#ifndef IPSTACK_RTNL_DUMP_H
#define IPSTACK_RTNL_DUMP_H

#include <stddef.h>
#include <stdint.h>

struct nl_sock;
struct nlmsghdr;

/* One netlink socket of the namespace it was first used in. */
struct rtnl_sock {
	struct nl_sock *sock;
};

/* Called for each message of a dump; 0 to go on, a negative error to stop. */
typedef int (*rtnl_msg_fn)(const struct nlmsghdr *h, void *ctx);

/*
 * Dump `type` (RTM_GETLINK, RTM_GETADDR, RTM_GETNEIGH ...) of `family`
 * (AF_UNSPEC: all).  0, or a negative libnl error code (the socket is then
 * closed: a dump cut short leaves it mid-stream).
 */
int rtnl_dump(struct rtnl_sock *s, int type, int family, rtnl_msg_fn fn, void *ctx);
void rtnl_close(struct rtnl_sock *s);
/* A table source's builder that is just a socket (table_source's
 * builder_new and builder_free). */
void *rtnl_builder_new(void);
void rtnl_builder_free(void *builder);
/* The messages of a dump captured in `buf`, as rtnl_dump() hands them on. */
int rtnl_feed(const void *buf, size_t len, rtnl_msg_fn fn, void *ctx);
const char *rtnl_strerror(int err);

/* The clock of the kernel's timestamps: hundredths of a second, monotonic. */
uint32_t rtnl_uptime_cs(void);

#endif
