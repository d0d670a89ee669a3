/* The tables of the engine over SNMP (see table_handler.h). */
#include "table_handler.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "netsnmp_internals.h"
#include "table_set.h"
#include "table_waits.h"

/* A region as registered: shared by every context, found through reg->my_reg_void. */
struct binding {
	const struct table_region *region;
	enum context_source source;
	table_set_handler_fn set;
	oid entry[MAX_OID_LEN]; /* what the columns are under: table.1, or the group */
	size_t entry_len;
	size_t group_len; /* the group the region is in: a walk there is heading for it */
};

static struct binding *bindings[SOURCES];

/* ---- names ------------------------------------------------------------- */

/* `name`'s sub-identifiers from `from` on, as the engine's index. */
static size_t to_index(const oid *name, size_t len, size_t from, uint32_t *out)
{
	size_t n = 0;

	/* net-snmp's decoder refuses sub-identifiers past 2^32 - 1 */
	for (size_t i = from; i < len && n < TABLE_INDEX_MAX; i++)
		out[n++] = name[i] > UINT32_MAX ? UINT32_MAX : (uint32_t)name[i];
	return n;
}

static bool under(const oid *prefix, size_t plen, const oid *name, size_t len)
{
	return len >= plen && netsnmp_oid_is_subtree(prefix, plen, name, len) == 0;
}

/* The OID of `col`: the region's entry, then its number. */
static size_t column_oid(const struct binding *b, const struct table_column *col, oid *out)
{
	memcpy(out, b->entry, b->entry_len * sizeof(oid));
	out[b->entry_len] = col->sub;
	return b->entry_len + 1;
}

static const struct binding *binding_of(const struct table_region *region)
{
	for (int s = 0; s < SOURCES; s++)
		for (size_t i = 0; bindings[s] && i < context_sources[s]->nregions; i++)
			if (bindings[s][i].region == region)
				return &bindings[s][i];
	return NULL;
}

const struct table_column *table_handler_column(const struct table_region *region, const oid *name,
						size_t len)
{
	const struct binding *b = binding_of(region);

	if (!b || len <= b->entry_len || !under(b->entry, b->entry_len, name, len))
		return NULL;
	for (size_t i = 0; i < region->ncolumns; i++)
		if (region->columns[i].sub == name[b->entry_len])
			return &region->columns[i];
	return NULL;
}

const void *table_handler_row(const struct table_region *region, const struct table_column *col,
			      const void *snap, const oid *name, size_t len)
{
	const struct binding *b = binding_of(region);
	uint32_t idx[TABLE_INDEX_MAX];
	size_t n;

	if (!b || !snap || len <= b->entry_len + 1)
		return NULL;
	n = to_index(name, len, b->entry_len + 1, idx);
	return table_get(col->table, snap, idx, n);
}

void table_handler_walk_ahead(struct context *c, const oid *root, size_t len)
{
	uint64_t now = monotonic_ms();

	for (int s = 0; s < SOURCES; s++) {
		const struct table_source *src = context_sources[s];

		for (size_t i = 0; bindings[s] && i < src->nregions; i++) {
			/* the table's group: its OID without the table's number */
			const struct binding *b = &bindings[s][i];

			if (under(b->entry, b->group_len, root, len)) {
				table_set_prefetch(c->tables[s], now);
				break;
			}
		}
	}
}

/* ---- values ------------------------------------------------------------ */

/*
 * The agent's sysUpTime when the monotonic clock read `stamp_cs`: the
 * master's, as a subagent has it from the master's responses; 0 for what
 * happened before the agent started, or never (0), as TimeStamp has it
 * (RFC 2579).  The kernel's stamps are 32 bits of hundredths, so the age
 * is taken modulo 2^32 (right for ages under 497 days).
 */
static u_long stamp_to_uptime(uint64_t stamp_cs)
{
	uint32_t ago = (uint32_t)(monotonic_ms() / 10) - (uint32_t)stamp_cs;
	u_long up = netsnmp_get_agent_uptime();

	return stamp_cs && ago < up ? (u_long)(up - ago) : 0;
}

static void set_value(netsnmp_variable_list *vb, const struct table_value *v)
{
	struct counter64 c64;
	oid sub[MAX_OID_LEN];
	long l;
	u_long u;

	switch (v->type) {
	case TABLE_INTEGER:
		l = (long)v->i;
		snmp_set_var_typed_value(vb, ASN_INTEGER, &l, sizeof(l));
		break;
	case TABLE_UNSIGNED32:
	case TABLE_COUNTER32:
	case TABLE_TIMETICKS:
		u = (u_long)(v->u & 0xffffffffu);
		snmp_set_var_typed_value(vb,
					 v->type == TABLE_COUNTER32	      ? ASN_COUNTER
						 : v->type == TABLE_TIMETICKS ? ASN_TIMETICKS
									      : ASN_UNSIGNED,
					 &u, sizeof(u));
		break;
	case TABLE_COUNTER64:
		c64.high = (u_long)(v->u >> 32);
		c64.low = (u_long)(v->u & 0xffffffffu);
		snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64, sizeof(c64));
		break;
	case TABLE_OCTETS:
	case TABLE_IPADDRESS:
		snmp_set_var_typed_value(vb,
					 v->type == TABLE_IPADDRESS ? ASN_IPADDRESS : ASN_OCTET_STR,
					 v->bytes, v->len);
		break;
	case TABLE_STAMP_CS:
		u = stamp_to_uptime(v->u);
		snmp_set_var_typed_value(vb, ASN_TIMETICKS, &u, sizeof(u));
		break;
	case TABLE_OID:
		for (size_t i = 0; i < v->len && i < MAX_OID_LEN; i++)
			sub[i] = v->sub[i];
		snmp_set_var_typed_value(vb, ASN_OBJECT_ID, sub,
					 (v->len < MAX_OID_LEN ? v->len : MAX_OID_LEN) *
						 sizeof(oid));
		break;
	}
}

/* ---- reads ------------------------------------------------------------- */

/* The row of column `col` a GETNEXT from the request's name gets, or NULL. */
static const void *row_next(const struct binding *b, const struct table_column *col, void *snap,
			    const netsnmp_request_info *r)
{
	const netsnmp_variable_list *vb = r->requestvb;
	oid name[MAX_OID_LEN];
	size_t len = column_oid(b, col, name), n;
	uint32_t idx[TABLE_INDEX_MAX];

	if (!snap)
		return NULL;
	/* Before the column (the master passes on the original OID when an
	 * earlier region ran out): its first row.  Past it: nothing here. */
	if (snmp_oid_compare(vb->name, vb->name_length, name, len) <= 0)
		return table_next(col->table, snap, NULL, 0, true);
	if (!under(name, len, vb->name, vb->name_length))
		return NULL;
	n = to_index(vb->name, vb->name_length, len, idx);
	return table_next(col->table, snap, idx, n, r->inclusive);
}

/* The value of `col` at `row` into `vb`, under the name of that instance. */
static bool answer(const struct binding *b, const struct table_column *col, const void *snap,
		   const void *row, netsnmp_variable_list *vb, bool rename)
{
	struct table_value v;
	uint32_t idx[TABLE_INDEX_MAX];
	oid name[MAX_OID_LEN];
	size_t len, n;

	memset(&v, 0, offsetof(struct table_value, bytes));
	if (!col->value(snap, row, &v))
		return false;
	if (rename) {
		len = column_oid(b, col, name);
		n = col->table->index(snap, row, idx);
		for (size_t i = 0; i < n && len < MAX_OID_LEN; i++)
			name[len++] = idx[i];
		snmp_set_var_objid(vb, name, len);
	}
	set_value(vb, &v);
	return true;
}

/*
 * The columns a registration answers for: all of its region's, or the one
 * it is registered at (a region per column).
 */
struct columns {
	const struct table_column *first;
	size_t n;
};

static struct columns columns_of(const struct binding *b, const netsnmp_handler_registration *reg)
{
	const struct table_region *rg = b->region;

	if (reg->rootoid_len > b->entry_len) {
		for (size_t i = 0; i < rg->ncolumns; i++)
			if (rg->columns[i].sub == reg->rootoid[b->entry_len])
				return (struct columns){ &rg->columns[i], 1 };
		return (struct columns){ NULL, 0 };
	}
	return (struct columns){ rg->columns, rg->ncolumns };
}

/* GETNEXT in a region: the first column with an instance after the name. */
static void get_next(const struct binding *b, struct columns cols, void *snap,
		     netsnmp_request_info *r)
{
	for (size_t i = 0; i < cols.n; i++) {
		const struct table_column *col = &cols.first[i];
		const void *row = row_next(b, col, snap, r);

		/* a row without an instance of this column: the next row */
		while (row && !answer(b, col, snap, row, r->requestvb, true)) {
			uint32_t idx[TABLE_INDEX_MAX];
			size_t n = col->table->index(snap, row, idx);

			row = table_next(col->table, snap, idx, n, false);
		}
		if (row)
			return;
	}
}

/* The column whose row answers a GET or GETNEXT (NULL: none). */
static const struct table_column *answering(const struct binding *b, struct columns cols,
					    void *snap, int mode, const netsnmp_request_info *r)
{
	if (mode == MODE_GET)
		return table_handler_column(b->region, r->requestvb->name,
					    r->requestvb->name_length);
	for (size_t i = 0; i < cols.n; i++)
		if (row_next(b, &cols.first[i], snap, r))
			return &cols.first[i];
	return NULL;
}

/*
 * What the answering columns need their builds to include.  Finding the
 * answering column is a search per request, made again when the request
 * is answered: skipped where no column needs more than the plain build
 * (every table but the connection tables' process columns).
 */
static unsigned needs_of(const struct binding *b, struct columns cols, void *snap, int mode,
			 const netsnmp_request_info *requests)
{
	unsigned needs = 0, any = 0;

	for (size_t i = 0; i < cols.n; i++)
		any |= cols.first[i].needs;
	if (!any)
		return 0;
	for (const netsnmp_request_info *r = requests; r; r = r->next) {
		const struct table_column *col;

		if (!r->processed && (col = answering(b, cols, snap, mode, r)))
			needs |= col->needs;
	}
	return needs;
}

/*
 * The rows a read is answered from; NULL while they are being built
 * (unless `in_place`), or when none could be read at all.
 */
static void *read_rows(struct context *c, const struct binding *b, struct columns cols,
		       netsnmp_agent_request_info *reqinfo, const netsnmp_request_info *requests,
		       bool in_place)
{
	struct request_key buf;
	const struct request_key *key = ns_request_key(reqinfo, &buf);
	struct table_set *t = c->tables[b->source];
	uint64_t now = monotonic_ms();
	void *snap = table_set_rows(t, key, 0, in_place, now);
	unsigned needs;

	if (snap && (needs = needs_of(b, cols, snap, reqinfo->mode, requests)))
		snap = table_set_rows(t, key, needs, in_place, now);
	return snap;
}

/* GET and GETNEXT, from the rows of `snap` (NULL: none). */
static void answer_reads(const struct binding *b, struct columns cols, void *snap,
			 netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		netsnmp_variable_list *vb = r->requestvb;
		const struct table_column *col;
		const void *row;

		if (r->processed)
			continue;
		if (reqinfo->mode == MODE_GETNEXT)
			get_next(b, cols, snap, r);
		else if (!(col = table_handler_column(b->region, vb->name, vb->name_length)))
			netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHOBJECT);
		else if (!(row = table_handler_row(b->region, col, snap, vb->name,
						   vb->name_length)) ||
			 !answer(b, col, snap, row, vb, false))
			netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHINSTANCE);
	}
}

/* A read answered if its rows are there (table_retry_fn). */
static bool try_reads(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
		      netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	struct context *c = handler->myvoid;
	const struct binding *b = reg->my_reg_void;
	struct columns cols = columns_of(b, reg);
	void *snap = read_rows(c, b, cols, reqinfo, requests, false);

	if (!snap && table_set_building(c->tables[b->source]))
		return false;
	answer_reads(b, cols, snap, reqinfo, requests);
	return true;
}

/*
 * A read whose rows are being built waits delegated, so that snmpd (the
 * module) or the daemon answers everything else meanwhile; only when that
 * cannot be set up is it answered from rows built here and now.
 */
static void handle_reads(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
			 netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	struct context *c = handler->myvoid;
	const struct binding *b = reg->my_reg_void;
	struct columns cols = columns_of(b, reg);

	if (try_reads(handler, reg, reqinfo, requests) ||
	    table_waits_add(handler, reg, reqinfo, requests, try_reads, c))
		return;
	answer_reads(b, cols, read_rows(c, b, cols, reqinfo, requests, true), reqinfo, requests);
}

static int handle(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
		  netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	struct context *c = handler->myvoid;
	const struct binding *b = reg->my_reg_void;

	context_touch(c);
	if (reqinfo->mode == MODE_GET || reqinfo->mode == MODE_GETNEXT) {
		handle_reads(handler, reg, reqinfo, requests);
		return SNMP_ERR_NOERROR;
	}
	if (b->set) {
		b->set(c, b->region, reqinfo, requests);
		return SNMP_ERR_NOERROR;
	}
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		if (r->processed)
			continue;
		if (reqinfo->mode == MODE_SET_RESERVE1)
			log_info("SET %s%s refused: read-only", b->region->name,
				 log_in_context(c->name));
		netsnmp_set_request_error(reqinfo, r, SNMP_ERR_NOTWRITABLE);
	}
	return SNMP_ERR_NOERROR;
}

/* ---- registration ------------------------------------------------------ */

static bool bind_source(enum context_source s, table_set_handler_fn set)
{
	const struct table_source *src = context_sources[s];

	if (bindings[s])
		return true;
	if (!(bindings[s] = calloc(src->nregions, sizeof(*bindings[s]))))
		return false;
	for (size_t i = 0; i < src->nregions; i++) {
		struct binding *b = &bindings[s][i];
		const struct table_region *rg = &src->regions[i];

		b->region = rg;
		b->source = s;
		b->set = set;
		for (size_t k = 0; k < rg->len; k++)
			b->entry[k] = rg->oid[k];
		if (rg->kind == TABLE_REGION_SCALARS || rg->kind == TABLE_REGION_INSTANCES) {
			b->entry_len = b->group_len = rg->len;
		} else {
			b->entry[rg->len] = 1; /* table.1: the entry */
			b->entry_len = rg->len + 1;
			b->group_len = rg->len - 1;
		}
	}
	return true;
}

static void register_one(struct context *c, struct binding *b, const oid *at, size_t len,
			 const char *what, int priority)
{
	netsnmp_handler_registration *reg = netsnmp_create_handler_registration(
		what, handle, at, len, b->set ? HANDLER_CAN_RWRITE : HANDLER_CAN_RONLY);

	if (reg) {
		reg->my_reg_void = b;
		reg->handler->myvoid = c;
		reg->priority = priority;
	}
	registrations_add(&c->regs, reg, c->name, what);
}

/* A region as snmpd's module registers it: the table, each column, or
 * each scalar's instance. */
static void register_region(struct context *c, struct binding *b, int priority)
{
	const struct table_region *rg = b->region;
	oid at[MAX_OID_LEN];
	size_t len;

	if (rg->kind == TABLE_REGION_TABLE) {
		register_one(c, b, b->entry, b->entry_len - 1, rg->name, priority);
		return;
	}
	for (size_t i = 0; i < rg->ncolumns; i++) {
		len = column_oid(b, &rg->columns[i], at);
		if (rg->kind == TABLE_REGION_INSTANCES)
			at[len++] = 0;
		register_one(c, b, at, len, rg->columns[i].name, priority);
	}
}

void table_handler_register(struct context *c, enum context_source source, table_set_handler_fn set,
			    int priority)
{
	const struct table_source *src = context_sources[source];

	if (!bind_source(source, set)) {
		log_warnx("out of memory registering the %s", src->name);
		return;
	}
	for (size_t i = 0; i < src->nregions; i++)
		/* the default context keeps snmpd's own where the region says so */
		if (!src->regions[i].contexts_only || c != context_default())
			register_region(c, &bindings[source][i], priority);
}

void table_handler_shutdown(void)
{
	for (int s = 0; s < SOURCES; s++) {
		free(bindings[s]);
		bindings[s] = NULL;
	}
}
