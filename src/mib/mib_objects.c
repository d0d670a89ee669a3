/*
 * The standard objects we serve: one row per object instance, in OID order,
 * naming the kernel field behind it.  Counter32 objects carry the low 32 bits
 * of the kernel's 64-bit counter and Counter64 (HC) objects the full value.
 * A field the running kernel does not print leaves its object absent.
 *
 * OIDs are relative to mib-2 (1.3.6.1.2.1): IP-MIB (RFC 4293), the ICMP
 * group and tables (RFC 4293), TCP-MIB (RFC 4022), UDP-MIB (RFC 4113).
 */
#include "mib_objects.h"

#include <string.h>

#define O(...) { __VA_ARGS__ }, (uint8_t)(sizeof((oid[]){ __VA_ARGS__ }) / sizeof(oid))
#define SNMP(sec, f) MIB_SRC_PROC, COUNTER_FILE_SNMP, sec, f, NULL, NULL, NULL
/* A SET of the object writes this tunable (below net/ipv4). */
#define SNMP_WRITES(sec, f, tunable) MIB_SRC_PROC, COUNTER_FILE_SNMP, sec, f, NULL, tunable, NULL
/* The field, plus another file's where the kernel prints it. */
#define SNMP_PLUS(sec, f, term) MIB_SRC_PROC, COUNTER_FILE_SNMP, sec, f, NULL, NULL, &(term)
#define NETSTAT(sec, f) MIB_SRC_PROC, COUNTER_FILE_NETSTAT, sec, f, NULL, NULL, NULL
#define SUM(sec, a, b) MIB_SRC_SUM, COUNTER_FILE_SNMP, sec, a, b, NULL, NULL
#define SYSCTL(path) MIB_SRC_SYSCTL, COUNTER_FILE_SNMP, NULL, path, NULL, NULL, NULL
#define SYSCTL_WRITES(path, tunable)                                                               \
	MIB_SRC_SYSCTL, COUNTER_FILE_SNMP, NULL, path, NULL, tunable, NULL
#define AGENT(src) src, COUNTER_FILE_SNMP, NULL, NULL, NULL, NULL, NULL
/* net/snmp6 has no sections: every line is "Name value". */
#define SNMP6(f) MIB_SRC_PROC, COUNTER_FILE_SNMP6, "", f, NULL, NULL, NULL
#define SNMP6_PLUS(f, term) MIB_SRC_PROC, COUNTER_FILE_SNMP6, "", f, NULL, NULL, &(term)
#define SUM6(a, b) MIB_SRC_SUM, COUNTER_FILE_SNMP6, "", a, b, NULL, NULL
/* The agent's value, in a row that exists only where the file does. */
#define AGENT6(src) src, COUNTER_FILE_SNMP6, NULL, NULL, NULL, NULL, NULL

/*
 * RFC 4293's InForwDatagrams counts every datagram for which a route was
 * sought: Linux counts the found ones (ForwDatagrams, Ip6OutForwDatagrams)
 * and the others (IpExt InNoRoutes, Ip6InNoRoutes) apart.  RFC 4113's UDP counters are IP-version
 * neutral: Udp plus net/snmp6's Udp6, as snmpd's own module sums them.
 */
static const struct mib_term in_no_routes = { COUNTER_FILE_NETSTAT, "IpExt", "InNoRoutes" };
static const struct mib_term udp6_in = { COUNTER_FILE_SNMP6, "", "Udp6InDatagrams" };
static const struct mib_term udp6_no_ports = { COUNTER_FILE_SNMP6, "", "Udp6NoPorts" };
static const struct mib_term udp6_in_errors = { COUNTER_FILE_SNMP6, "", "Udp6InErrors" };
static const struct mib_term udp6_out = { COUNTER_FILE_SNMP6, "", "Udp6OutDatagrams" };
static const struct mib_term in_no_routes6 = { COUNTER_FILE_SNMP6, "", "Ip6InNoRoutes" };
/* ipSystemStatsEntry and icmpStatsEntry column, row ipv4(1) or ipv6(2) */
#define SYSSTAT(col, ver) O(4, 31, 1, 1, col, ver)
#define ICMPSTAT(col, ver) O(5, 29, 1, col, ver)

/* clang-format off: one row per object, one line per row */
static const struct mib_object objects[] = {
	{ O(4, 1, 0), MIB_KIND_FORWARDING, SNMP_WRITES("Ip", "Forwarding", "ip_forward") },
	{ O(4, 2, 0), MIB_KIND_INTEGER, SNMP_WRITES("Ip", "DefaultTTL", "ip_default_ttl") },
	{ O(4, 3, 0), MIB_KIND_COUNTER32, SNMP("Ip", "InReceives") },
	{ O(4, 4, 0), MIB_KIND_COUNTER32, SNMP("Ip", "InHdrErrors") },
	{ O(4, 5, 0), MIB_KIND_COUNTER32, SNMP("Ip", "InAddrErrors") },
	{ O(4, 6, 0), MIB_KIND_COUNTER32, SNMP("Ip", "ForwDatagrams") },
	{ O(4, 7, 0), MIB_KIND_COUNTER32, SNMP("Ip", "InUnknownProtos") },
	{ O(4, 8, 0), MIB_KIND_COUNTER32, SNMP("Ip", "InDiscards") },
	{ O(4, 9, 0), MIB_KIND_COUNTER32, SNMP("Ip", "InDelivers") },
	{ O(4, 10, 0), MIB_KIND_COUNTER32, SNMP("Ip", "OutRequests") },
	{ O(4, 11, 0), MIB_KIND_COUNTER32, SNMP("Ip", "OutDiscards") },
	{ O(4, 12, 0), MIB_KIND_COUNTER32, SNMP("Ip", "OutNoRoutes") },
	/* The RFC's ipReasmTimeout is the hold time in seconds, which Linux
	 * keeps in ipfrag_time; the Ip ReasmTimeout field counts timeouts. */
	{ O(4, 13, 0), MIB_KIND_INTEGER, SYSCTL("sys/net/ipv4/ipfrag_time") },
	{ O(4, 14, 0), MIB_KIND_COUNTER32, SNMP("Ip", "ReasmReqds") },
	{ O(4, 15, 0), MIB_KIND_COUNTER32, SNMP("Ip", "ReasmOKs") },
	{ O(4, 16, 0), MIB_KIND_COUNTER32, SNMP("Ip", "ReasmFails") },
	{ O(4, 17, 0), MIB_KIND_COUNTER32, SNMP("Ip", "FragOKs") },
	{ O(4, 18, 0), MIB_KIND_COUNTER32, SNMP("Ip", "FragFails") },
	{ O(4, 19, 0), MIB_KIND_COUNTER32, SNMP("Ip", "FragCreates") },
	/* all/forwarding: the kernel sets default's and every device's with it.
	 * default/hop_limit: what each interface starts with (README). */
	{ O(4, 25, 0), MIB_KIND_FORWARDING_FLAG,
	  SYSCTL_WRITES("sys/net/ipv6/conf/all/forwarding", "ipv6/conf/all/forwarding") },
	{ O(4, 26, 0), MIB_KIND_INTEGER,
	  SYSCTL_WRITES("sys/net/ipv6/conf/default/hop_limit", "ipv6/conf/default/hop_limit") },
	{ SYSSTAT(3, 1), MIB_KIND_COUNTER32, SNMP("Ip", "InReceives") },
	{ SYSSTAT(3, 2), MIB_KIND_COUNTER32, SNMP6("Ip6InReceives") },
	{ SYSSTAT(4, 1), MIB_KIND_COUNTER64, SNMP("Ip", "InReceives") },
	{ SYSSTAT(4, 2), MIB_KIND_COUNTER64, SNMP6("Ip6InReceives") },
	{ SYSSTAT(5, 1), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InOctets") },
	{ SYSSTAT(5, 2), MIB_KIND_COUNTER32, SNMP6("Ip6InOctets") },
	{ SYSSTAT(6, 1), MIB_KIND_COUNTER64, NETSTAT("IpExt", "InOctets") },
	{ SYSSTAT(6, 2), MIB_KIND_COUNTER64, SNMP6("Ip6InOctets") },
	{ SYSSTAT(7, 1), MIB_KIND_COUNTER32, SNMP("Ip", "InHdrErrors") },
	{ SYSSTAT(7, 2), MIB_KIND_COUNTER32, SNMP6("Ip6InHdrErrors") },
	{ SYSSTAT(8, 1), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InNoRoutes") },
	{ SYSSTAT(8, 2), MIB_KIND_COUNTER32, SNMP6("Ip6InNoRoutes") },
	{ SYSSTAT(9, 1), MIB_KIND_COUNTER32, SNMP("Ip", "InAddrErrors") },
	{ SYSSTAT(9, 2), MIB_KIND_COUNTER32, SNMP6("Ip6InAddrErrors") },
	{ SYSSTAT(10, 1), MIB_KIND_COUNTER32, SNMP("Ip", "InUnknownProtos") },
	{ SYSSTAT(10, 2), MIB_KIND_COUNTER32, SNMP6("Ip6InUnknownProtos") },
	{ SYSSTAT(11, 1), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InTruncatedPkts") },
	{ SYSSTAT(11, 2), MIB_KIND_COUNTER32, SNMP6("Ip6InTruncatedPkts") },
	/* In: every datagram a route was sought for (found or not); Out: the
	 * forwarded ones, Linux's one forwarding counter. */
	{ SYSSTAT(12, 1), MIB_KIND_COUNTER32, SNMP_PLUS("Ip", "ForwDatagrams", in_no_routes) },
	{ SYSSTAT(12, 2), MIB_KIND_COUNTER32, SNMP6_PLUS("Ip6OutForwDatagrams", in_no_routes6) },
	{ SYSSTAT(13, 1), MIB_KIND_COUNTER64, SNMP_PLUS("Ip", "ForwDatagrams", in_no_routes) },
	{ SYSSTAT(13, 2), MIB_KIND_COUNTER64, SNMP6_PLUS("Ip6OutForwDatagrams", in_no_routes6) },
	{ SYSSTAT(14, 1), MIB_KIND_COUNTER32, SNMP("Ip", "ReasmReqds") },
	{ SYSSTAT(14, 2), MIB_KIND_COUNTER32, SNMP6("Ip6ReasmReqds") },
	{ SYSSTAT(15, 1), MIB_KIND_COUNTER32, SNMP("Ip", "ReasmOKs") },
	{ SYSSTAT(15, 2), MIB_KIND_COUNTER32, SNMP6("Ip6ReasmOKs") },
	{ SYSSTAT(16, 1), MIB_KIND_COUNTER32, SNMP("Ip", "ReasmFails") },
	{ SYSSTAT(16, 2), MIB_KIND_COUNTER32, SNMP6("Ip6ReasmFails") },
	{ SYSSTAT(17, 1), MIB_KIND_COUNTER32, SNMP("Ip", "InDiscards") },
	{ SYSSTAT(17, 2), MIB_KIND_COUNTER32, SNMP6("Ip6InDiscards") },
	{ SYSSTAT(18, 1), MIB_KIND_COUNTER32, SNMP("Ip", "InDelivers") },
	{ SYSSTAT(18, 2), MIB_KIND_COUNTER32, SNMP6("Ip6InDelivers") },
	{ SYSSTAT(19, 1), MIB_KIND_COUNTER64, SNMP("Ip", "InDelivers") },
	{ SYSSTAT(19, 2), MIB_KIND_COUNTER64, SNMP6("Ip6InDelivers") },
	{ SYSSTAT(20, 1), MIB_KIND_COUNTER32, SNMP("Ip", "OutRequests") },
	{ SYSSTAT(20, 2), MIB_KIND_COUNTER32, SNMP6("Ip6OutRequests") },
	{ SYSSTAT(21, 1), MIB_KIND_COUNTER64, SNMP("Ip", "OutRequests") },
	{ SYSSTAT(21, 2), MIB_KIND_COUNTER64, SNMP6("Ip6OutRequests") },
	{ SYSSTAT(22, 1), MIB_KIND_COUNTER32, SNMP("Ip", "OutNoRoutes") },
	{ SYSSTAT(22, 2), MIB_KIND_COUNTER32, SNMP6("Ip6OutNoRoutes") },
	{ SYSSTAT(23, 1), MIB_KIND_COUNTER32, SNMP("Ip", "ForwDatagrams") },
	{ SYSSTAT(23, 2), MIB_KIND_COUNTER32, SNMP6("Ip6OutForwDatagrams") },
	{ SYSSTAT(24, 1), MIB_KIND_COUNTER64, SNMP("Ip", "ForwDatagrams") },
	{ SYSSTAT(24, 2), MIB_KIND_COUNTER64, SNMP6("Ip6OutForwDatagrams") },
	{ SYSSTAT(25, 1), MIB_KIND_COUNTER32, SNMP("Ip", "OutDiscards") },
	{ SYSSTAT(25, 2), MIB_KIND_COUNTER32, SNMP6("Ip6OutDiscards") },
	/* Every datagram that needed fragmenting either succeeded or failed. */
	{ SYSSTAT(26, 1), MIB_KIND_COUNTER32, SUM("Ip", "FragOKs", "FragFails") },
	{ SYSSTAT(26, 2), MIB_KIND_COUNTER32, SUM6("Ip6FragOKs", "Ip6FragFails") },
	{ SYSSTAT(27, 1), MIB_KIND_COUNTER32, SNMP("Ip", "FragOKs") },
	{ SYSSTAT(27, 2), MIB_KIND_COUNTER32, SNMP6("Ip6FragOKs") },
	{ SYSSTAT(28, 1), MIB_KIND_COUNTER32, SNMP("Ip", "FragFails") },
	{ SYSSTAT(28, 2), MIB_KIND_COUNTER32, SNMP6("Ip6FragFails") },
	{ SYSSTAT(29, 1), MIB_KIND_COUNTER32, SNMP("Ip", "FragCreates") },
	{ SYSSTAT(29, 2), MIB_KIND_COUNTER32, SNMP6("Ip6FragCreates") },
	{ SYSSTAT(30, 1), MIB_KIND_COUNTER32, SNMP("Ip", "OutTransmits") },
	{ SYSSTAT(30, 2), MIB_KIND_COUNTER32, SNMP6("Ip6OutTransmits") },
	{ SYSSTAT(31, 1), MIB_KIND_COUNTER64, SNMP("Ip", "OutTransmits") },
	{ SYSSTAT(31, 2), MIB_KIND_COUNTER64, SNMP6("Ip6OutTransmits") },
	{ SYSSTAT(32, 1), MIB_KIND_COUNTER32, NETSTAT("IpExt", "OutOctets") },
	{ SYSSTAT(32, 2), MIB_KIND_COUNTER32, SNMP6("Ip6OutOctets") },
	{ SYSSTAT(33, 1), MIB_KIND_COUNTER64, NETSTAT("IpExt", "OutOctets") },
	{ SYSSTAT(33, 2), MIB_KIND_COUNTER64, SNMP6("Ip6OutOctets") },
	{ SYSSTAT(34, 1), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InMcastPkts") },
	{ SYSSTAT(34, 2), MIB_KIND_COUNTER32, SNMP6("Ip6InMcastPkts") },
	{ SYSSTAT(35, 1), MIB_KIND_COUNTER64, NETSTAT("IpExt", "InMcastPkts") },
	{ SYSSTAT(35, 2), MIB_KIND_COUNTER64, SNMP6("Ip6InMcastPkts") },
	{ SYSSTAT(36, 1), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InMcastOctets") },
	{ SYSSTAT(36, 2), MIB_KIND_COUNTER32, SNMP6("Ip6InMcastOctets") },
	{ SYSSTAT(37, 1), MIB_KIND_COUNTER64, NETSTAT("IpExt", "InMcastOctets") },
	{ SYSSTAT(37, 2), MIB_KIND_COUNTER64, SNMP6("Ip6InMcastOctets") },
	{ SYSSTAT(38, 1), MIB_KIND_COUNTER32, NETSTAT("IpExt", "OutMcastPkts") },
	{ SYSSTAT(38, 2), MIB_KIND_COUNTER32, SNMP6("Ip6OutMcastPkts") },
	{ SYSSTAT(39, 1), MIB_KIND_COUNTER64, NETSTAT("IpExt", "OutMcastPkts") },
	{ SYSSTAT(39, 2), MIB_KIND_COUNTER64, SNMP6("Ip6OutMcastPkts") },
	{ SYSSTAT(40, 1), MIB_KIND_COUNTER32, NETSTAT("IpExt", "OutMcastOctets") },
	{ SYSSTAT(40, 2), MIB_KIND_COUNTER32, SNMP6("Ip6OutMcastOctets") },
	{ SYSSTAT(41, 1), MIB_KIND_COUNTER64, NETSTAT("IpExt", "OutMcastOctets") },
	{ SYSSTAT(41, 2), MIB_KIND_COUNTER64, SNMP6("Ip6OutMcastOctets") },
	/* IPv6 has no broadcast: these four are ipv4 only */
	{ SYSSTAT(42, 1), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InBcastPkts") },
	{ SYSSTAT(43, 1), MIB_KIND_COUNTER64, NETSTAT("IpExt", "InBcastPkts") },
	{ SYSSTAT(44, 1), MIB_KIND_COUNTER32, NETSTAT("IpExt", "OutBcastPkts") },
	{ SYSSTAT(45, 1), MIB_KIND_COUNTER64, NETSTAT("IpExt", "OutBcastPkts") },
	/* No discontinuity is detected yet: 0 means none since we started. */
	{ SYSSTAT(46, 1), MIB_KIND_TIMESTAMP, AGENT(MIB_SRC_ZERO) },
	{ SYSSTAT(46, 2), MIB_KIND_TIMESTAMP, AGENT6(MIB_SRC_ZERO) },
	{ SYSSTAT(47, 1), MIB_KIND_UNSIGNED32, AGENT(MIB_SRC_REFRESH_RATE) },
	{ SYSSTAT(47, 2), MIB_KIND_UNSIGNED32, AGENT6(MIB_SRC_REFRESH_RATE) },
	{ O(5, 1, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InMsgs") },
	{ O(5, 2, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InErrors") },
	{ O(5, 3, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InDestUnreachs") },
	{ O(5, 4, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InTimeExcds") },
	{ O(5, 5, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InParmProbs") },
	{ O(5, 6, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InSrcQuenchs") },
	{ O(5, 7, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InRedirects") },
	{ O(5, 8, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InEchos") },
	{ O(5, 9, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InEchoReps") },
	{ O(5, 10, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InTimestamps") },
	{ O(5, 11, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InTimestampReps") },
	{ O(5, 12, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InAddrMasks") },
	{ O(5, 13, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "InAddrMaskReps") },
	{ O(5, 14, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutMsgs") },
	{ O(5, 15, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutErrors") },
	{ O(5, 16, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutDestUnreachs") },
	{ O(5, 17, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutTimeExcds") },
	{ O(5, 18, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutParmProbs") },
	{ O(5, 19, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutSrcQuenchs") },
	{ O(5, 20, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutRedirects") },
	{ O(5, 21, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutEchos") },
	{ O(5, 22, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutEchoReps") },
	{ O(5, 23, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutTimestamps") },
	{ O(5, 24, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutTimestampReps") },
	{ O(5, 25, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutAddrMasks") },
	{ O(5, 26, 0), MIB_KIND_COUNTER32, SNMP("Icmp", "OutAddrMaskReps") },
	{ ICMPSTAT(2, 1), MIB_KIND_COUNTER32, SNMP("Icmp", "InMsgs") },
	{ ICMPSTAT(2, 2), MIB_KIND_COUNTER32, SNMP6("Icmp6InMsgs") },
	{ ICMPSTAT(3, 1), MIB_KIND_COUNTER32, SNMP("Icmp", "InErrors") },
	{ ICMPSTAT(3, 2), MIB_KIND_COUNTER32, SNMP6("Icmp6InErrors") },
	{ ICMPSTAT(4, 1), MIB_KIND_COUNTER32, SNMP("Icmp", "OutMsgs") },
	{ ICMPSTAT(4, 2), MIB_KIND_COUNTER32, SNMP6("Icmp6OutMsgs") },
	{ ICMPSTAT(5, 1), MIB_KIND_COUNTER32, SNMP("Icmp", "OutErrors") },
	{ ICMPSTAT(5, 2), MIB_KIND_COUNTER32, SNMP6("Icmp6OutErrors") },
	{ O(6, 1, 0), MIB_KIND_INTEGER, SNMP("Tcp", "RtoAlgorithm") },
	{ O(6, 2, 0), MIB_KIND_INTEGER, SNMP("Tcp", "RtoMin") },
	{ O(6, 3, 0), MIB_KIND_INTEGER, SNMP("Tcp", "RtoMax") },
	{ O(6, 4, 0), MIB_KIND_INTEGER, SNMP("Tcp", "MaxConn") },
	{ O(6, 5, 0), MIB_KIND_COUNTER32, SNMP("Tcp", "ActiveOpens") },
	{ O(6, 6, 0), MIB_KIND_COUNTER32, SNMP("Tcp", "PassiveOpens") },
	{ O(6, 7, 0), MIB_KIND_COUNTER32, SNMP("Tcp", "AttemptFails") },
	{ O(6, 8, 0), MIB_KIND_COUNTER32, SNMP("Tcp", "EstabResets") },
	{ O(6, 9, 0), MIB_KIND_GAUGE32, SNMP("Tcp", "CurrEstab") },
	{ O(6, 10, 0), MIB_KIND_COUNTER32, SNMP("Tcp", "InSegs") },
	{ O(6, 11, 0), MIB_KIND_COUNTER32, SNMP("Tcp", "OutSegs") },
	{ O(6, 12, 0), MIB_KIND_COUNTER32, SNMP("Tcp", "RetransSegs") },
	{ O(6, 14, 0), MIB_KIND_COUNTER32, SNMP("Tcp", "InErrs") },
	{ O(6, 15, 0), MIB_KIND_COUNTER32, SNMP("Tcp", "OutRsts") },
	{ O(6, 17, 0), MIB_KIND_COUNTER64, SNMP("Tcp", "InSegs") },
	{ O(6, 18, 0), MIB_KIND_COUNTER64, SNMP("Tcp", "OutSegs") },
	{ O(7, 1, 0), MIB_KIND_COUNTER32, SNMP_PLUS("Udp", "InDatagrams", udp6_in) },
	{ O(7, 2, 0), MIB_KIND_COUNTER32, SNMP_PLUS("Udp", "NoPorts", udp6_no_ports) },
	{ O(7, 3, 0), MIB_KIND_COUNTER32, SNMP_PLUS("Udp", "InErrors", udp6_in_errors) },
	{ O(7, 4, 0), MIB_KIND_COUNTER32, SNMP_PLUS("Udp", "OutDatagrams", udp6_out) },
	{ O(7, 8, 0), MIB_KIND_COUNTER64, SNMP_PLUS("Udp", "InDatagrams", udp6_in) },
	{ O(7, 9, 0), MIB_KIND_COUNTER64, SNMP_PLUS("Udp", "OutDatagrams", udp6_out) },
};
/* clang-format on */

/*
 * icmpMsgStatsTable (5.30): one row per ICMP type the kernel lists, ipv4
 * from net/snmp's IcmpMsg lines, ipv6 from net/snmp6.  The whole table is
 * registered, not just its ipv4 rows: when a region of ours runs out during
 * a GETNEXT, snmpd hands the original OID to the next region, and its own
 * icmpMsgStatsTable would answer with its synthesised ipv4 rows.
 */
const struct mib_icmpmsg_version mib_icmpmsg_versions[] = {
	{ 1, COUNTER_FILE_SNMP, "IcmpMsg", { "InType", "OutType" } },
	{ 2, COUNTER_FILE_SNMP6, "", { "Icmp6InType", "Icmp6OutType" } },
};
const size_t mib_icmpmsg_nversions = sizeof(mib_icmpmsg_versions) / sizeof(mib_icmpmsg_versions[0]);
/* icmpMsgStatsInPkts(3), icmpMsgStatsOutPkts(4) */
const oid mib_icmpmsg_columns[MIB_ICMPMSG_NCOLUMNS] = { 3, 4 };
const oid mib_icmpmsg_table[] = { 5, 30 };
const size_t mib_icmpmsg_table_len = 2;

const struct mib_object *mib_objects(size_t *n)
{
	*n = sizeof(objects) / sizeof(objects[0]);
	return objects;
}

const struct mib_object *mib_object_at(const oid *name, size_t len)
{
	static const oid mib2[] = { MIB_OID_MIB2 };

	if (len <= MIB_OID_MIB2_LEN || memcmp(name, mib2, sizeof(mib2)))
		return NULL;
	for (size_t i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		if (!snmp_oid_compare(name + MIB_OID_MIB2_LEN, len - MIB_OID_MIB2_LEN,
				      objects[i].sub, objects[i].sublen))
			return &objects[i];
	return NULL;
}

/* ---- building the view's standard instances ---------------------------- */

/* An object below mib-2. */
static void add_value(struct mib_view *v, const oid *sub, size_t sublen, const oid *tail,
		      size_t taillen, u_char type, uint64_t value)
{
	mib_view_add(v, mib2_oid, MIB2_LEN, sub, sublen, tail, taillen, type, value);
}

/* The raw value behind an object: false when the kernel does not have it. */
static bool source_value(const struct mib_object *o, const struct counter_snapshot *snap,
			 const struct mib_context *ctx, uint64_t *value, bool *negative)
{
	const struct proc_field *f, *g;
	int64_t iv;

	*negative = false;
	switch (o->src) {
	case MIB_SRC_PROC:
		f = counter_snapshot_find(snap, o->file, o->section, o->field);
		if (!f)
			return false;
		*value = f->value;
		*negative = f->negative;
		g = o->plus ? counter_snapshot_find(snap, o->plus->file, o->plus->section,
						    o->plus->field)
			    : NULL;
		if (g && !g->negative && !f->negative)
			*value += g->value;
		return true;
	case MIB_SRC_SUM:
		f = counter_snapshot_find(snap, o->file, o->section, o->field);
		g = counter_snapshot_find(snap, o->file, o->section, o->field2);
		if (!f || !g || f->negative || g->negative)
			return false;
		*value = f->value + g->value;
		return true;
	case MIB_SRC_SYSCTL:
		if (!counter_snapshot_sysctl(snap, o->field, &iv))
			return false;
		*value = (uint64_t)iv;
		*negative = iv < 0;
		return true;
	case MIB_SRC_REFRESH_RATE:
		*value = ctx->refresh_ms;
		return snap->files[o->file].present; /* no file, no row */
	case MIB_SRC_ZERO:
		*value = 0;
		return snap->files[o->file].present;
	}
	return false;
}

/* Convert to the object's SNMP type; false when the value does not fit it. */
static bool encode(enum mib_kind kind, uint64_t value, bool negative, u_char *type, uint64_t *out)
{
	switch (kind) {
	case MIB_KIND_COUNTER32:
		*type = ASN_COUNTER;
		*out = value & 0xffffffffu;
		return !negative;
	case MIB_KIND_COUNTER64:
		*type = ASN_COUNTER64;
		*out = value;
		return !negative;
	case MIB_KIND_GAUGE32:
		*type = ASN_GAUGE;
		*out = value > 0xffffffffu ? 0xffffffffu : value;
		return !negative;
	case MIB_KIND_INTEGER:
		*type = ASN_INTEGER;
		*out = value;
		return negative ? (int64_t)value >= INT32_MIN : value <= INT32_MAX;
	case MIB_KIND_FORWARDING:
		/* 1 is forwarding; the kernel prints 2 otherwise (older ones 0). */
		*type = ASN_INTEGER;
		*out = !negative && value == 1 ? 1 : 2;
		return true;
	case MIB_KIND_FORWARDING_FLAG:
		*type = ASN_INTEGER;
		*out = value ? 1 : 2;
		return true;
	case MIB_KIND_UNSIGNED32:
		*type = ASN_UNSIGNED;
		*out = value;
		return !negative && value <= 0xffffffffu;
	case MIB_KIND_TIMESTAMP:
		*type = ASN_TIMETICKS;
		*out = value;
		return !negative && value <= 0xffffffffu;
	}
	return false;
}

static void add_scalars_and_stats(struct mib_view *v, const struct counter_snapshot *snap,
				  const struct mib_context *ctx)
{
	size_t n;
	const struct mib_object *objs = mib_objects(&n);

	for (size_t i = 0; i < n; i++) {
		uint64_t raw, val;
		bool negative;
		u_char type;

		if (source_value(&objs[i], snap, ctx, &raw, &negative) &&
		    encode(objs[i].kind, raw, negative, &type, &val))
			add_value(v, objs[i].sub, objs[i].sublen, NULL, 0, type, val);
	}
}

/* "InType3" with prefix "InType" gives 3; false for anything else. */
static bool icmp_type(const struct proc_item *it, const char *prefix, oid *type)
{
	size_t plen = strlen(prefix);
	unsigned t = 0;

	if (it->name_len <= plen || it->name_len > plen + 3 || memcmp(it->name, prefix, plen))
		return false;
	for (size_t i = plen; i < it->name_len; i++) {
		if (it->name[i] < '0' || it->name[i] > '9')
			return false;
		t = t * 10 + (unsigned)(it->name[i] - '0');
	}
	*type = t;
	return t <= 255;
}

struct icmpmsg_counts {
	const struct mib_icmpmsg_version *ver;
	uint64_t counts[MIB_ICMPMSG_NCOLUMNS][256];
	bool listed[256];
};

static void count_icmpmsg(void *ctx, const struct proc_item *it)
{
	struct icmpmsg_counts *c = ctx;
	oid t;

	if (it->field->negative || !proc_item_in(it, c->ver->section))
		return;
	for (size_t col = 0; col < MIB_ICMPMSG_NCOLUMNS; col++) {
		if (icmp_type(it, c->ver->prefix[col], &t)) {
			c->counts[col][t] = it->field->value;
			c->listed[t] = true;
		}
	}
}

/*
 * One row per type the kernel lists, in either direction; the other
 * direction is 0 because the kernel leaves zero counts out.
 */
static void add_icmpmsg_version(struct mib_view *v, const struct counter_snapshot *snap,
				const struct mib_icmpmsg_version *ver)
{
	static struct icmpmsg_counts c; /* 4 KiB; we are single-threaded */
	oid sub[8];

	memset(&c, 0, sizeof(c));
	c.ver = ver;
	proc_file_each(&snap->files[ver->file], count_icmpmsg, &c);
	memcpy(sub, mib_icmpmsg_table, mib_icmpmsg_table_len * sizeof(oid));
	sub[mib_icmpmsg_table_len] = 1; /* icmpMsgStatsEntry */
	for (size_t col = 0; col < MIB_ICMPMSG_NCOLUMNS; col++) {
		sub[mib_icmpmsg_table_len + 1] = mib_icmpmsg_columns[col];
		for (oid t = 0; t < 256; t++) {
			oid index[2] = { ver->version, t };
			if (c.listed[t])
				add_value(v, sub, mib_icmpmsg_table_len + 2, index, 2, ASN_COUNTER,
					  c.counts[col][t] & 0xffffffffu);
		}
	}
}

void mib_objects_add(struct mib_view *v, const struct counter_snapshot *snap,
		     const struct mib_context *ctx)
{
	add_scalars_and_stats(v, snap, ctx);
	for (size_t i = 0; i < mib_icmpmsg_nversions; i++)
		add_icmpmsg_version(v, snap, &mib_icmpmsg_versions[i]);
}

static size_t full_oid(const oid *sub, size_t sublen, oid *out)
{
	memcpy(out, mib2_oid, sizeof(mib2_oid));
	memcpy(out + MIB2_LEN, sub, sublen * sizeof(oid));
	return MIB2_LEN + sublen;
}

size_t mib_objects_count(void)
{
	size_t n;
	mib_objects(&n);
	return n;
}

size_t mib_object_oid(size_t i, oid *out)
{
	size_t n;
	const struct mib_object *objs = mib_objects(&n);
	return full_oid(objs[i].sub, objs[i].sublen, out);
}

/*
 * The regions snmpd's own modules register for what we serve (snmpd
 * -Dregister_mib): the ip, icmp, tcp and udp groups and, registered apart
 * by snmpd, the scalars and tables inside them.  Ours are identical and win
 * on registrationPriority, so snmpd's modules are never asked for anything
 * in them; a region of snmpd's that is more specific than all of ours
 * (ipAddrTable, ipRouteTable ...) still answers for itself.
 */
struct mib_region {
	oid sub[4];
	uint8_t sublen;
	bool writable;
};

static const struct mib_region regions[] = {
	{ O(4), false }, /* ip: 4.3-4.19; 4.23 is not served */
	{ O(4, 1), true }, /* ipForwarding */
	{ O(4, 2), true }, /* ipDefaultTTL */
	{ O(4, 25), true }, /* ipv6IpForwarding */
	{ O(4, 26), true }, /* ipv6IpDefaultHopLimit */
	{ O(4, 31, 1), false }, /* ipSystemStatsTable */
	{ O(5), false }, /* icmp: 5.1-5.26 */
	{ O(5, 29), false }, /* icmpStatsTable */
	{ O(5, 30), false }, /* icmpMsgStatsTable */
	{ O(6), false }, /* tcp: 6.1-6.18 */
	{ O(7), false }, /* udp: 7.1-7.9 */
};

void mib_objects_regions(mib_region_fn fn, void *ctx)
{
	oid name[MIB_OID_MAX];

	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		fn(ctx, name, full_oid(regions[i].sub, regions[i].sublen, name),
		   regions[i].writable);
}

/*
 * A declared instance the kernel lacks is an object this kernel does not
 * implement; any other name in a column or scalar we declare is an
 * instance that does not exist.
 */
int mib_objects_missing(const oid *name, size_t len)
{
	static const oid mib2[] = { MIB_OID_MIB2 };
	const oid *sub = name + MIB_OID_MIB2_LEN;
	size_t sublen = len - MIB_OID_MIB2_LEN;

	if (len <= MIB_OID_MIB2_LEN || memcmp(name, mib2, sizeof(mib2)) || mib_object_at(name, len))
		return SNMP_NOSUCHOBJECT;
	if (netsnmp_oid_is_subtree(mib_icmpmsg_table, mib_icmpmsg_table_len, sub, sublen) == 0)
		return SNMP_NOSUCHINSTANCE;
	for (size_t i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		if (netsnmp_oid_is_subtree(objects[i].sub, objects[i].sublen - 1u, sub, sublen) ==
		    0)
			return SNMP_NOSUCHINSTANCE;
	return SNMP_NOSUCHOBJECT;
}
