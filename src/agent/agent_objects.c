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
#include "counter_store.h"
#include "log.h"
#include "registrations.h"
#include "master_link.h"
#include "mib_build.h"
#include "mib_objects.h"
#include "mib_oids.h"
#include "mib_view.h"
#include "request_txn.h"
#include "set_txn.h"
#include "sysctl_agent.h"

#define APP "ipstack-agentx"

/*
 * What one SNMP context serves: the default context is the daemon's own
 * namespace; every other one is a network namespace (netns_contexts.c),
 * whose files are read from inside it.
 */
struct object_context {
	char *name; /* the SNMP context; "" for the default one */
	struct counter_store store;
	struct mib_view views[2]; /* the standard objects, LINUX-IPSTACK-MIB's */
	struct conn_state *conn; /* NULL in the default context: conn_agent's own */
	struct sysctl_ns *sysctl; /* NULL in the default context: sysctl_agent's own */
	struct reg_list regs; /* a context's own; the default one's are registrations.c's */
	int enter_error; /* the last failure to enter its namespace, logged once */
	uint64_t used_ms; /* when it was last asked */
	struct object_context *next;
};

static struct settings *settings;
static struct object_context own = { .name = "" };
static struct mib_agent_stats stats;
static unsigned long connects;

static void store_log(void *ctx, const char *file, unsigned line, const char *what)
{
	const struct object_context *c = ctx;
	char where[48] = "";

	if (*c->name)
		snprintf(where, sizeof(where), " (context '%s')", c->name);
	if (line)
		log_warnx("%s/%s%s line %u: %s", c->store.proc_root, file, where, line, what);
	else
		log_warnx("%s/%s%s: %s", c->store.proc_root, file, where, what);
}

/*
 * The snapshot of `c` for this request, read inside its namespace when the
 * store reads.  A namespace that cannot be entered any more keeps what was
 * read before (or nothing): reading from here would answer with the
 * daemon's own counters.
 */
static const struct counter_snapshot *context_snapshot(struct object_context *c,
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

/* The contexts of namespaces, newest first. */
static struct object_context *contexts;

/*
 * A context nobody asked for IDLE_LIFETIMES cache lifetimes (and at least
 * IDLE_MIN_MS) gives back what it read (up to a megabyte with the private
 * tables' view), so that a daemon serving a hundred namespaces holds only
 * those being polled.
 */
#define IDLE_LIFETIMES 2
#define IDLE_MIN_MS 2000

static void release_idle(uint64_t now)
{
	uint64_t idle = (uint64_t)settings->conf.cache_ms * IDLE_LIFETIMES;

	if (idle < IDLE_MIN_MS)
		idle = IDLE_MIN_MS;
	if (now < idle)
		return;
	for (struct object_context *c = contexts; c; c = c->next) {
		/* a context whose tables are in use is in use (never a join here) */
		if (c->used_ms >= now - idle || !conn_state_release_idle(c->conn, now - idle))
			continue;
		if (!c->store.loaded)
			continue;
		mib_view_free(&c->views[0]);
		mib_view_free(&c->views[1]);
		counter_store_invalidate(&c->store);
		DEBUGMSGTL(("ipstack/contexts", "context '%s': idle, released\n", c->name));
	}
}

/* Whether a region holds standard objects (under mib-2) or private ones. */
static bool standard(const netsnmp_handler_registration *reg)
{
	static const oid mib2[] = { MIB_OID_MIB2 };

	return netsnmp_oid_is_subtree(mib2, MIB_OID_MIB2_LEN, reg->rootoid, reg->rootoid_len) == 0;
}

/* The view of the region's part of the MIB, from the request's snapshot. */
static const struct mib_view *request_view(struct object_context *c,
					   const netsnmp_handler_registration *reg,
					   netsnmp_agent_request_info *reqinfo)
{
	struct request_key txn;
	const struct request_key *key = request_txn(reqinfo, &txn);
	const struct counter_snapshot *snap = context_snapshot(c, key);
	struct mib_view *view = &c->views[standard(reg) ? 0 : 1];

	c->used_ms = monotonic_ms();
	if (!c->store.loaded && !view->built)
		return NULL; /* never read: its namespace could not be entered */
	if (!view->built || view->generation != snap->generation) {
		struct mib_context ctx = {
			.refresh_ms = c->store.lifetime_ms,
			.agent = &stats,
		};

		release_idle(c->used_ms);
		stats.refreshes = c->store.refreshes;
		stats.refresh_us = (unsigned long)c->store.last_refresh_us;
		stats.parse_errors = c->store.parse_errors;
		stats.reconnects = connects ? connects - 1 : 0;
		sysctl_agent_counts(&stats.sets_committed, &stats.sets_refused,
				    &stats.kernel_refusals);
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
	const struct mib_view *v = request_view(handler->myvoid, reg, reqinfo);

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
	struct object_context *c = handler->myvoid;

	if (reqinfo->mode == MODE_GET || reqinfo->mode == MODE_GETNEXT)
		return handle_request(handler, reg, reqinfo, requests);
	sysctl_agent_scalar_set(c->sysctl, reqinfo, requests);
	return SNMP_ERR_NOERROR;
}

static void register_region(void *ctx, const oid *name, size_t len, bool writable)
{
	struct object_context *c = ctx;
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
	registrations_add(c == &own ? NULL : &c->regs, reg, c->name,
			  "the IP-MIB, TCP-MIB and UDP-MIB objects");
}

/* After a sysctl write: ipForwarding and ipDefaultTTL are read from net/snmp. */
static void drop_counters(void *ctx)
{
	struct object_context *c = ctx;

	counter_store_invalidate(&c->store);
}

/* Each subsystem gets the part of the settings it needs, and again on reload. */
static struct sysctl_agent_config sysctl_config(void)
{
	return (struct sysctl_agent_config){
		.proc_root = settings_proc_root(settings),
		.cache_ms = settings->conf.cache_ms,
		.policy = &settings->conf.policy,
	};
}

static struct conn_agent_config conn_config(void)
{
	return (struct conn_agent_config){
		.proc_root = settings_proc_root(settings),
		.cache_ms = settings->conf.cache_ms,
		.allow_delete_tcb = settings->conf.allow_delete_tcb,
	};
}

void agent_objects_init(struct settings *s)
{
	struct sysctl_agent_config sc;
	struct conn_agent_config cc;

	settings = s;
	sc = sysctl_config();
	cc = conn_config();
	counter_store_init(&own.store, settings_proc_root(s), s->conf.cache_ms, store_log, &own);
	sysctl_agent_init(&sc, drop_counters, &own);
	conn_agent_configure(&cc);
}

unsigned agent_objects_register(bool connections)
{
	sysctl_agent_register(NULL, NULL, settings->conf.priority);
	/* Refused already?  Then do not let the master refuse the rest too. */
	master_link_check();
	if (connections)
		conn_agent_register(NULL, NULL, settings->conf.priority);
	/* Last, ending with ipstackAgent: tests wait for it to answer. */
	mib_regions_foreach(register_region, &own);
	return registrations_failed();
}

struct object_context *agent_objects_context_add(const char *name, int netns_fd)
{
	struct object_context *c = calloc(1, sizeof(*c));
	unsigned failed = registrations_failed();

	if (!c || !(c->name = strdup(name)) || !(c->conn = conn_state_new(name, netns_fd)) ||
	    !(c->sysctl = sysctl_ns_new(name, netns_fd, drop_counters, c))) {
		if (c) {
			conn_state_free(c->conn);
			free(c->name);
		}
		free(c);
		log_warnx("context '%s': out of memory", name);
		return NULL;
	}
	if (netsnmp_ds_get_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE))
		master_link_open_context(name); /* a subagent: no null regions for the master */
	/* nothing is read until the context is asked */
	counter_store_init(&c->store, settings_proc_root(settings), settings->conf.cache_ms,
			   store_log, c);
	c->store.netns_fd = netns_fd;
	sysctl_agent_register(c->sysctl, &c->regs, settings->conf.priority);
	conn_agent_register(c->conn, &c->regs, settings->conf.priority);
	mib_regions_foreach(register_region, c);
	c->next = contexts;
	contexts = c;
	if (registrations_failed() != failed) {
		agent_objects_context_remove(c);
		return NULL;
	}
	return c;
}

void agent_objects_context_remove(struct object_context *c)
{
	struct object_context **p = &contexts;

	while (*p && *p != c)
		p = &(*p)->next;
	if (*p)
		*p = c->next;
	registrations_drop(&c->regs);
	mib_view_free(&c->views[0]);
	mib_view_free(&c->views[1]);
	counter_store_free(&c->store);
	conn_state_free(c->conn);
	sysctl_ns_free(c->sysctl);
	free(c->name);
	free(c);
}

void agent_objects_reconfigure(void)
{
	struct sysctl_agent_config sc = sysctl_config();
	struct conn_agent_config cc = conn_config();

	counter_store_configure(&own.store, settings_proc_root(settings), settings->conf.cache_ms);
	sysctl_agent_configure(&sc);
	conn_agent_configure(&cc);
	own.views[0].built = own.views[1].built = false;
	for (struct object_context *c = contexts; c; c = c->next) {
		counter_store_configure(&c->store, settings_proc_root(settings),
					settings->conf.cache_ms);
		sysctl_ns_reconfigure(c->sysctl);
		c->views[0].built = c->views[1].built = false;
	}
}

void agent_objects_join_builds(void)
{
	conn_state_join(NULL);
	for (struct object_context *c = contexts; c; c = c->next)
		conn_state_join(c->conn);
}

bool agent_objects_served_elsewhere(void)
{
	static const oid health[] = { MIB_OID_IPSTACK, 1, 4 }; /* ipstackAgent */
	netsnmp_subtree *t =
		netsnmp_subtree_find(health, sizeof(health) / sizeof(health[0]), NULL, "");
	const netsnmp_handler_registration *r = t ? t->reginfo : NULL;

	return r && r->handlerName && !strcmp(r->handlerName, APP) && r->handler &&
		r->handler->access_method != handle_request;
}

void agent_objects_connected(void)
{
	connects++;
}

void agent_objects_shutdown(void)
{
	while (contexts)
		agent_objects_context_remove(contexts);
	mib_view_free(&own.views[0]);
	mib_view_free(&own.views[1]);
	counter_store_free(&own.store);
	conn_agent_shutdown();
	sysctl_agent_shutdown();
	set_txn_shutdown();
}
