/* Index search over a table of a snapshot (see table_def.h). */
#include "table_def.h"

#include <string.h>

int table_index_cmp(const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
	size_t n = an < bn ? an : bn;

	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return (an > bn) - (an < bn);
}

/* A binary search that builds only the indexes it compares. */
size_t table_seek(const struct table_def *t, const void *snap, const uint32_t *idx, size_t n,
		  bool inclusive)
{
	size_t lo = 0, hi = t->count(snap);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t buf[TABLE_INDEX_MAX];
		size_t len = t->index(snap, t->row(snap, mid), buf);
		int c = table_index_cmp(buf, len, idx, n);

		if (c < 0 || (c == 0 && !inclusive))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const void *table_get(const struct table_def *t, const void *snap, const uint32_t *idx, size_t n)
{
	size_t pos = table_seek(t, snap, idx, n, true);
	uint32_t buf[TABLE_INDEX_MAX];
	const void *row;

	if (pos >= t->count(snap))
		return NULL;
	row = t->row(snap, pos);
	return table_index_cmp(buf, t->index(snap, row, buf), idx, n) == 0 ? row : NULL;
}

const void *table_next(const struct table_def *t, void *snap, const uint32_t *idx, size_t n,
		       bool inclusive)
{
	size_t count = t->count(snap), pos;
	size_t *hint = t->hint && !inclusive ? t->hint(snap) : NULL;
	uint32_t last[TABLE_INDEX_MAX];

	if (hint && *hint < count &&
	    table_index_cmp(last, t->index(snap, t->row(snap, *hint), last), idx, n) == 0)
		pos = *hint + 1;
	else
		pos = table_seek(t, snap, idx, n, inclusive);
	if (hint)
		*hint = pos;
	return pos < count ? t->row(snap, pos) : NULL;
}

static size_t one_row(const void *snap)
{
	(void)snap;
	return 1;
}

static const void *the_snapshot(const void *snap, size_t pos)
{
	(void)pos;
	return snap;
}

static size_t index_zero(const void *snap, const void *row, uint32_t *out)
{
	(void)snap, (void)row;
	out[0] = 0;
	return 1;
}

const struct table_def table_scalars = { "scalars", one_row, the_snapshot, index_zero, NULL };

bool table_put_integer(struct table_value *v, int64_t i)
{
	v->type = TABLE_INTEGER;
	v->i = i;
	return true;
}

bool table_put_unsigned32(struct table_value *v, uint64_t u)
{
	v->type = TABLE_UNSIGNED32;
	v->u = u > UINT32_MAX ? UINT32_MAX : u;
	return true;
}

bool table_put_octets(struct table_value *v, const void *p, size_t len)
{
	v->type = TABLE_OCTETS;
	v->len = len < sizeof(v->bytes) ? len : sizeof(v->bytes);
	memcpy(v->bytes, p, v->len);
	return true;
}

bool table_put_ipaddress(struct table_value *v, const uint8_t *a)
{
	v->type = TABLE_IPADDRESS;
	v->len = 4;
	memcpy(v->bytes, a, 4);
	return true;
}

bool table_put_stamp(struct table_value *v, uint32_t cs)
{
	v->type = TABLE_STAMP_CS;
	v->u = cs;
	return true;
}

static bool constant(struct table_value *v, enum table_type type, int64_t i)
{
	v->type = type;
	v->i = i;
	v->u = (uint64_t)i;
	return true;
}

#define CONSTANT(name, type, value)                                                                \
	bool name(const void *snap, const void *row, struct table_value *v)                        \
	{                                                                                          \
		(void)snap, (void)row;                                                             \
		return constant(v, type, value);                                                   \
	}
CONSTANT(table_integer_one, TABLE_INTEGER, 1)
CONSTANT(table_integer_two, TABLE_INTEGER, 2)
CONSTANT(table_integer_zero, TABLE_INTEGER, 0)
CONSTANT(table_integer_minus_one, TABLE_INTEGER, -1)
CONSTANT(table_gauge_zero, TABLE_UNSIGNED32, 0)
CONSTANT(table_ticks_zero, TABLE_TIMETICKS, 0)
