/*
 * The interfaces and addresses of a network namespace, from one build:
 * rtnetlink's links (with their IPv4 and IPv6 per-device data) and
 * addresses, and the IPv6 per-interface counters of /proc/net/dev_snmp6.
 * Over them, as tables of the engine: IP-MIB's ipAddressTable,
 * ipAddressPrefixTable, ipAddrTable, ipv4InterfaceTable,
 * ipv6InterfaceTable, ipIfStatsTable and ipv6ScopeZoneIndexTable, their
 * LastChange scalars, and IF-MIB's ifNumber, ifTable and ifXTable (served
 * in namespace contexts only: the default context keeps snmpd's IF-MIB).
 */
#ifndef IPSTACK_IPIF_H
#define IPSTACK_IPIF_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "table_def.h"
#include "table_set.h"

/* The IPv6 per-interface counters kept, by ipIfStats column (ipif.c). */
#define IPIF_STATS6 31

struct ipif_link {
	uint32_t ifindex;
	char name[IFNAMSIZ];
	char alias[64];
	uint16_t type; /* ARPHRD_* */
	uint32_t mtu;
	uint32_t flags; /* IFF_* */
	uint8_t operstate; /* IF_OPER_* */
	uint8_t addr[32];
	uint8_t addr_len;
	bool have_stats;
	uint64_t rx_packets, tx_packets, rx_bytes, tx_bytes, rx_errors, tx_errors;
	uint64_t rx_dropped, tx_dropped, multicast, rx_nohandler;
	bool inet; /* has an IPv4 configuration */
	bool inet6; /* has an IPv6 configuration */
	int32_t inet6_forwarding;
	int32_t inet6_disabled; /* disable_ipv6 */
	uint32_t reachable_ms, retrans_ms; /* IPv6 neighbour discovery */
	uint32_t retrans4_ms; /* IPv4 neighbour retransmit time */
	uint8_t ident[8]; /* the interface identifier: the token, else the
			   * low 64 bits of the link-local address */
	bool have_ident;
	uint8_t token[16];
	bool have_token;
	bool have_stats6; /* /proc/net/dev_snmp6/NAME was read */
	uint64_t stats6[IPIF_STATS6];
	uint64_t stats6_present; /* bit i: stats6[i] was printed */
};

/* InetAddressType (RFC 4001) */
enum { IPIF_IPV4 = 1, IPIF_IPV6 = 2, IPIF_IPV6Z = 4 };

struct ipif_addr {
	uint8_t family; /* AF_INET, AF_INET6 */
	uint8_t type; /* the address's InetAddressType: ipv6z when link-local */
	uint8_t prefixlen;
	uint8_t kind; /* ipAddressType: unicast(1), broadcast(3) */
	uint32_t ifindex;
	uint8_t addr[16];
	uint32_t flags; /* IFA_F_* */
	uint32_t preferred_s, valid_s; /* lifetimes: 0xffffffff is forever */
	uint32_t cstamp, tstamp; /* created, last changed: cs since boot */
};

struct ipif_prefix {
	uint32_t ifindex;
	uint8_t type; /* InetAddressType, as its addresses' */
	uint8_t prefix[16];
	uint8_t len;
	uint8_t origin; /* ipAddressPrefixOrigin */
	bool onlink, autonomous;
	uint32_t preferred_s, valid_s;
};

/* A table's rows: positions into one of the arrays, in index order. */
struct ipif_order {
	uint32_t *pos;
	size_t n, cap, hint;
};

enum ipif_table {
	IPIF_ADDRESS, /* ipAddressTable */
	IPIF_ADDR4, /* ipAddrTable */
	IPIF_PREFIX, /* ipAddressPrefixTable */
	IPIF_IF4, /* ipv4InterfaceTable */
	IPIF_IF6, /* ipv6InterfaceTable, ipv6ScopeZoneIndexTable */
	IPIF_STATS, /* ipIfStatsTable */
	IPIF_IF, /* ifTable, ifXTable */
	IPIF_TABLES,
};

struct ipif_snap {
	struct ipif_link *links; /* sorted by ifindex */
	size_t nlinks, links_cap;
	struct ipif_addr *addrs; /* sorted by ipAddressTable's index */
	size_t naddrs, addrs_cap;
	struct ipif_prefix *prefixes; /* sorted by ipAddressPrefixTable's index */
	size_t nprefixes, prefixes_cap;
	struct ipif_order tables[IPIF_TABLES];
	/* when a row of the table last came or went (the builder's count,
	 * ipif_tables.c), on the monotonic clock; 0: not since start */
	uint32_t changed_cs[IPIF_TABLES];
};

/*
 * Fill `s` from the calling thread's namespace: links, addresses, and each
 * IPv6 interface's dev_snmp6 file below `proc_root` (/proc: the thread's
 * own, /proc/thread-self/net).  0 or a negative libnl error.
 */
struct rtnl_sock;
int ipif_build(struct rtnl_sock *sock, struct ipif_snap *s, const char *proc_root);
void ipif_snap_free(struct ipif_snap *s);

/* The build in steps, for replies captured elsewhere (the unit tests):
 * empty `s`, add each RTM_NEWLINK and RTM_NEWADDR message (0, or a
 * negative libnl error), then read the files and order the rows. */
struct nlmsghdr;
void ipif_clear(struct ipif_snap *s);
int ipif_msg(const struct nlmsghdr *h, void *snap);
int ipif_finish(struct ipif_snap *s, const char *proc_root);

/* The kernel's name of stats6[i] (dev_snmp6), NULL past the last. */
const char *ipif_stats6_name(size_t i);
/* The prefix row unicast address `a` belongs to. */
void ipif_prefix_of(const struct ipif_addr *a, struct ipif_prefix *p);
/* The link with this ifindex, or NULL. */
const struct ipif_link *ipif_link_of(const struct ipif_snap *s, uint32_t ifindex);

/*
 * What a writable column sets: the interface's tunable
 * net/ipv6/conf/<name>/<file>, and whether its 1 (up, forwarding) writes 0.
 */
struct ipif_tunable {
	const char *file;
	bool inverted;
	const char *one, *two; /* the names of 1 and 2 */
};
/* NULL for a read-only column. */
const struct ipif_tunable *ipif_column_tunable(const struct table_column *col);

/* The engine's view of the source (ipif_tables.c). */
extern const struct table_source ipif_source;

#endif
