/*
 * The tables of the engine over SNMP: every region of a source registered
 * in a context, one handler for all of them.  GET and GETNEXT are answered
 * from the context's rows for the request (table_set.h): a read that must
 * wait for a build waits delegated (table_waits.h), alone.  SETs of a
 * region's writable columns go to the source's own SET handler.
 */
#ifndef IPSTACK_TABLE_HANDLER_H
#define IPSTACK_TABLE_HANDLER_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "context.h"
#include "table_def.h"

/* A SET of a region (every phase); NULL: its columns are read-only. */
typedef void (*table_set_handler_fn)(struct context *c, const struct table_region *region,
				     netsnmp_agent_request_info *reqinfo,
				     netsnmp_request_info *requests);

/* Every region of `source` in context `c`, at `priority`, into c->regs. */
void table_handler_register(struct context *c, enum context_source source, table_set_handler_fn set,
			    int priority);

/*
 * A GETNEXT in context `c` from region `root` (a full OID): if that region
 * lies in a group holding tables of the engine (tcp, udp), start the
 * builds the walk is heading for (table_set_prefetch).
 */
void table_handler_walk_ahead(struct context *c, const oid *root, size_t len);

/* The column of `region` that `name` (a full OID) names, or NULL. */
const struct table_column *table_handler_column(const struct table_region *region, const oid *name,
						size_t len);
/* The row of column `col` that `name` (a full OID) names in `snap`, or NULL. */
const void *table_handler_row(const struct table_region *region, const struct table_column *col,
			      const void *snap, const oid *name, size_t len);

/* At exit or unload, after every context is gone. */
void table_handler_shutdown(void);

#endif
