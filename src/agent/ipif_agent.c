/* SETs of the interface tables (see ipif_agent.h). */
#include "ipif_agent.h"

#include <stdio.h>

#include "ipif.h"
#include "netsnmp_internals.h"
#include "sysctl_agent.h"
#include "table_set.h"

struct rows_now {
	const struct table_region *region;
	const struct ipif_snap *snap; /* the interfaces of now */
};

/* The tunable varbind `vb` names: its column's file of the row's interface. */
static void target(const netsnmp_variable_list *vb, struct sysctl_target *t, void *ctx)
{
	const struct rows_now *now = ctx;
	const struct table_column *col =
		table_handler_column(now->region, vb->name, vb->name_length);
	const struct ipif_tunable *tun = col ? ipif_column_tunable(col) : NULL;
	const struct ipif_link *l;

	snprintf(t->name, sizeof(t->name), "%s", col ? col->name : now->region->name);
	if (!tun) {
		t->refusal = "read-only";
		t->refusal_status = SNMP_ERR_NOTWRITABLE;
	} else if (!(l = table_handler_row(now->region, col, now->snap, vb->name,
					   vb->name_length))) {
		t->refusal = "no such interface (rows are not created by SET)";
		t->refusal_status = SNMP_ERR_NOCREATION;
	} else {
		snprintf(t->path, sizeof(t->path), "ipv6/conf/%s/%s", l->name, tun->file);
		t->map = tun->inverted ? SYSCTL_MAP_FALSEHOOD : SYSCTL_MAP_TRUTH;
		t->one = tun->one;
		t->two = tun->two;
	}
}

void ipif_agent_set(struct context *c, const struct table_region *region,
		    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	struct rows_now now = { region, NULL };
	struct request_key buf;
	struct table_set *t = c->tables[SOURCE_IPIF];

	if (reqinfo->mode == MODE_SET_RESERVE1)
		now.snap = table_set_rows_now(t, ns_request_key(reqinfo, &buf), monotonic_ms());
	sysctl_agent_integer_set(c, reqinfo, requests, target, &now);
	/* the rows show the interfaces' settings: read them anew */
	if (reqinfo->mode == MODE_SET_COMMIT || reqinfo->mode == MODE_SET_UNDO)
		table_set_invalidate(t);
}
