/*
 * Building the sorted view of instances from a snapshot, and looking OIDs up
 * in it.  A view of the standard groups holds about 150 entries, so it is
 * rebuilt whole whenever the snapshot changes.
 */
#include "mib_view.h"

#include "grow_array.h"
#include "mib_objects.h"
#include "mib_private.h"
#include "read_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const oid mib2_oid[MIB2_LEN] = { 1, 3, 6, 1, 2, 1 };

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

/* An object below mib-2. */
static void add_value(struct mib_view *v, const oid *sub, size_t sublen, const oid *tail,
		      size_t taillen, u_char type, uint64_t value)
{
	mib_view_add(v, mib2_oid, MIB2_LEN, sub, sublen, tail, taillen, type, value);
}

/* A sysctl holding one decimal integer, e.g. ipfrag_time. */
static bool read_sysctl_int(const char *root, const char *path, int64_t *out)
{
	char *text, *end;
	size_t len;
	bool ok;

	if (read_file(root, path, &text, &len))
		return false;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	ok = errno == 0 && end != text && (*end == '\n' || *end == '\0');
	free(text);
	*out = v;
	return ok;
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
		return true;
	case MIB_SRC_SUM:
		f = counter_snapshot_find(snap, o->file, o->section, o->field);
		g = counter_snapshot_find(snap, o->file, o->section, o->field2);
		if (!f || !g || f->negative || g->negative)
			return false;
		*value = f->value + g->value;
		return true;
	case MIB_SRC_SYSCTL:
		if (!read_sysctl_int(ctx->proc_root, o->field, &iv))
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

static void add_objects(struct mib_view *v, const struct counter_snapshot *snap,
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
static bool icmp_type(const struct proc_file *pf, const struct proc_field *f, const char *prefix,
		      oid *type)
{
	size_t plen = strlen(prefix);
	const char *s = proc_span_ptr(pf, f->name);
	unsigned t = 0;

	if (f->name.len <= plen || f->name.len > plen + 3 || memcmp(s, prefix, plen))
		return false;
	for (size_t i = plen; i < f->name.len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		t = t * 10 + (unsigned)(s[i] - '0');
	}
	*type = t;
	return t <= 255;
}

/*
 * One row per type the kernel lists, in either direction; the other
 * direction is 0 because the kernel leaves zero counts out.
 */
static void add_icmpmsg_version(struct mib_view *v, const struct counter_snapshot *snap,
				const struct mib_icmpmsg_version *ver)
{
	const struct proc_file *pf = &snap->files[ver->file];
	uint64_t counts[MIB_ICMPMSG_NCOLUMNS][256];
	bool listed[256] = { false };
	oid sub[8];

	memset(counts, 0, sizeof(counts));
	for (size_t s = 0; s < pf->nsections; s++) {
		const struct proc_section *sec = &pf->sections[s];
		if (!proc_span_eq(pf, sec->name, ver->section))
			continue;
		for (size_t k = 0; k < sec->nfields; k++) {
			const struct proc_field *f = &pf->fields[sec->first_field + k];
			for (size_t c = 0; c < MIB_ICMPMSG_NCOLUMNS; c++) {
				oid t;
				if (!f->negative && !f->duplicate &&
				    icmp_type(pf, f, ver->prefix[c], &t)) {
					counts[c][t] = f->value;
					listed[t] = true;
				}
			}
		}
	}
	memcpy(sub, mib_icmpmsg_table, mib_icmpmsg_table_len * sizeof(oid));
	sub[mib_icmpmsg_table_len] = 1; /* icmpMsgStatsEntry */
	for (size_t c = 0; c < MIB_ICMPMSG_NCOLUMNS; c++) {
		sub[mib_icmpmsg_table_len + 1] = mib_icmpmsg_columns[c];
		for (oid t = 0; t < 256; t++) {
			oid index[2] = { ver->version, t };
			if (listed[t])
				add_value(v, sub, mib_icmpmsg_table_len + 2, index, 2, ASN_COUNTER,
					  counts[c][t] & 0xffffffffu);
		}
	}
}

static void add_icmpmsg(struct mib_view *v, const struct counter_snapshot *snap)
{
	for (size_t i = 0; i < mib_icmpmsg_nversions; i++)
		add_icmpmsg_version(v, snap, &mib_icmpmsg_versions[i]);
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

void mib_view_build(struct mib_view *v, const struct counter_snapshot *snap,
		    const struct mib_context *ctx)
{
	v->n = 0;
	v->nnames = 0;
	add_objects(v, snap, ctx);
	add_icmpmsg(v, snap);
	mib_private_add(v, snap, ctx);
	resolve_names(v);
	sort_array(v->entries, v->n, sizeof(*v->entries), entry_cmp);
	v->generation = snap->generation;
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

void mib_regions_foreach(void (*fn)(void *ctx, const oid *name, size_t len), void *ctx)
{
	size_t n = mib_objects_count();
	oid name[MIB_OID_MAX];

	for (size_t i = 0; i < n; i++)
		fn(ctx, name, mib_object_oid(i, name));
	fn(ctx, name, full_oid(mib_icmpmsg_table, mib_icmpmsg_table_len, name));
	mib_private_regions(fn, ctx);
}
