/*
 * deleteTCB (see conn_agent.h).  A SET looks the connection up in a dump of
 * its own transaction (rows of now), then destroys it in COMMIT, the one
 * phase after which nothing can fail; nothing changes before, so there is
 * nothing to undo.
 */
#include "conn_agent.h"

#include <errno.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn_diag.h"
#include "conn_table.h"
#include "log.h"
#include "netns.h"
#include "netsnmp_internals.h"
#include "set_txn.h"

#define PENDING_KEY "ipstack-delete-tcb"

static bool allow_delete_tcb;

void conn_agent_configure(bool allow)
{
	allow_delete_tcb = allow;
}

/* RESERVE1 of a SET of a state column: only deleteTCB, only if allowed. */
static int reserve(struct context *c, const struct table_region *region,
		   const struct table_column *col, netsnmp_agent_request_info *reqinfo,
		   netsnmp_request_info *r)
{
	netsnmp_variable_list *vb = r->requestvb;
	struct request_key buf;
	const struct conn_row *row;
	struct conn_row *pending;
	char tuple[CONN_ROW_TEXT_MAX];
	void *rows;

	if (!allow_delete_tcb) {
		log_notice("SET %s%s refused: deleteTCB is not allowed by the configuration "
			   "(allowDeleteTcb)",
			   col->name, log_in_context(c->name));
		return SNMP_ERR_NOTWRITABLE;
	}
	if (vb->type != ASN_INTEGER || vb->val_len != sizeof(long)) {
		log_info("SET %s refused: it takes an INTEGER", col->name);
		return vb->type != ASN_INTEGER ? SNMP_ERR_WRONGTYPE : SNMP_ERR_WRONGLENGTH;
	}
	if (*vb->val.integer != CONN_MIB_DELETE_TCB) {
		log_info("SET %s refused: %ld; only deleteTCB(12) can be written", col->name,
			 *vb->val.integer);
		return SNMP_ERR_WRONGVALUE;
	}
	rows = table_set_rows_now(c->tables[SOURCE_CONN], ns_request_key(reqinfo, &buf),
				  monotonic_ms());
	row = table_handler_row(region, col, rows, vb->name, vb->name_length);
	if (!row) {
		log_info("SET %s%s refused: no such connection", col->name,
			 log_in_context(c->name));
		return SNMP_ERR_NOCREATION;
	}
	if (row->state == TCP_LISTEN) {
		/* a listener has no 4-tuple to name; the kernel would pick one */
		log_info("SET %s refused: deleteTCB on a listener", col->name);
		return SNMP_ERR_INCONSISTENTVALUE;
	}
	if (!(pending = malloc(sizeof(*pending)))) {
		log_warnx("SET %s refused: out of memory", col->name);
		return SNMP_ERR_RESOURCEUNAVAILABLE;
	}
	*pending = *row;
	conn_row_format(row, tuple, sizeof(tuple));
	log_info("SET %s%s: deleteTCB %s reserved", col->name, log_in_context(c->name), tuple);
	netsnmp_request_add_list_data(r, netsnmp_create_data_list(PENDING_KEY, pending, free));
	return SNMP_ERR_NOERROR;
}

static int destroy(struct context *c, const char *column, const struct conn_row *row)
{
	char tuple[CONN_ROW_TEXT_MAX];
	int err = 0;

	if (!c->destroyer && !(c->destroyer = calloc(1, sizeof(*c->destroyer))))
		err = -ENOMEM;
	else if ((err = netns_enter(c->netns_fd)) != 0)
		err = -err;
	else {
		/* its netlink socket is made in the namespace, the first time */
		err = conn_diag_destroy(c->destroyer, row);
		netns_leave(c->netns_fd);
	}
	conn_row_format(row, tuple, sizeof(tuple));
	table_set_invalidate(c->tables[SOURCE_CONN]); /* the next read shows the table without it */
	if (err == -ENOENT) {
		log_notice("SET %s%s: deleteTCB %s: the connection had already gone", column,
			   log_in_context(c->name), tuple);
		return SNMP_ERR_NOERROR;
	}
	if (err < 0) {
		log_warnx("SET %s%s: deleteTCB %s failed: %s", column, log_in_context(c->name),
			  tuple, strerror(-err));
		return SNMP_ERR_COMMITFAILED;
	}
	log_notice("SET %s%s: deleteTCB %s: connection destroyed", column, log_in_context(c->name),
		   tuple);
	return SNMP_ERR_NOERROR;
}

void conn_agent_set(struct context *c, const struct table_region *region,
		    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	if (reqinfo->mode == MODE_SET_RESERVE1 && !set_txn_track(reqinfo)) {
		for (netsnmp_request_info *r = requests; r; r = r->next)
			netsnmp_set_request_error(reqinfo, r, SNMP_ERR_RESOURCEUNAVAILABLE);
		return;
	}
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		const netsnmp_variable_list *vb = r->requestvb;
		const struct table_column *col =
			table_handler_column(region, vb->name, vb->name_length);
		const struct conn_row *row;
		int rc = SNMP_ERR_NOERROR;

		if (r->processed)
			continue;
		switch (reqinfo->mode) {
		case MODE_SET_RESERVE1:
			if (col && conn_column_is_state(col))
				rc = reserve(c, region, col, reqinfo, r);
			else {
				log_info("SET %s%s refused: read-only",
					 col ? col->name : region->name, log_in_context(c->name));
				rc = SNMP_ERR_NOTWRITABLE;
			}
			break;
		case MODE_SET_COMMIT:
			if ((row = netsnmp_request_get_list_data(r, PENDING_KEY)))
				rc = destroy(c, col ? col->name : region->name, row);
			break;
		default:
			break; /* nothing is changed before COMMIT: nothing to undo */
		}
		if (rc != SNMP_ERR_NOERROR)
			netsnmp_set_request_error(reqinfo, r, rc);
	}
	set_txn_finish(reqinfo);
}
