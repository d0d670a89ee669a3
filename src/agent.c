/*
 * The AgentX side of the daemon.
 *
 * How a request is answered: at start-up every scalar instance and every
 * ipv4 row of the stats-table columns we serve is registered with the master
 * as its own region (snmpd's own modules register whole tables, so ours, more
 * specific, win and snmpd keeps the ipv6 rows).  All regions share one
 * handler.  It fetches the snapshot for the request's AgentX transaction from
 * the counter store, rebuilds the sorted MIB view if the snapshot is new, and
 * answers GET by exact lookup and GETNEXT by the first instance after the
 * requested OID that still lies in the region; net-snmp walks on to the next
 * region when a region has nothing more.
 */
#include "agent.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_callbacks.h>

#include <errno.h>
#include <netlink/errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/select.h>
#include <sys/time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conn_agent.h"
#include "config_tokens.h"
#include "counter_store.h"
#include "link_watch.h"
#include "log.h"
#include "request_txn.h"
#include "mib_view.h"
#include "sysctl_agent.h"

#define APP "ipstack-agentx"

static struct settings *settings;
static struct counter_store store;
static struct mib_view view;
static struct mib_agent_stats stats;
static unsigned long connects;
static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t reload_requested;

static const char *unsafe_config(void);

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
	struct counter_txn txn;
	const struct counter_txn *key = request_txn(reqinfo, &txn);
	const struct counter_snapshot *snap;

	snap = counter_store_get(&store, key, counter_now_ms());
	if (!view.built || view.generation != snap->generation) {
		struct mib_context ctx = {
			.proc_root = store.proc_root,
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
				/* a region is one instance, or a column's ipv4 rows */
				netsnmp_set_request_error(reqinfo, r,
							  vb->name_length == reg->rootoid_len
								  ? SNMP_NOSUCHOBJECT
								  : SNMP_NOSUCHINSTANCE);
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

static void register_region(void *ctx, const oid *name, size_t len)
{
	netsnmp_handler_registration *reg;
	char buf[128];

	(void)ctx;
	if (sysctl_agent_is_scalar(name, len))
		reg = netsnmp_create_handler_registration(APP, handle_writable, name, len,
							  HANDLER_CAN_RWRITE);
	else
		reg = netsnmp_create_handler_registration(APP, handle_request, name, len,
							  HANDLER_CAN_RONLY);
	if (!reg)
		fatalx("out of memory registering objects");
	reg->priority = settings->priority;
	if (netsnmp_register_handler(reg) != MIB_REGISTERED_OK) {
		snprint_objid(buf, sizeof(buf), name, len);
		fatalx("cannot register %s", buf);
	}
}

/* After a sysctl write: ipForwarding and ipDefaultTTL are read from net/snmp. */
static void drop_counters(void)
{
	counter_store_invalidate(&store);
}

/* The subagent library announces every (re)connection to the master. */
static int count_connect(int major, int minor, void *server, void *client)
{
	(void)major, (void)minor, (void)server, (void)client;
	connects++;
	return SNMPERR_SUCCESS;
}

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		reload_requested = 1;
	else
		stop_signal = sig;
}

static void install_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* The -x address wins over agentXSocket in the configuration file. */
static int apply_command_line(int major, int minor, void *server, void *client)
{
	(void)major, (void)minor, (void)server, (void)client;
	if (settings->master)
		netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET,
				      settings->master);
	return SNMPERR_SUCCESS;
}

static void library_defaults(void)
{
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
	/* A subagent has no state worth persisting: write nothing to /var/lib. */
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
	/* Timers run from the main loop, never from SIGALRM. */
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_ALARM_DONT_USE_SIG, 1);
	/* Without a ping interval a lost master is never reconnected. */
	netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL,
			   DEFAULT_PING_INTERVAL);
	/* We work with numeric OIDs only: load no MIB modules. */
	setenv("MIBS", "", 1);
	if (settings->config_file) {
		netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OPTIONALCONFIG,
				      settings->config_file);
		netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
	}
}

static void setup_logging(void)
{
	if (settings->log_chosen)
		return;
	if (settings->foreground)
		snmp_enable_stderrlog();
	else
		snmp_enable_syslog_ident(APP, LOG_DAEMON);
}

static void write_pid_file(void)
{
	FILE *f;

	if (!settings->pid_file)
		return;
	f = fopen(settings->pid_file, "w");
	if (!f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f) != 0)
		fatal("cannot write pid file %s", settings->pid_file);
}

static void reload(void)
{
	reload_requested = 0;
	log_notice("SIGHUP: re-reading the configuration");
	if (unsafe_config()) {
		log_warnx("%s; configuration not re-read", unsafe_config());
		return;
	}
	if (config_tokens_reload(settings->config_file))
		return;
	counter_store_configure(&store, settings_proc_root(settings), settings->cache_ms);
	sysctl_agent_configure(settings_proc_root(settings));
	view.built = false;
	log_notice("configuration re-read: proc root %s, cache lifetime %u ms", store.proc_root,
		   store.lifetime_ms);
}

/*
 * One turn of the main loop: agent_check_and_process() without its blind
 * spot, the external file descriptors (our netlink socket) registered with
 * register_readfd().  Timers run from here too (no SIGALRM).
 */
static void serve_once(void)
{
	fd_set readfds, writefds, exceptfds;
	struct timeval timeout, delay, *tvp = &timeout;
	int numfds = 0, fakeblock = 1, count;

	FD_ZERO(&readfds);
	FD_ZERO(&writefds);
	FD_ZERO(&exceptfds);
	timerclear(&timeout);
	snmp_select_info(&numfds, &readfds, tvp, &fakeblock);
	if (fakeblock)
		tvp = NULL; /* no session timeout pending */
	if (get_next_alarm_delay_time(&delay) && (!tvp || timercmp(&delay, tvp, <))) {
		timeout = delay;
		tvp = &timeout;
	}
	netsnmp_external_event_info(&numfds, &readfds, &writefds, &exceptfds);
	count = select(numfds, &readfds, &writefds, &exceptfds, tvp);
	if (count > 0) {
		netsnmp_dispatch_external_events(&count, &readfds, &writefds, &exceptfds);
		snmp_read(&readfds);
	} else if (count == 0) {
		snmp_timeout();
	}
	run_alarms();
	netsnmp_check_outstanding_agent_requests();
}

/*
 * A configuration anyone else may write could allow any write: refuse it.
 * Checked for -c FILE, or the usual /etc/snmp/ipstack-agentx.conf.
 */
static const char *unsafe_config(void)
{
	static char why[512];
	const char *file = settings->config_file ? settings->config_file
						 : "/etc/snmp/ipstack-agentx.conf";
	struct stat st;

	if (stat(file, &st) < 0 || !(st.st_mode & (S_IWGRP | S_IWOTH)))
		return NULL;
	snprintf(why, sizeof(why),
		 "configuration file %s is writable by %s (mode %04o): chmod go-w it", file,
		 st.st_mode & S_IWOTH ? "any user" : "its group", (unsigned)(st.st_mode & 07777));
	return why;
}

static void check_proc_root(void)
{
	int err = counter_root_check(settings_proc_root(settings));

	if (err)
		fatalx("cannot read %s/net/snmp: %s", settings_proc_root(settings), strerror(err));
}

int agent_run(struct settings *s)
{
	int err;

	settings = s;
	setup_logging();
	if (s->proc_root_arg)
		check_proc_root(); /* before anything else can print */
	if (unsafe_config())
		fatalx("%s; not starting", unsafe_config());
	/* Before the first AgentX exchange: registering waits for each answer
	 * and serves requests meanwhile, so a master that dies during start-up
	 * must find SIGPIPE already ignored. */
	install_signals();
	library_defaults();
	init_agent(APP);
	config_tokens_register(s);
	snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_INDEX_START, count_connect,
			       NULL);
	netsnmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG,
				  apply_command_line, NULL, NETSNMP_CALLBACK_HIGHEST_PRIORITY);
	init_snmp(APP);
	if (config_tokens_errors())
		fatalx("configuration errors; not starting");
	check_proc_root();
	counter_store_init(&store, settings_proc_root(s), s->cache_ms, store_log, NULL);
	sysctl_agent_init(s, drop_counters);
	sysctl_agent_register(s->priority);
	conn_agent_init(s);
	conn_agent_register(s->priority);
	/* Last, ending with ipstackAgent: tests wait for it to answer. */
	mib_regions_foreach(register_region, NULL);
	if ((err = link_watch_start(sysctl_agent_mark_stale)) < 0)
		log_warnx("no link notifications (%s): per-device tunables are found at "
			  "start and on SIGHUP only",
			  nl_geterror(err));
	if (!s->foreground && netsnmp_daemonize(1, snmp_stderrlog_status()) != 0)
		fatal("cannot run in the background");
	write_pid_file();
	log_info("ipstack-agentx started; serving %s", store.proc_root);

	while (!stop_signal) {
		serve_once();
		if (reload_requested)
			reload();
	}

	log_info("ipstack-agentx stopping on signal %d", (int)stop_signal);
	snmp_shutdown(APP);
	mib_view_free(&view);
	counter_store_free(&store);
	link_watch_stop();
	conn_agent_shutdown();
	sysctl_agent_shutdown();
	config_tokens_free();
	settings_free(s);
	if (s->pid_file)
		unlink(s->pid_file);
	return 0;
}
