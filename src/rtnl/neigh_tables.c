/*
 * The neighbour tables as the engine serves them (see neigh.h):
 * ipNetToPhysicalTable (RFC 4293, 4.35) and ipNetToMediaTable (RFC 1213,
 * 4.22, registered column by column as snmpd does).  Rows are the
 * kernel's: adding or changing one by SNMP is not offered (notWritable).
 */
#include "neigh.h"

#include <linux/neighbour.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rtnl_dump.h"

static void *snapshot_new(void)
{
	return calloc(1, sizeof(struct neigh_snap));
}

static void snapshot_free(void *snap)
{
	neigh_snap_free(snap);
	free(snap);
}

static int build(void *builder, void *snap, unsigned flags, const char *proc_root)
{
	(void)flags, (void)proc_root;
	return neigh_build(builder, snap);
}

#define SNAP(snap) ((struct neigh_snap *)(snap))
#define ROW ((const struct neigh_row *)row)

static size_t count_all(const void *snap)
{
	return SNAP(snap)->n;
}

static const void *row_all(const void *snap, size_t pos)
{
	return &SNAP(snap)->rows[pos];
}

static size_t *hint_all(void *snap)
{
	return &SNAP(snap)->hint;
}

static size_t count_v4(const void *snap)
{
	return SNAP(snap)->n4;
}

static const void *row_v4(const void *snap, size_t pos)
{
	return &SNAP(snap)->rows[SNAP(snap)->v4[pos]];
}

static size_t *hint_v4(void *snap)
{
	return &SNAP(snap)->hint4;
}

/* ifIndex, InetAddressType, InetAddress (its length, then its bytes) */
static size_t index_physical(const void *snap, const void *row, uint32_t *out)
{
	size_t len = ROW->family == AF_INET ? 4 : 16, n = 0;

	(void)snap;
	out[n++] = ROW->ifindex;
	out[n++] = ROW->family == AF_INET ? 1 : 2;
	out[n++] = (uint32_t)len;
	for (size_t i = 0; i < len; i++)
		out[n++] = ROW->addr[i];
	return n;
}

/* ifIndex, IpAddress */
static size_t index_media(const void *snap, const void *row, uint32_t *out)
{
	(void)snap;
	out[0] = ROW->ifindex;
	for (int i = 0; i < 4; i++)
		out[1 + i] = ROW->addr[i];
	return 5;
}

static const struct table_def physical = { "ipNetToPhysicalTable", count_all, row_all,
					   index_physical, hint_all };
static const struct table_def media = { "ipNetToMediaTable", count_v4, row_v4, index_media,
					hint_v4 };

/* ---- values ---------------------------------------------------------------- */

#define VALUE(name) static bool name(const void *snap, const void *row, struct table_value *v)

VALUE(ifindex)
{
	(void)snap;
	return table_put_integer(v, ROW->ifindex);
}

VALUE(phys_address)
{
	(void)snap;
	return table_put_octets(v, ROW->lladdr, ROW->lladdr_len);
}

VALUE(net_address)
{
	(void)snap;
	return table_put_ipaddress(v, ROW->addr);
}

VALUE(last_updated)
{
	(void)snap;
	return table_put_stamp(v, ROW->updated_cs);
}

/* ipNetToPhysicalType and ipNetToMediaType: invalid(2) for a failed
 * resolution, static(4) for what no protocol maintains, dynamic(3) else */
VALUE(type)
{
	(void)snap;
	if (ROW->state & NUD_FAILED)
		return table_put_integer(v, 2);
	if (ROW->state & (NUD_PERMANENT | NUD_NOARP))
		return table_put_integer(v, 4);
	return table_put_integer(v, 3);
}

/* ipNetToPhysicalState: the neighbour unreachability detection state;
 * unknown(6) where none runs (permanent, noarp) or it has not begun */
VALUE(state)
{
	static const struct {
		uint16_t nud;
		int mib;
	} states[] = {
		{ NUD_REACHABLE, 1 }, { NUD_STALE, 2 },	 { NUD_DELAY, 3 },
		{ NUD_PROBE, 4 },     { NUD_FAILED, 5 }, { NUD_INCOMPLETE, 7 },
	};

	(void)snap;
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (ROW->state & states[i].nud)
			return table_put_integer(v, states[i].mib);
	return table_put_integer(v, 6);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct table_column media_columns[] = {
	{ 1, "ipNetToMediaIfIndex", &media, ifindex, 0, false },
	{ 2, "ipNetToMediaPhysAddress", &media, phys_address, 0, false },
	{ 3, "ipNetToMediaNetAddress", &media, net_address, 0, false },
	{ 4, "ipNetToMediaType", &media, type, 0, false },
};
static const struct table_column physical_columns[] = {
	{ 4, "ipNetToPhysicalPhysAddress", &physical, phys_address, 0, false },
	{ 5, "ipNetToPhysicalLastUpdated", &physical, last_updated, 0, false },
	{ 6, "ipNetToPhysicalType", &physical, type, 0, false },
	{ 7, "ipNetToPhysicalState", &physical, state, 0, false },
	{ 8, "ipNetToPhysicalRowStatus", &physical, table_integer_one, 0, false },
};

static const struct table_region regions[] = {
	{ "ipNetToMediaTable",
	  { 1, 3, 6, 1, 2, 1, 4, 22 },
	  8,
	  media_columns,
	  N(media_columns),
	  TABLE_REGION_COLUMNS,
	  false },
	{ "ipNetToPhysicalTable",
	  { 1, 3, 6, 1, 2, 1, 4, 35 },
	  8,
	  physical_columns,
	  N(physical_columns),
	  TABLE_REGION_TABLE,
	  false },
};

const struct table_source neigh_source = {
	.name = "neighbour tables",
	.snapshot_new = snapshot_new,
	.snapshot_free = snapshot_free,
	.builder_new = rtnl_builder_new,
	.builder_free = rtnl_builder_free,
	.build = build,
	.strerror = rtnl_strerror,
	.regions = regions,
	.nregions = N(regions),
};
