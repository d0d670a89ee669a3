#include "oid_search.h"

size_t oid_first_after(const void *table, size_t count, oid_index_fn index_of, const oid *idx,
		       size_t n, bool inclusive)
{
	size_t lo = 0, hi = count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		oid buf[MAX_OID_LEN];
		int c = snmp_oid_compare(buf, index_of(table, mid, buf), idx, n);

		if (c < 0 || (c == 0 && !inclusive))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
