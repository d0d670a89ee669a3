/*
 * The sorted container of instances: entries are added in any order by the
 * builders of each MIB area (mib_build.c calls them), sorted once, then
 * looked up by binary search.  A view is rebuilt whole for every new
 * snapshot: it holds a few hundred entries.
 */
#include "mib_view.h"

#include "grow_array.h"

#include <stdlib.h>
#include <string.h>

const oid mib2_oid[MIB2_LEN] = { MIB_OID_MIB2 };

struct mib_entry *mib_view_add(struct mib_view *v, const oid *a, size_t alen, const oid *b,
			       size_t blen, const oid *c, size_t clen, u_char type, uint64_t value)
{
	size_t len = alen + blen + clen;
	struct mib_entry *e;
	oid *name;

	if (len > MIB_OID_MAX ||
	    !grow_array((void **)&v->entries, &v->cap, v->n + 1, sizeof(*e), 256) ||
	    !grow_array((void **)&v->names, &v->names_cap, v->nnames + len, sizeof(oid), 4096))
		return NULL;
	name = v->names + v->nnames;
	memcpy(name, a, alen * sizeof(oid));
	if (blen)
		memcpy(name + alen, b, blen * sizeof(oid));
	if (clen)
		memcpy(name + alen + blen, c, clen * sizeof(oid));
	e = &v->entries[v->n++];
	*e = (struct mib_entry){
		.len = len,
		.type = type,
		.value = value,
		.name_off = (uint32_t)v->nnames,
	};
	v->nnames += len;
	return e;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct mib_entry *x = a, *y = b;
	return snmp_oid_compare(x->name, x->len, y->name, y->len);
}

/* The names arena has stopped moving: point every entry at its OID. */
static void resolve_names(struct mib_view *v)
{
	for (size_t i = 0; i < v->n; i++)
		v->entries[i].name = v->names + v->entries[i].name_off;
}

void mib_view_begin(struct mib_view *v)
{
	v->n = 0;
	v->nnames = 0;
	v->built = false;
}

/*
 * The arrays to their size: growth by doubling leaves up to half unused
 * (the OIDs of ipstackCounterTable's string indexes alone are most of a
 * megabyte), and a daemon serving a hundred namespaces holds as many views.
 * The next build of the same objects fits again without growing.
 */
static void fit(struct mib_view *v)
{
	oid *names = v->nnames ? realloc(v->names, v->nnames * sizeof(oid)) : NULL;
	struct mib_entry *entries = v->n ? realloc(v->entries, v->n * sizeof(*entries)) : NULL;

	if (names) {
		v->names = names;
		v->names_cap = v->nnames;
	}
	if (entries) {
		v->entries = entries;
		v->cap = v->n;
	}
}

void mib_view_finish(struct mib_view *v, unsigned generation)
{
	fit(v);
	resolve_names(v);
	sort_array(v->entries, v->n, sizeof(*v->entries), entry_cmp);
	v->generation = generation;
	v->built = true;
}

void mib_view_free(struct mib_view *v)
{
	free(v->entries);
	free(v->names);
	*v = (struct mib_view){ 0 };
}

/* Index of the first entry not less than `name`. */
static size_t lower_bound(const struct mib_view *v, const oid *name, size_t len)
{
	size_t lo = 0, hi = v->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct mib_entry *e = &v->entries[mid];
		if (snmp_oid_compare(e->name, e->len, name, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct mib_entry *mib_view_get(const struct mib_view *v, const oid *name, size_t len)
{
	size_t i = lower_bound(v, name, len);

	if (i < v->n && !snmp_oid_compare(v->entries[i].name, v->entries[i].len, name, len))
		return &v->entries[i];
	return NULL;
}

const struct mib_entry *mib_view_next(const struct mib_view *v, const oid *name, size_t len,
				      bool inclusive)
{
	size_t i = lower_bound(v, name, len);

	if (!inclusive && i < v->n &&
	    !snmp_oid_compare(v->entries[i].name, v->entries[i].len, name, len))
		i++;
	return i < v->n ? &v->entries[i] : NULL;
}
