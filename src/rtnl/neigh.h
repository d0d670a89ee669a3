/*
 * The neighbours of a network namespace (ARP and neighbour discovery), from
 * one RTM_GETNEIGH dump, as what `ip -j neigh show nud all` lists; over
 * them, IP-MIB's ipNetToPhysicalTable and the IPv4 ipNetToMediaTable.
 */
#ifndef IPSTACK_NEIGH_H
#define IPSTACK_NEIGH_H

#include <stddef.h>
#include <stdint.h>

#include "table_set.h"

struct neigh_row {
	uint32_t ifindex;
	uint32_t updated_cs; /* last updated: the monotonic clock, hundredths */
	uint16_t state; /* NUD_* */
	uint8_t family; /* AF_INET, AF_INET6 */
	uint8_t lladdr_len;
	uint8_t addr[16];
	uint8_t lladdr[32]; /* MAX_ADDR_LEN */
};

struct neigh_snap {
	struct neigh_row *rows; /* in ipNetToPhysicalTable's index order */
	size_t n, cap, hint;
	uint32_t *v4; /* the IPv4 rows: ipNetToMediaTable */
	size_t n4, cap4, hint4;
};

struct rtnl_sock;
/* Fill `s` from the calling thread's namespace: 0 or a negative libnl error. */
int neigh_build(struct rtnl_sock *sock, struct neigh_snap *s);
void neigh_snap_free(struct neigh_snap *s);

/* The build in steps, for replies captured elsewhere (the unit tests):
 * empty `s`, add each RTM_NEWNEIGH message read at `now_cs`, then order. */
struct nlmsghdr;
void neigh_clear(struct neigh_snap *s);
int neigh_msg(const struct nlmsghdr *h, struct neigh_snap *s, uint32_t now_cs);
int neigh_finish(struct neigh_snap *s);

/* The engine's view of the source (neigh_tables.c). */
extern const struct table_source neigh_source;

#endif
