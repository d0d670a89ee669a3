/*
 * ipstack as an snmpd module: `dlmod ipstack PATH/ipstack.so` in
 * snmpd.conf loads it into snmpd's own process, where our handlers answer
 * without the AgentX hop.  The same objects, registrations (regions and
 * registrationPriority, so they win over snmpd's own modules), SET
 * semantics and configuration file as the AgentX daemon (agent.c); what is
 * AgentX's alone (the master link, the open-SET bound at the protocol
 * level) stays out.  snmpd's SIGHUP re-reads our configuration with its
 * own, and nothing else of ours changes (see on_pre_update).
 */
#include <dlfcn.h> /* dladdr: _GNU_SOURCE comes from config.h */

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_callbacks.h>

#include <netlink/errno.h>

#include "agent_objects.h"
#include "config_file.h"
#include "config_reload.h"
#include "link_watch.h"
#include "log.h"
#include "netns_contexts.h"
#include "privileges.h"
#include "registrations.h"
#include "settings.h"
#include "sysctl_agent.h"

/* dlmod finds these by the module's name. */
void init_ipstack(void);
void deinit_ipstack(void);

static struct settings settings;
static bool loaded;
/* Loaded by a dlmod line, snmpd's first reading of its configuration is
 * not over yet: its end (POST_READ_CONFIG) is no reload. */
static bool initial_read_pending;
static unsigned privileges_alarm;
/* snmpd's SIGHUP unloads every dlmod module (deinit_, dlclose) and loads
 * the ones snmpd.conf still names afresh.  A fresh module would lose what a
 * reload must keep: the settings when the new file has an error, the SET
 * journal, the contexts and snapshots; and while it is out, snmpd's own
 * modules would answer (ipForwarding writable with no writeDeny).  So our
 * own reference keeps the library mapped through the dlclose, and between
 * snmpd's PRE_UPDATE_CONFIG and POST_READ_CONFIG an unload is no unload:
 * the load that follows finds us serving, and the configuration is re-read
 * as the daemon re-reads it on SIGHUP, all or nothing. */
static void *self_ref;
static bool reloading; /* snmpd is re-reading its configuration */
static bool kept; /* unloaded during that spell, still serving */

static void check_privileges(unsigned int reg, void *arg)
{
	(void)reg, (void)arg;
	privileges_alarm = 0;
	privileges_warn(&settings);
	netns_contexts_recheck();
}

static bool load_our_config(struct config *c, struct config_read *rd)
{
	if (config_file_load(c, NULL, config_search_path(), config_log_error, NULL, rd)) {
		config_free(c);
		return false;
	}
	return true;
}

/* What a reload cannot change in a loaded module. */
static void note_restart_only(const struct config *old, const struct config *fresh)
{
	if (old->priority != fresh->priority)
		log_notice("registrationPriority %d takes effect when snmpd "
			   "restarts",
			   fresh->priority);
}

static void stop_serving(void);

static int on_pre_update(int major, int minor, void *server, void *client)
{
	(void)major, (void)minor, (void)server, (void)client;
	reloading = true;
	return SNMPERR_SUCCESS;
}

/* After snmpd has re-read its configuration (SIGHUP): ours too. */
static int on_reconfig(int major, int minor, void *server, void *client)
{
	(void)major, (void)minor, (void)server, (void)client;
	reloading = false;
	if (!loaded || initial_read_pending) {
		initial_read_pending = false;
	} else if (kept) {
		/* snmpd.conf names us no more: unloaded for real.  The
		 * library stays mapped (self_ref): we are running in it. */
		kept = false;
		stop_serving();
	} else {
		config_reload(&settings, note_restart_only);
	}
	return SNMPERR_SUCCESS;
}

/* Our own reference to the library, so that snmpd's dlclose at a reload
 * leaves it (code, handlers, state) in place. */
static void hold_library(void)
{
	Dl_info self;

	if (self_ref)
		return;
	if (dladdr((void *)init_ipstack, &self) && self.dli_fname)
		self_ref = dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD);
	if (!self_ref)
		log_warnx("cannot hold the module loaded (%s): snmpd's SIGHUP "
			  "will load it afresh",
			  dlerror());
}

void init_ipstack(void)
{
	struct config_read rd;
	int err;

	if (kept) { /* a reload's load: still serving, see on_reconfig */
		kept = false;
		return;
	}
	log_set_prefix("ipstack: "); /* our lines in snmpd's log */
	settings_defaults(&settings);
	if (!load_our_config(&settings.conf, &rd)) {
		/* snmpd keeps running; the module serves nothing */
		log_warnx("%s; the module is not serving", rd.first_error);
		return;
	}
	agent_objects_init(&settings);
	if (agent_objects_register(true))
		log_warnx("%u regions could not be registered (see above); serving the "
			  "rest",
			  registrations_failed());
	netns_contexts_start(&settings);
	if ((err = link_watch_start(sysctl_agent_mark_stale)) < 0)
		log_warnx("no link notifications (%s): per-device tunables are found "
			  "at load and on SIGHUP only",
			  nl_geterror(err));
	snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG, on_reconfig,
			       NULL);
	snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_PRE_UPDATE_CONFIG,
			       on_pre_update, NULL);
	hold_library();
	loaded = true;
	initial_read_pending =
		!netsnmp_ds_get_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_HAVE_READ_CONFIG);
	log_info("module loaded (%s); serving %s", rd.files[0] ? rd.files : "no configuration file",
		 settings_proc_root(&settings));
	/* snmpd gives up root only after loading its modules (-u Debian-snmp
	 * on Debian): judge our privileges from its main loop. */
	privileges_alarm = snmp_alarm_register(1, 0, check_privileges, NULL);
}

static void stop_serving(void)
{
	loaded = false;
	if (privileges_alarm)
		snmp_alarm_unregister(privileges_alarm);
	privileges_alarm = 0;
	snmp_unregister_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG, on_reconfig,
				 NULL, 1);
	snmp_unregister_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_PRE_UPDATE_CONFIG,
				 on_pre_update, NULL, 1);
	netns_contexts_stop();
	registrations_drop(NULL);
	link_watch_stop();
	agent_objects_shutdown();
	settings_free(&settings);
	log_info("module unloaded");
	log_set_prefix(NULL);
}

void deinit_ipstack(void)
{
	void *ref = self_ref;

	if (!loaded)
		return;
	if (reloading && self_ref) { /* snmpd's SIGHUP: see self_ref */
		kept = true;
		return;
	}
	stop_serving();
	/* dlmod's dlclose, after we return, unmaps the library */
	self_ref = NULL;
	if (ref)
		dlclose(ref);
}
