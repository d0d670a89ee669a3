/*
 * LINUX-IPSTACK-MIB's counter, sockstat and agent objects (see
 * mib_private.h).  Indexes are length-prefixed OCTET STRINGs of at most 32
 * bytes: ipstackCounterEntry is { file, section, name } ("netstat",
 * "TcpExt", "ListenOverflows"), ipstackSockstatEntry { protocol, field }.
 *
 * A signed field (Tcp MaxConn, -1 on Linux) has no ipstackCounterValue
 * instance while negative, since Counter64 cannot carry it; its
 * ipstackCounterText always shows the kernel's text, and its
 * ipstackCounterKind says signed(4).
 */
#include "mib_private.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

const oid ipstack_mib_oid[IPSTACK_MIB_LEN] = { MIB_OID_IPSTACK };

#define INDEX_MAX 32

/* Sub-identifiers below ipstackMIB: objects(1).{counters(1),sockstat(2),agent(4)} */
static const oid counter_entry[] = { 1, 1, 1, 1 }; /* ipstackCounterEntry */
static const oid sockstat_entry[] = { 1, 2, 1, 1 }; /* ipstackSockstatEntry */
static const oid agent_group[] = { 1, 4 }; /* ipstackAgent */

enum { CCOL_VALUE = 4, CCOL_KIND = 5, CCOL_TEXT = 6, CCOL_COUNT = 7, CCOL_LEVEL = 8 };
enum { SCOL_VALUE = 3 };

/* Append a length-prefixed string index; false if longer than INDEX_MAX. */
static bool push_index(oid *idx, size_t *n, const char *s, size_t len)
{
	if (len < 1 || len > INDEX_MAX)
		return false;
	idx[(*n)++] = len;
	for (size_t i = 0; i < len; i++)
		idx[(*n)++] = (unsigned char)s[i];
	return true;
}

static void add_column(struct mib_view *v, const oid *entry, size_t elen, oid col, const oid *idx,
		       size_t n, u_char type, uint64_t value)
{
	oid head[8];

	memcpy(head, entry, elen * sizeof(oid));
	head[elen] = col;
	mib_view_add(v, ipstack_mib_oid, IPSTACK_MIB_LEN, head, elen + 1, idx, n, type, value);
}

static void add_text(struct mib_view *v, const oid *idx, size_t n, const struct proc_field *f)
{
	oid head[8];
	struct mib_entry *e;
	int len;

	memcpy(head, counter_entry, sizeof(counter_entry));
	head[4] = CCOL_TEXT;
	e = mib_view_add(v, ipstack_mib_oid, IPSTACK_MIB_LEN, head, 5, idx, n, ASN_OCTET_STR, 0);
	if (!e)
		return;
	len = f->negative ? snprintf(e->str, sizeof(e->str), "%" PRId64, (int64_t)f->value)
			  : snprintf(e->str, sizeof(e->str), "%" PRIu64, f->value);
	e->slen = (uint8_t)len;
}

/* A name as a C string, for the kind table. */
static void copy_name(const char *s, size_t len, char *out, size_t outlen)
{
	size_t n = len < outlen - 1 ? len : outlen - 1;

	memcpy(out, s, n);
	out[n] = '\0';
}

/*
 * The value again, typed by its kind: a counter as Counter64
 * (ipstackCounterCount), anything else as Integer32 (ipstackCounterLevel)
 * where it fits.
 */
static void add_typed(struct mib_view *v, const oid *idx, size_t n, const struct proc_field *f,
		      enum counter_kind kind)
{
	int64_t sv = (int64_t)f->value;

	if (kind == COUNTER_KIND_COUNTER) {
		if (!f->negative)
			add_column(v, counter_entry, 4, CCOL_COUNT, idx, n, ASN_COUNTER64,
				   f->value);
	} else if (f->negative ? sv >= INT32_MIN : f->value <= INT32_MAX) {
		add_column(v, counter_entry, 4, CCOL_LEVEL, idx, n, ASN_INTEGER, f->value);
	}
}

struct rows {
	struct mib_view *v;
	const char *file; /* ipstackCounterFile: "snmp", "netstat" */
};

static void add_counter_row(void *ctx, const struct proc_item *it)
{
	const struct rows *r = ctx;
	const struct proc_field *f = it->field;
	char section[INDEX_MAX + 1], field[INDEX_MAX + 1];
	oid idx[3 * (INDEX_MAX + 1)];
	enum counter_kind kind;
	size_t n = 0;

	if (!push_index(idx, &n, r->file, strlen(r->file)) ||
	    !push_index(idx, &n, it->section, it->section_len) ||
	    !push_index(idx, &n, it->name, it->name_len))
		return;
	copy_name(it->section, it->section_len, section, sizeof(section));
	copy_name(it->name, it->name_len, field, sizeof(field));
	kind = counter_kind_of(section, field);
	if (!f->negative)
		add_column(r->v, counter_entry, 4, CCOL_VALUE, idx, n, ASN_COUNTER64, f->value);
	add_column(r->v, counter_entry, 4, CCOL_KIND, idx, n, ASN_INTEGER, kind);
	add_text(r->v, idx, n, f);
	add_typed(r->v, idx, n, f, kind);
}

/*
 * net/snmp6 lines have no section: the name's protocol prefix, up to its
 * '6', is the section ("Icmp6InEchos" is Icmp6, InEchos), so that its rows
 * read like the other files'.
 */
static void add_snmp6_row(void *ctx, const struct proc_item *it)
{
	const char *six = memchr(it->name, '6', it->name_len);
	struct proc_item split = *it;

	if (!six || six + 1 == it->name + it->name_len)
		return; /* no such name in any kernel: nothing to index it by */
	split.section = it->name;
	split.section_len = (size_t)(six + 1 - it->name);
	split.name = six + 1;
	split.name_len = it->name_len - split.section_len;
	add_counter_row(ctx, &split);
}

static void add_sockstat_row(void *ctx, const struct proc_item *it)
{
	const struct rows *r = ctx;
	const struct proc_field *f = it->field;
	oid idx[2 * (INDEX_MAX + 1)];
	size_t n = 0;

	if (f->negative || !push_index(idx, &n, it->section, it->section_len) ||
	    !push_index(idx, &n, it->name, it->name_len))
		return;
	add_column(r->v, sockstat_entry, 4, SCOL_VALUE, idx, n, ASN_GAUGE,
		   f->value > 0xffffffffu ? 0xffffffffu : f->value);
}

static void add_agent(struct mib_view *v, const struct mib_agent_stats *a)
{
	const struct {
		oid sub;
		u_char type;
		unsigned long value;
	} objs[] = {
		{ 1, ASN_COUNTER, a->refreshes },
		{ 2, ASN_GAUGE, a->refresh_us },
		{ 3, ASN_COUNTER, a->parse_errors },
		{ 4, ASN_COUNTER, a->reconnects },
		{ 5, ASN_COUNTER, a->sets_committed },
		{ 6, ASN_COUNTER, a->sets_refused },
		{ 7, ASN_COUNTER, a->kernel_refusals },
		{ 8, ASN_TIMETICKS, a->tunable_last_change },
	};

	for (size_t i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
		oid tail[2] = { objs[i].sub, 0 };
		mib_view_add(v, ipstack_mib_oid, IPSTACK_MIB_LEN, agent_group, 2, tail, 2,
			     objs[i].type, objs[i].value & 0xffffffffu);
	}
}

void mib_private_add(struct mib_view *v, const struct counter_snapshot *snap,
		     const struct mib_context *ctx)
{
	struct rows snmp = { v, "snmp" }, netstat = { v, "netstat" }, snmp6 = { v, "snmp6" },
		    sockstat = { v, NULL };

	proc_file_each(&snap->files[COUNTER_FILE_SNMP], add_counter_row, &snmp);
	proc_file_each(&snap->files[COUNTER_FILE_NETSTAT], add_counter_row, &netstat);
	proc_file_each(&snap->files[COUNTER_FILE_SNMP6], add_snmp6_row, &snmp6);
	proc_file_each(&snap->files[COUNTER_FILE_SOCKSTAT], add_sockstat_row, &sockstat);
	/* its sections are TCP6, UDP6 ...: never a name sockstat has */
	proc_file_each(&snap->files[COUNTER_FILE_SOCKSTAT6], add_sockstat_row, &sockstat);
	if (ctx->agent)
		add_agent(v, ctx->agent);
}

void mib_private_regions(mib_region_fn fn, void *ctx)
{
	static const oid branches[] = { 1, 2, 4 }; /* counters, sockstat, agent */
	oid name[IPSTACK_MIB_LEN + 2];

	memcpy(name, ipstack_mib_oid, sizeof(ipstack_mib_oid));
	name[IPSTACK_MIB_LEN] = 1; /* ipstackObjects */
	for (size_t i = 0; i < sizeof(branches) / sizeof(branches[0]); i++) {
		name[IPSTACK_MIB_LEN + 1] = branches[i];
		fn(ctx, name, IPSTACK_MIB_LEN + 2, false);
	}
}
