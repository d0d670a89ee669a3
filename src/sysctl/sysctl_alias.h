/*
 * Entries that change together.  Some writes change more files than the
 * one written (read in the kernel: net/ipv4/devinet.c,
 * net/core/neighbour.c, net/ipv4/tcp_cong.c, net/ipv6/addrconf.c):
 *
 *   ip_forward, conf/all/forwarding   every conf/<any>/forwarding, ip_forward
 *                                     and conf/all/accept_redirects (set to
 *                                     the opposite: inet_forward_change)
 *   conf/default/<name>               conf/<dev>/<name> of every device that
 *                                     never set its own (devinet_copy_dflt_conf)
 *   neigh/default/<name>              neigh/<dev>/<name> likewise
 *                                     (neigh_copy_dflt_parms)
 *   tcp_congestion_control            tcp_allowed_congestion_control (the new
 *                                     default becomes allowed)
 *   ipv6/conf/all/forwarding          ipv6/conf/<any>/forwarding: default and
 *                                     every device (net/ipv6/addrconf.c,
 *                                     addrconf_fixup_forwarding); IPv6 has no
 *                                     default-to-device copy after creation
 *   ipv6/conf/all/disable_ipv6,       the same name under default and every
 *     addr_gen_mode,                  device (addrconf_disable_ipv6,
 *     ignore_routes_with_linkdown     addrconf_sysctl_addr_gen_mode,
 *                                     addrconf_fixup_linkdown)
 *   ipv6/conf/all/force_forwarding    every device's, not default's
 *                                     (addrconf_force_forward_change)
 *   ipv6/neigh/default/<name>         ipv6/neigh/<dev>/<name> (neighbour.c
 *                                     is shared with IPv4)
 *
 * The lists are a superset where the kernel decides per device: the policy
 * asks every file that may change, undo restores only what did.
 */
#ifndef IPSTACK_SYSCTL_ALIAS_H
#define IPSTACK_SYSCTL_ALIAS_H

#include <stddef.h>

#include "sysctl_tree.h"

/* A write that may change more entries than this is refused. */
#define SYSCTL_ALIAS_MAX 4096

/*
 * Call `fn` for each entry of `t`, other than `path` itself, that a write
 * of `path` may change.  Returns how many.
 */
size_t sysctl_aliases(struct sysctl_tree *t, const char *path,
		      void (*fn)(void *ctx, struct sysctl_entry *e), void *ctx);

#endif
