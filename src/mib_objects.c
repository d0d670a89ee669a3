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

#define O(...) { __VA_ARGS__ }, (uint8_t)(sizeof((oid[]){ __VA_ARGS__ }) / sizeof(oid))
#define SNMP(sec, f) MIB_SRC_PROC, COUNTER_FILE_SNMP, sec, f, NULL
#define NETSTAT(sec, f) MIB_SRC_PROC, COUNTER_FILE_NETSTAT, sec, f, NULL
#define SUM(sec, a, b) MIB_SRC_SUM, COUNTER_FILE_SNMP, sec, a, b
#define SYSCTL(path) MIB_SRC_SYSCTL, COUNTER_FILE_SNMP, NULL, path, NULL
#define AGENT(src) src, COUNTER_FILE_SNMP, NULL, NULL, NULL
/* ipSystemStatsEntry column, ipv4 row; icmpStatsEntry column, ipv4 row */
#define SYSSTAT(col) O(4, 31, 1, 1, col, 1)
#define ICMPSTAT(col) O(5, 29, 1, col, 1)

/* clang-format off: one row per object, one line per row */
static const struct mib_object objects[] = {
	{ O(4, 1, 0), MIB_KIND_FORWARDING, SNMP("Ip", "Forwarding") },
	{ O(4, 2, 0), MIB_KIND_INTEGER, SNMP("Ip", "DefaultTTL") },
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
	{ SYSSTAT(3), MIB_KIND_COUNTER32, SNMP("Ip", "InReceives") },
	{ SYSSTAT(4), MIB_KIND_COUNTER64, SNMP("Ip", "InReceives") },
	{ SYSSTAT(5), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InOctets") },
	{ SYSSTAT(6), MIB_KIND_COUNTER64, NETSTAT("IpExt", "InOctets") },
	{ SYSSTAT(7), MIB_KIND_COUNTER32, SNMP("Ip", "InHdrErrors") },
	{ SYSSTAT(8), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InNoRoutes") },
	{ SYSSTAT(9), MIB_KIND_COUNTER32, SNMP("Ip", "InAddrErrors") },
	{ SYSSTAT(10), MIB_KIND_COUNTER32, SNMP("Ip", "InUnknownProtos") },
	{ SYSSTAT(11), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InTruncatedPkts") },
	/* Linux has one forwarding counter, bumped once a route is found: it
	 * backs both the In (RFC 1213 ipForwDatagrams) and Out columns. */
	{ SYSSTAT(12), MIB_KIND_COUNTER32, SNMP("Ip", "ForwDatagrams") },
	{ SYSSTAT(13), MIB_KIND_COUNTER64, SNMP("Ip", "ForwDatagrams") },
	{ SYSSTAT(14), MIB_KIND_COUNTER32, SNMP("Ip", "ReasmReqds") },
	{ SYSSTAT(15), MIB_KIND_COUNTER32, SNMP("Ip", "ReasmOKs") },
	{ SYSSTAT(16), MIB_KIND_COUNTER32, SNMP("Ip", "ReasmFails") },
	{ SYSSTAT(17), MIB_KIND_COUNTER32, SNMP("Ip", "InDiscards") },
	{ SYSSTAT(18), MIB_KIND_COUNTER32, SNMP("Ip", "InDelivers") },
	{ SYSSTAT(19), MIB_KIND_COUNTER64, SNMP("Ip", "InDelivers") },
	{ SYSSTAT(20), MIB_KIND_COUNTER32, SNMP("Ip", "OutRequests") },
	{ SYSSTAT(21), MIB_KIND_COUNTER64, SNMP("Ip", "OutRequests") },
	{ SYSSTAT(22), MIB_KIND_COUNTER32, SNMP("Ip", "OutNoRoutes") },
	{ SYSSTAT(23), MIB_KIND_COUNTER32, SNMP("Ip", "ForwDatagrams") },
	{ SYSSTAT(24), MIB_KIND_COUNTER64, SNMP("Ip", "ForwDatagrams") },
	{ SYSSTAT(25), MIB_KIND_COUNTER32, SNMP("Ip", "OutDiscards") },
	/* Every datagram that needed fragmenting either succeeded or failed. */
	{ SYSSTAT(26), MIB_KIND_COUNTER32, SUM("Ip", "FragOKs", "FragFails") },
	{ SYSSTAT(27), MIB_KIND_COUNTER32, SNMP("Ip", "FragOKs") },
	{ SYSSTAT(28), MIB_KIND_COUNTER32, SNMP("Ip", "FragFails") },
	{ SYSSTAT(29), MIB_KIND_COUNTER32, SNMP("Ip", "FragCreates") },
	{ SYSSTAT(30), MIB_KIND_COUNTER32, SNMP("Ip", "OutTransmits") },
	{ SYSSTAT(31), MIB_KIND_COUNTER64, SNMP("Ip", "OutTransmits") },
	{ SYSSTAT(32), MIB_KIND_COUNTER32, NETSTAT("IpExt", "OutOctets") },
	{ SYSSTAT(33), MIB_KIND_COUNTER64, NETSTAT("IpExt", "OutOctets") },
	{ SYSSTAT(34), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InMcastPkts") },
	{ SYSSTAT(35), MIB_KIND_COUNTER64, NETSTAT("IpExt", "InMcastPkts") },
	{ SYSSTAT(36), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InMcastOctets") },
	{ SYSSTAT(37), MIB_KIND_COUNTER64, NETSTAT("IpExt", "InMcastOctets") },
	{ SYSSTAT(38), MIB_KIND_COUNTER32, NETSTAT("IpExt", "OutMcastPkts") },
	{ SYSSTAT(39), MIB_KIND_COUNTER64, NETSTAT("IpExt", "OutMcastPkts") },
	{ SYSSTAT(40), MIB_KIND_COUNTER32, NETSTAT("IpExt", "OutMcastOctets") },
	{ SYSSTAT(41), MIB_KIND_COUNTER64, NETSTAT("IpExt", "OutMcastOctets") },
	{ SYSSTAT(42), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InBcastPkts") },
	{ SYSSTAT(43), MIB_KIND_COUNTER64, NETSTAT("IpExt", "InBcastPkts") },
	{ SYSSTAT(44), MIB_KIND_COUNTER32, NETSTAT("IpExt", "OutBcastPkts") },
	{ SYSSTAT(45), MIB_KIND_COUNTER64, NETSTAT("IpExt", "OutBcastPkts") },
	/* No discontinuity is detected yet: 0 means none since we started. */
	{ SYSSTAT(46), MIB_KIND_TIMESTAMP, AGENT(MIB_SRC_ZERO) },
	{ SYSSTAT(47), MIB_KIND_UNSIGNED32, AGENT(MIB_SRC_REFRESH_RATE) },
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
	{ ICMPSTAT(2), MIB_KIND_COUNTER32, SNMP("Icmp", "InMsgs") },
	{ ICMPSTAT(3), MIB_KIND_COUNTER32, SNMP("Icmp", "InErrors") },
	{ ICMPSTAT(4), MIB_KIND_COUNTER32, SNMP("Icmp", "OutMsgs") },
	{ ICMPSTAT(5), MIB_KIND_COUNTER32, SNMP("Icmp", "OutErrors") },
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
	{ O(7, 1, 0), MIB_KIND_COUNTER32, SNMP("Udp", "InDatagrams") },
	{ O(7, 2, 0), MIB_KIND_COUNTER32, SNMP("Udp", "NoPorts") },
	{ O(7, 3, 0), MIB_KIND_COUNTER32, SNMP("Udp", "InErrors") },
	{ O(7, 4, 0), MIB_KIND_COUNTER32, SNMP("Udp", "OutDatagrams") },
	{ O(7, 8, 0), MIB_KIND_COUNTER64, SNMP("Udp", "InDatagrams") },
	{ O(7, 9, 0), MIB_KIND_COUNTER64, SNMP("Udp", "OutDatagrams") },
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
