/*
 * libFuzzer target: the rtnetlink row encoders.  The first byte picks the
 * source (modulo 3: 0 links and addresses, 1 neighbours, 2 routes), the rest is a dump
 * as the kernel would send it (the seeds are tests/data/rtnl's captures).
 * Every column of every row is then read and every index built, as a walk
 * would: nothing may read past what the messages hold.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipif.h"
#include "neigh.h"
#include "route.h"
#include "rtnl_dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_neigh(const struct nlmsghdr *h, void *s)
{
	return neigh_msg(h, s, 100000);
}

static int on_route(const struct nlmsghdr *h, void *s)
{
	return route_msg(h, s, 100000);
}

/* Every value and index of every table of `src` in `snap`. */
static void read_all(const struct table_source *src, void *snap)
{
	for (size_t r = 0; r < src->nregions; r++)
		for (size_t c = 0; c < src->regions[r].ncolumns; c++) {
			const struct table_column *col = &src->regions[r].columns[c];
			size_t n = col->table->count(snap);

			for (size_t i = 0; i < n; i++) {
				const void *row = col->table->row(snap, i);
				uint32_t idx[TABLE_INDEX_MAX];
				struct table_value v;

				memset(&v, 0, sizeof(v));
				if (col->table->index(snap, row, idx) > TABLE_INDEX_MAX)
					abort();
				col->value(snap, row, &v);
				if (v.len > (v.type == TABLE_OID ? TABLE_INDEX_MAX + 16
								 : TABLE_VALUE_BYTES))
					abort();
			}
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* aligned, as a receive buffer is */
	uint32_t *buf = malloc(size + 4);

	if (size < 1 || !buf) {
		free(buf);
		return 0;
	}
	memcpy(buf, data + 1, size - 1);
	if (data[0] % 3 == 0) {
		struct ipif_snap s = { 0 };

		rtnl_feed(buf, size - 1, ipif_msg, &s);
		/* no files below a root that does not exist */
		if (ipif_finish(&s, "/nonexistent") == 0)
			read_all(&ipif_source, &s);
		ipif_snap_free(&s);
	} else if (data[0] % 3 == 1) {
		struct neigh_snap s = { 0 };

		rtnl_feed(buf, size - 1, on_neigh, &s);
		if (neigh_finish(&s) == 0)
			read_all(&neigh_source, &s);
		neigh_snap_free(&s);
	} else {
		struct route_snap s = { 0 };

		rtnl_feed(buf, size - 1, on_route, &s);
		if (route_finish(&s) == 0)
			read_all(&route_source, &s);
		route_snap_free(&s);
	}
	free(buf);
	return 0;
}
