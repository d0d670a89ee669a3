/*
 * The kernel's sockets over its inet_diag netlink interface, through
 * libnl-3: one dump per protocol into a conn_snapshot, and SOCK_DESTROY
 * for deleteTCB.  Never /proc/net/tcp.
 */
#ifndef IPSTACK_CONN_DIAG_H
#define IPSTACK_CONN_DIAG_H

#include "conn_table.h"

struct nl_sock;

/*
 * One netlink socket: the sockets it dumps are those of the network
 * namespace it was created in (the first call creates it).
 */
struct conn_diag {
	struct nl_sock *sock;
};

/*
 * Replace the snapshot's rows with the TCP and UDP sockets, IPv4 and IPv6,
 * of the netlink socket's network namespace, indexed.  0, or a negative libnl
 * error code (the snapshot is then empty).
 */
int conn_diag_dump(struct conn_diag *d, struct conn_snapshot *s);

/* Ask the kernel to destroy the TCP socket with this exact 4-tuple.  0 or -errno. */
int conn_diag_destroy(struct conn_diag *d, const struct conn_row *r);

/* Close the netlink socket (at exit). */
void conn_diag_close(struct conn_diag *d);

#endif
