/*
 * The AgentX daemon: net-snmp's subagent library set up with our
 * configuration, the objects of agent_objects.c registered with the master,
 * and the main loop (requests, timers, our netlink socket, signals).  A
 * SIGHUP re-reads the configuration between requests, never inside a SET.
 */
#include "daemon.h"

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

#include "agent_objects.h"
#include "agentx_sets.h"
#include "config_file.h"
#include "config_reload.h"
#include "counter_store.h"
#include "link_watch.h"
#include "log.h"
#include "master_link.h"
#include "netns_contexts.h"
#include "privileges.h"
#include "registrations.h"
#include "set_txn.h"
#include "sysctl_agent.h"

#define APP "ipstack-agentx"

static struct settings *settings;
static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t reload_requested;

/* The subagent library announces every (re)connection to the master ... */
static int on_connect(int major, int minor, void *session, void *client)
{
	(void)major, (void)minor, (void)client;
	agent_objects_connected();
	agentx_sets_attach(session);
	master_link_connected();
	return SNMPERR_SUCCESS;
}

/* ... and every loss of it, before the session is closed. */
static int on_disconnect(int major, int minor, void *session, void *client)
{
	(void)major, (void)minor, (void)session, (void)client;
	agentx_sets_detach();
	master_link_disconnected();
	return SNMPERR_SUCCESS;
}

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		reload_requested = 1;
	else
		stop_signal = sig;
}

/* The mask the main loop waits with: ours, with TERM, INT and HUP let through. */
static sigset_t wait_mask;

/*
 * TERM, INT and HUP are blocked except while the main loop waits in
 * pselect(): one arriving between the loop's check of the flags and the
 * wait would otherwise be noticed only at the next event, and with no
 * timer pending (agentXPingInterval 0) never.
 */
static void install_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t ours;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&ours);
	sigaddset(&ours, SIGTERM);
	sigaddset(&ours, SIGINT);
	sigaddset(&ours, SIGHUP);
	sigprocmask(SIG_BLOCK, &ours, &wait_mask);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGHUP);
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
	/* We work with numeric OIDs only: load no MIB modules. */
	setenv("MIBS", "", 1);
}

/*
 * Our AgentX settings into net-snmp's store, after init_agent() has set its
 * own defaults there.  A lost master is reconnected at the next ping; the
 * socket and timeouts are used from the next (re)connection on.
 */
static void apply_agentx(void)
{
	const char *master = settings_master(settings);

	if (master)
		netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET, master);
	netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL,
			   settings->conf.ping_interval);
	netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_TIMEOUT,
			   settings->conf.agentx_timeout * 1000000);
	netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_RETRIES,
			   settings->conf.agentx_retries);
}

static void log_config_error(void *ctx, const char *msg)
{
	const struct config_read *rd = ctx;

	/* At start the first error ends the start-up line; say the others. */
	if (rd->errors > 1)
		log_warnx("%s", msg);
}

static void load_config(void)
{
	struct config_read rd;

	if (config_file_load(&settings->conf, settings->config_file, config_search_path(),
			     log_config_error, &rd, &rd))
		fatalx("%s%s; not starting", rd.first_error,
		       rd.errors > 1 ? " (and the errors above)" : "");
	if (rd.files[0])
		log_info("configuration read from %s", rd.files);
	else
		log_info("no %s.conf on %s; using defaults", CONFIG_NAME, config_search_path());
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

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* What a reload cannot change under a live AgentX session. */
static void note_restart_only(const struct config *old, const struct config *fresh)
{
	if (old->priority != fresh->priority)
		log_notice("registrationPriority %d takes effect at the next start",
			   fresh->priority);
	if (!settings->master && !same_text(old->agentx_socket, fresh->agentx_socket))
		log_notice("agentXSocket takes effect at the next reconnection");
}

/* SIGHUP, between two requests and never inside a SET (see main loop). */
static void reload(void)
{
	reload_requested = 0;
	log_notice("SIGHUP: re-reading the configuration");
	if (config_reload(settings, note_restart_only))
		apply_agentx();
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
	struct timespec ts;
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
	if (tvp) {
		ts.tv_sec = tvp->tv_sec;
		ts.tv_nsec = tvp->tv_usec * 1000;
	}
	/* A signal pending since the last wait is delivered on entry: EINTR. */
	count = pselect(numfds, &readfds, &writefds, &exceptfds, tvp ? &ts : NULL, &wait_mask);
	if (count > 0) {
		netsnmp_dispatch_external_events(&count, &readfds, &writefds, &exceptfds);
		snmp_read(&readfds);
	} else if (count == 0) {
		snmp_timeout();
	}
	run_alarms();
	netsnmp_check_outstanding_agent_requests();
}

static void check_proc_root(void)
{
	int err = counter_root_check(settings_proc_root(settings));

	if (err)
		fatalx("cannot read %s/net/snmp: %s", settings_proc_root(settings), strerror(err));
}

#ifdef HAVE_NETSNMP_SD_NOTIFY
/* net-snmp's copy of sd_notify(3) (snmplib/sd-daemon.c); no header ships it. */
int netsnmp_sd_notify(int unset_environment, const char *state);
#define notify_systemd(state) netsnmp_sd_notify(0, state)
#else
#define notify_systemd(state) ((void)0)
#endif

int agent_run(struct settings *s)
{
	int err;

	settings = s;
	setup_logging();
	if (s->proc_root_arg)
		check_proc_root(); /* before anything else can print */
	/* Before the first AgentX exchange: registering waits for each answer
	 * and serves requests meanwhile, so a master that dies during start-up
	 * must find SIGPIPE already ignored. */
	install_signals();
	library_defaults();
	init_agent(APP);
	load_config();
	apply_agentx();
	master_link_init();
	snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_INDEX_START, on_connect,
			       NULL);
	snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_INDEX_STOP, on_disconnect,
			       NULL);
	/* Connects to the master: net-snmp reads no configuration file here
	 * (persistent state is off), ours is already applied. */
	init_snmp(APP);
	check_proc_root();
	if (!agent_objects_init(s, master_link_check))
		fatalx("out of memory; not starting");
	if (agent_objects_register(true))
		fatalx("%u regions could not be registered (see above); not starting",
		       registrations_failed());
	master_link_started();
	netns_contexts_start(s);
	if ((err = link_watch_start(sysctl_agent_mark_stale)) < 0)
		log_warnx("no link notifications (%s): per-device tunables are found at "
			  "start and on SIGHUP only",
			  nl_geterror(err));
	/* requests may have come in while registering: fork() keeps no thread */
	agent_objects_finish_builds();
	if (!s->foreground && netsnmp_daemonize(1, snmp_stderrlog_status()) != 0)
		fatal("cannot run in the background");
	write_pid_file();
	log_info("ipstack-agentx started; serving %s", settings_proc_root(s));
	privileges_warn(settings);
	notify_systemd("READY=1"); /* Type=notify: our objects are registered */

	while (!stop_signal) {
		serve_once();
		master_link_check(); /* a reconnection may find another agent in our place */
		agentx_sets_expire();
		/* A reload never lands between the phases of a SET. */
		if (reload_requested && !set_txn_in_progress())
			reload();
	}

	log_info("ipstack-agentx stopping on signal %d", (int)stop_signal);
	notify_systemd("STOPPING=1");
	netns_contexts_stop();
	snmp_shutdown(APP);
	link_watch_stop();
	agent_objects_shutdown();
	settings_free(s);
	if (s->pid_file)
		unlink(s->pid_file);
	return 0;
}
