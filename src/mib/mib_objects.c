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
#define AGENT(src) src, COUNTER_FILE_SNMP, NULL, NULL, NULL, NULL, NULL

/*
 * RFC 4293's InForwDatagrams counts every datagram for which a route was
 * sought: Linux counts the found ones (ForwDatagrams) and the others
 * (IpExt InNoRoutes) apart.  RFC 4113's UDP counters are IP-version
 * neutral: Udp plus net/snmp6's Udp6, as snmpd's own module sums them.
 */
static const struct mib_term in_no_routes = { COUNTER_FILE_NETSTAT, "IpExt", "InNoRoutes" };
static const struct mib_term udp6_in = { COUNTER_FILE_SNMP6, "", "Udp6InDatagrams" };
static const struct mib_term udp6_no_ports = { COUNTER_FILE_SNMP6, "", "Udp6NoPorts" };
static const struct mib_term udp6_in_errors = { COUNTER_FILE_SNMP6, "", "Udp6InErrors" };
static const struct mib_term udp6_out = { COUNTER_FILE_SNMP6, "", "Udp6OutDatagrams" };
/* ipSystemStatsEntry column, ipv4 row; icmpStatsEntry column, ipv4 row */
#define SYSSTAT(col) O(4, 31, 1, 1, col, 1)
#define ICMPSTAT(col) O(5, 29, 1, col, 1)

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
	{ SYSSTAT(3), MIB_KIND_COUNTER32, SNMP("Ip", "InReceives") },
	{ SYSSTAT(4), MIB_KIND_COUNTER64, SNMP("Ip", "InReceives") },
	{ SYSSTAT(5), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InOctets") },
	{ SYSSTAT(6), MIB_KIND_COUNTER64, NETSTAT("IpExt", "InOctets") },
	{ SYSSTAT(7), MIB_KIND_COUNTER32, SNMP("Ip", "InHdrErrors") },
	{ SYSSTAT(8), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InNoRoutes") },
	{ SYSSTAT(9), MIB_KIND_COUNTER32, SNMP("Ip", "InAddrErrors") },
	{ SYSSTAT(10), MIB_KIND_COUNTER32, SNMP("Ip", "InUnknownProtos") },
	{ SYSSTAT(11), MIB_KIND_COUNTER32, NETSTAT("IpExt", "InTruncatedPkts") },
	/* In: every datagram a route was sought for (found or not); Out: the
	 * forwarded ones, Linux's one forwarding counter. */
	{ SYSSTAT(12), MIB_KIND_COUNTER32, SNMP_PLUS("Ip", "ForwDatagrams", in_no_routes) },
	{ SYSSTAT(13), MIB_KIND_COUNTER64, SNMP_PLUS("Ip", "ForwDatagrams", in_no_routes) },
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
		return true;
	case MIB_SRC_ZERO:
		*value = 0;
		return true;
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

void mib_objects_regions(void (*fn)(void *ctx, const oid *name, size_t len), void *ctx)
{
	size_t n = mib_objects_count();
	oid name[MIB_OID_MAX];

	for (size_t i = 0; i < n; i++)
		fn(ctx, name, mib_object_oid(i, name));
	fn(ctx, name, full_oid(mib_icmpmsg_table, mib_icmpmsg_table_len, name));
}
