/*
 * The objects the daemon serves (see agent_objects.h).
 *
 * How a request is answered: we register the very regions snmpd's own
 * modules register for the objects we serve (mib_objects.c lists them), at
 * a better priority, so snmpd never answers inside them; every row of
 * them, ipv4 and ipv6, is ours.  All regions share one handler.  It
 * fetches the snapshot for the request's transaction from the counter
 * store, rebuilds the sorted MIB view of the region's part (the standard
 * objects, or LINUX-IPSTACK-MIB's) if the snapshot is new, and answers
 * GET by exact lookup and GETNEXT by the first instance after the
 * requested OID that still lies in the region; net-snmp walks on to the
 * next region when a region has nothing more.
 */
#include "agent_objects.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn_agent.h"
#include "ipif_agent.h"
#include "spin_lock.h"
#include "context.h"
#include "counter_store.h"
#include "log.h"
#include "netsnmp_internals.h"
#include "registrations.h"
#include "mib_build.h"
#include "mib_objects.h"
#include "mib_oids.h"
#include "mib_view.h"
#include "set_txn.h"
#include "sysctl_agent.h"
#include "table_handler.h"
#include "table_waits.h"
#include "tunable_notify.h"

#define APP "ipstack-agentx"

static struct settings *settings;
/* The daemon's: exits when the master refused our first registrations. */
static void (*refused_check)(void);
static struct mib_agent_stats stats;
static unsigned long connects;

/*
 * The snapshot of `c` for this request, read inside its namespace when the
 * store reads.  A namespace that cannot be entered any more keeps what was
 * read before (or nothing): reading from here would answer with the
 * daemon's own counters.
 */
static const struct counter_snapshot *context_snapshot(struct context *c,
						       const struct request_key *key)
{
	const struct counter_snapshot *snap = counter_store_get(&c->store, key, monotonic_ms());
	int err = c->store.enter_error;

	if (err && err != c->enter_error)
		log_warnx("context '%s': cannot enter its network namespace: %s; "
			  "answering from what was read before",
			  c->name, strerror(err));
	c->enter_error = err;
	return snap;
}

/* Whether a region holds standard objects (under mib-2) or private ones. */
static bool standard(const netsnmp_handler_registration *reg)
{
	static const oid mib2[] = { MIB_OID_MIB2 };

	return netsnmp_oid_is_subtree(mib2, MIB_OID_MIB2_LEN, reg->rootoid, reg->rootoid_len) == 0;
}

/* The view of the region's part of the MIB, from the request's snapshot. */
static const struct mib_view *request_view(struct context *c,
					   const netsnmp_handler_registration *reg,
					   netsnmp_agent_request_info *reqinfo)
{
	struct request_key txn;
	const struct request_key *key = ns_request_key(reqinfo, &txn);
	const struct counter_snapshot *snap = context_snapshot(c, key);
	struct mib_view *view = &c->views[standard(reg) ? 0 : 1];

	context_touch(c);
	if (!c->store.loaded && !view->built)
		return NULL; /* never read: its namespace could not be entered */
	if (!view->built || view->generation != snap->generation) {
		struct mib_context ctx = {
			.refresh_ms = c->store.lifetime_ms,
			.agent = &stats,
		};

		context_release_idle(c->used_ms);
		stats.refreshes = c->store.refreshes;
		stats.refresh_us = (unsigned long)c->store.last_refresh_us;
		stats.parse_errors = c->store.parse_errors;
		stats.reconnects = connects ? connects - 1 : 0;
		sysctl_agent_counts(&stats.sets_committed, &stats.sets_refused,
				    &stats.kernel_refusals);
		stats.tunable_last_change = tunable_notify_last_change();
		mib_view_build_parts(view, snap, &ctx,
				     view == &c->views[0] ? MIB_PART_STANDARD : MIB_PART_PRIVATE);
		DEBUGMSGTL(("ipstack/snapshot",
			    "snapshot %u (context '%s', session %ld, transaction %ld)\n",
			    snap->generation, c->name, key ? key->session : -1L,
			    key ? key->transaction : -1L));
	}
	return view;
}

static void set_value(netsnmp_variable_list *vb, const struct mib_entry *e)
{
	if (e->type == ASN_COUNTER64) {
		struct counter64 c = {
			.high = (u_long)(e->value >> 32),
			.low = (u_long)(e->value & 0xffffffffu),
		};
		snmp_set_var_typed_value(vb, ASN_COUNTER64, &c, sizeof(c));
	} else if (e->type == ASN_OCTET_STR) {
		snmp_set_var_typed_value(vb, ASN_OCTET_STR, e->str, e->slen);
	} else {
		long v = (long)(int64_t)e->value;
		snmp_set_var_typed_value(vb, e->type, &v, sizeof(v));
	}
}

/* What a GET that found nothing answers. */
static int missing(const netsnmp_handler_registration *reg, const netsnmp_variable_list *vb)
{
	if (standard(reg))
		return mib_objects_missing(vb->name, vb->name_length);
	/* a private region is a table or the agent group: its columns exist */
	return vb->name_length == reg->rootoid_len ? SNMP_NOSUCHOBJECT : SNMP_NOSUCHINSTANCE;
}

static int handle_request(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
			  netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	const struct mib_view *v;

	/* a walk of tcp or udp reaches the connection tables next: their
	 * build runs while the counters are read (never for a mere GET) */
	if (reqinfo->mode == MODE_GETNEXT)
		table_handler_walk_ahead(handler->myvoid, reg->rootoid, reg->rootoid_len);
	v = request_view(handler->myvoid, reg, reqinfo);

	for (netsnmp_request_info *r = requests; r; r = r->next) {
		netsnmp_variable_list *vb = r->requestvb;
		const struct mib_entry *e;

		if (r->processed)
			continue;
		switch (reqinfo->mode) {
		case MODE_GET:
			e = v ? mib_view_get(v, vb->name, vb->name_length) : NULL;
			if (e)
				set_value(vb, e);
			else
				netsnmp_set_request_error(reqinfo, r, missing(reg, vb));
			break;
		case MODE_GETNEXT:
			e = v ? mib_view_next(v, vb->name, vb->name_length, r->inclusive) : NULL;
			if (e &&
			    netsnmp_oid_is_subtree(reg->rootoid, reg->rootoid_len, e->name,
						   e->len) == 0) {
				snmp_set_var_objid(vb, e->name, e->len);
				set_value(vb, e);
			}
			break;
		default:
			netsnmp_set_request_error(reqinfo, r, SNMP_ERR_NOTWRITABLE);
			break;
		}
	}
	return SNMP_ERR_NOERROR;
}

/* ipForwarding.0 and ipDefaultTTL.0: read from the view, written as sysctls. */
static int handle_writable(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
			   netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	struct context *c = handler->myvoid;

	if (reqinfo->mode == MODE_GET || reqinfo->mode == MODE_GETNEXT)
		return handle_request(handler, reg, reqinfo, requests);
	sysctl_agent_scalar_set(c, reqinfo, requests);
	return SNMP_ERR_NOERROR;
}

static void register_region(void *ctx, const oid *name, size_t len, bool writable)
{
	struct context *c = ctx;
	netsnmp_handler_registration *reg;

	if (writable)
		reg = netsnmp_create_handler_registration(APP, handle_writable, name, len,
							  HANDLER_CAN_RWRITE);
	else
		reg = netsnmp_create_handler_registration(APP, handle_request, name, len,
							  HANDLER_CAN_RONLY);
	if (reg) {
		reg->priority = settings->conf.priority;
		reg->handler->myvoid = c;
	}
	registrations_add(&c->regs, reg, c->name, "the IP-MIB, TCP-MIB and UDP-MIB objects");
}

static struct context_config context_settings(void)
{
	return (struct context_config){
		.proc_root = settings_proc_root(settings),
		.cache_ms = settings->conf.cache_ms,
	};
}

/* Each subsystem gets the part of the settings it needs, and again on reload. */
static void configure_subsystems(void)
{
	sysctl_agent_configure(&settings->conf.policy, settings->conf.persist_file);
	conn_agent_configure(settings->conf.allow_delete_tcb);
	tunable_notify_configure(settings->conf.notify_tunables, settings->conf.tunable_poll_s);
}

bool agent_objects_init(struct settings *s, void (*check)(void))
{
	struct context_config cc;

	settings = s;
	refused_check = check;
	cc = context_settings();
	configure_subsystems();
	registrations_reset();
	return context_init(&cc) && table_waits_start();
}

/* Every region of context `c`; false when one could not be registered. */
static bool register_context(struct context *c, bool connections)
{
	unsigned failed = registrations_failed();

	sysctl_agent_register(c, settings->conf.priority);
	/* Refused already?  Then do not let the master refuse the rest too. */
	if (refused_check)
		refused_check();
	if (connections)
		table_handler_register(c, SOURCE_CONN, conn_agent_set, settings->conf.priority);
	table_handler_register(c, SOURCE_IPIF, ipif_agent_set, settings->conf.priority);
	table_handler_register(c, SOURCE_NEIGH, NULL, settings->conf.priority);
	table_handler_register(c, SOURCE_ROUTE, NULL, settings->conf.priority);
	spin_lock_register(c, settings->conf.priority);
	/* Last, ending with ipstackAgent: tests wait for it to answer. */
	mib_regions_foreach(register_region, c);
	return registrations_failed() == failed;
}

unsigned agent_objects_register(bool connections)
{
	register_context(context_default(), connections);
	return registrations_failed();
}

struct context *agent_objects_context_add(const char *name, int netns_fd)
{
	struct context *c = context_new(name, netns_fd);

	if (!c)
		return NULL;
	if (netsnmp_ds_get_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE))
		ns_open_context_quietly(name); /* a subagent: no null regions for the master */
	if (!register_context(c, true)) {
		agent_objects_context_remove(c);
		return NULL;
	}
	return c;
}

void agent_objects_context_remove(struct context *c)
{
	registrations_drop(&c->regs);
	context_free(c);
}

void agent_objects_reconfigure(void)
{
	struct context_config cc = context_settings();

	configure_subsystems();
	context_configure_all(&cc);
}

void agent_objects_finish_builds(void)
{
	for (struct context *c = context_first(); c; c = c->next)
		for (int s = 0; s < SOURCES; s++)
			table_set_finish_build(c->tables[s]);
}

bool agent_objects_served_elsewhere(void)
{
	static const oid health[] = { MIB_OID_IPSTACK, 1, 4 }; /* ipstackAgent */

	return ns_registered_by_another(health, sizeof(health) / sizeof(health[0]), APP,
					handle_request);
}

void agent_objects_connected(void)
{
	connects++;
}

void agent_objects_shutdown(void)
{
	for (struct context *c = context_first(); c; c = c->next)
		registrations_drop(&c->regs);
	table_waits_stop();
	tunable_notify_shutdown();
	context_shutdown();
	table_engine_shutdown();
	table_handler_shutdown();
	sysctl_agent_shutdown();
	set_txn_shutdown();
}
