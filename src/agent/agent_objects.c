/*
 * The objects the daemon serves (see agent_objects.h).
 *
 * How a request is answered: we register the very regions snmpd's own
 * modules register for the objects we serve (mib_objects.c lists them), at
 * a better priority, so snmpd never answers inside them; every row of
 * them, ipv4 and ipv6, is ours.  All regions share one handler.  It
 * fetches the snapshot for the request's transaction from the counter
 * store, rebuilds the sorted MIB view if the snapshot is new, and answers
 * GET by exact lookup and GETNEXT by the first instance after the
 * requested OID that still lies in the region; net-snmp walks on to the
 * next region when a region has nothing more.
 */
#include "agent_objects.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "conn_agent.h"
#include "counter_store.h"
#include "log.h"
#include "registrations.h"
#include "master_link.h"
#include "mib_build.h"
#include "mib_objects.h"
#include "mib_view.h"
#include "request_txn.h"
#include "set_txn.h"
#include "sysctl_agent.h"

#define APP "ipstack-agentx"

static struct settings *settings;
static struct counter_store store;
static struct mib_view view;
static struct mib_agent_stats stats;
static unsigned long connects;

static void store_log(void *ctx, const char *file, unsigned line, const char *what)
{
	(void)ctx;
	if (line)
		log_warnx("%s/%s line %u: %s", store.proc_root, file, line, what);
	else
		log_warnx("%s/%s: %s", store.proc_root, file, what);
}

static const struct mib_view *request_view(netsnmp_agent_request_info *reqinfo)
{
	struct request_key txn;
	const struct request_key *key = request_txn(reqinfo, &txn);
	const struct counter_snapshot *snap;

	snap = counter_store_get(&store, key, monotonic_ms());
	if (!view.built || view.generation != snap->generation) {
		struct mib_context ctx = {
			.refresh_ms = store.lifetime_ms,
			.agent = &stats,
		};
		stats.refreshes = store.refreshes;
		stats.refresh_us = (unsigned long)store.last_refresh_us;
		stats.parse_errors = store.parse_errors;
		stats.reconnects = connects ? connects - 1 : 0;
		sysctl_agent_counts(&stats.sets_committed, &stats.sets_refused);
		mib_view_build(&view, snap, &ctx);
		DEBUGMSGTL(("ipstack/snapshot", "snapshot %u (session %ld, transaction %ld)\n",
			    snap->generation, key ? key->session : -1L,
			    key ? key->transaction : -1L));
	}
	return &view;
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
	static const oid mib2[] = { MIB_OID_MIB2 };

	if (netsnmp_oid_is_subtree(mib2, MIB_OID_MIB2_LEN, reg->rootoid, reg->rootoid_len) == 0)
		return mib_objects_missing(vb->name, vb->name_length);
	/* a private region is a table or the agent group: its columns exist */
	return vb->name_length == reg->rootoid_len ? SNMP_NOSUCHOBJECT : SNMP_NOSUCHINSTANCE;
}

static int handle_request(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
			  netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	const struct mib_view *v = request_view(reqinfo);

	(void)handler;
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		netsnmp_variable_list *vb = r->requestvb;
		const struct mib_entry *e;

		if (r->processed)
			continue;
		switch (reqinfo->mode) {
		case MODE_GET:
			e = mib_view_get(v, vb->name, vb->name_length);
			if (e)
				set_value(vb, e);
			else
				netsnmp_set_request_error(reqinfo, r, missing(reg, vb));
			break;
		case MODE_GETNEXT:
			e = mib_view_next(v, vb->name, vb->name_length, r->inclusive);
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
	if (reqinfo->mode == MODE_GET || reqinfo->mode == MODE_GETNEXT)
		return handle_request(handler, reg, reqinfo, requests);
	sysctl_agent_scalar_set(reqinfo, requests);
	return SNMP_ERR_NOERROR;
}

static void register_region(void *ctx, const oid *name, size_t len, bool writable)
{
	netsnmp_handler_registration *reg;

	(void)ctx;
	if (writable)
		reg = netsnmp_create_handler_registration(APP, handle_writable, name, len,
							  HANDLER_CAN_RWRITE);
	else
		reg = netsnmp_create_handler_registration(APP, handle_request, name, len,
							  HANDLER_CAN_RONLY);
	if (reg)
		reg->priority = settings->conf.priority;
	registrations_add(reg, "the IP-MIB, TCP-MIB and UDP-MIB objects");
}

/* After a sysctl write: ipForwarding and ipDefaultTTL are read from net/snmp. */
static void drop_counters(void)
{
	counter_store_invalidate(&store);
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
	counter_store_init(&store, settings_proc_root(s), s->conf.cache_ms, store_log, NULL);
	sysctl_agent_init(&sc, drop_counters);
	conn_agent_configure(&cc);
}

unsigned agent_objects_register(bool connections)
{
	sysctl_agent_register(settings->conf.priority);
	/* Refused already?  Then do not let the master refuse the rest too. */
	master_link_check();
	if (connections)
		conn_agent_register(settings->conf.priority);
	/* Last, ending with ipstackAgent: tests wait for it to answer. */
	mib_regions_foreach(register_region, NULL);
	return registrations_failed();
}

void agent_objects_reconfigure(void)
{
	struct sysctl_agent_config sc = sysctl_config();
	struct conn_agent_config cc = conn_config();

	counter_store_configure(&store, settings_proc_root(settings), settings->conf.cache_ms);
	sysctl_agent_configure(&sc);
	conn_agent_configure(&cc);
	view.built = false;
}

void agent_objects_connected(void)
{
	connects++;
}

void agent_objects_shutdown(void)
{
	mib_view_free(&view);
	counter_store_free(&store);
	conn_agent_shutdown();
	sysctl_agent_shutdown();
	set_txn_shutdown();
}
