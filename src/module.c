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
#include <link.h>
#include <string.h>

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
/* A copy of ours going away hands over through this (see hand_over). */
bool ipstack_module_take_over(void);

static struct settings settings;
static bool active; /* loaded by a dlmod line, serving or standing by */
static bool loaded; /* serving */
/* Loaded while another copy of the library (another path) serves: see
 * init_ipstack. */
static bool standby;
/* Loaded by a dlmod line, snmpd's first reading of its configuration is
 * not over yet: its end (POST_READ_CONFIG) is no reload. */
static bool initial_read_pending;
static bool callbacks_registered;
static unsigned privileges_alarm;
/* snmpd's SIGHUP unloads every dlmod module (deinit_, dlclose) and loads
 * the ones snmpd.conf still names afresh.  A fresh module would lose what a
 * reload must keep: the settings when the new file has an error, the SET
 * journal, the contexts and snapshots; and while it is out, snmpd's own
 * modules would answer (ipForwarding writable with no writeDeny).  So our
 * own reference keeps the library mapped through the dlclose, and between
 * snmpd's PRE_UPDATE_CONFIG and POST_READ_CONFIG an unload is no unload:
 * the load that follows finds us serving, and the configuration is re-read
 * as the daemon re-reads it on SIGHUP, all or nothing.  The library stays
 * mapped for good once used: snmpd's callback lists keep our functions
 * (see on_reconfig). */
static void *self_ref;
static bool reloading; /* snmpd is re-reading its configuration */
static bool kept; /* unloaded during that spell, still active */
/* From snmpd's PRE_UPDATE_CONFIG, or our load, to our POST_READ_CONFIG: a
 * reading of snmpd.conf whose end we have yet to see. */
static bool in_pass;
/* Began serving during that reading: nothing to re-read at its end. */
static bool just_loaded;

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

/* This copy's file, for log lines. */
static const char *our_path(void)
{
	Dl_info self;

	if (dladdr((void *)init_ipstack, &self) && self.dli_fname)
		return self.dli_fname;
	return "ipstack.so";
}

static void start_serving(void)
{
	struct config_read rd;
	int err;

	standby = false;
	just_loaded = in_pass;
	settings_defaults(&settings);
	if (!load_our_config(&settings.conf, &rd)) {
		/* snmpd keeps running; the module serves nothing */
		log_warnx("%s; the module is not serving", rd.first_error);
		return;
	}
	if (!agent_objects_init(&settings, NULL)) {
		log_warnx("out of memory; the module is not serving");
		agent_objects_shutdown();
		settings_free(&settings);
		return;
	}
	if (agent_objects_register(true))
		log_warnx("%u regions could not be registered (see above); serving the "
			  "rest",
			  registrations_failed());
	netns_contexts_start(&settings);
	if ((err = link_watch_start(sysctl_agent_mark_stale)) < 0)
		log_warnx("no link notifications (%s): per-device tunables are found "
			  "at load and on SIGHUP only",
			  nl_geterror(err));
	loaded = true;
	log_info("module loaded (%s); serving %s", rd.files[0] ? rd.files : "no configuration file",
		 settings_proc_root(&settings));
	/* snmpd gives up root only after loading its modules (-u Debian-snmp
	 * on Debian): judge our privileges from its main loop. */
	privileges_alarm = snmp_alarm_register(1, 0, check_privileges, NULL);
}

static void stop_serving(void)
{
	if (!loaded)
		return;
	loaded = false;
	if (privileges_alarm)
		snmp_alarm_unregister(privileges_alarm);
	privileges_alarm = 0;
	netns_contexts_stop();
	link_watch_stop();
	agent_objects_shutdown();
	settings_free(&settings);
	log_info("module unloaded (%s)", our_path());
}

/*
 * A copy of ours loaded from another path (the dlmod line changed, or a
 * second one) while this one serves cannot register: snmpd would refuse
 * each region as a duplicate.  It stands by.  When the serving copy is
 * unloaded for good (its line gone), it hands over to a copy standing by
 * (hand_over) right after unregistering, in the same pass: at no moment
 * does nobody serve.  A copy standing by also looks for itself at the end
 * of each reading of snmpd's configuration, in case nobody serves.
 */
bool ipstack_module_take_over(void)
{
	if (!standby || agent_objects_served_elsewhere())
		return false;
	log_info("%s takes over serving", our_path());
	start_serving();
	return loaded;
}

struct hand_over_search {
	bool done;
};

/* One loaded object: a copy of ours from another file takes over, maybe. */
static int offer(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct hand_over_search *h = arg;
	bool (*take)(void);
	void *lib;

	(void)size;
	if (h->done || !info->dlpi_name || !*info->dlpi_name ||
	    !strcmp(info->dlpi_name, our_path()) ||
	    !(lib = dlopen(info->dlpi_name, RTLD_NOW | RTLD_NOLOAD)))
		return 0;
	*(void **)&take = dlsym(lib, "ipstack_module_take_over");
	if (take && take != ipstack_module_take_over)
		h->done = take();
	dlclose(lib);
	return 0;
}

static void hand_over(void)
{
	struct hand_over_search h = { false };

	dl_iterate_phdr(offer, &h);
}

static int on_pre_update(int major, int minor, void *server, void *client)
{
	(void)major, (void)minor, (void)server, (void)client;
	reloading = in_pass = true;
	return SNMPERR_SUCCESS;
}

/*
 * After snmpd has re-read its configuration (SIGHUP): ours too.  Nothing
 * here unregisters a callback: a callback list changed from inside one of
 * its callbacks makes net-snmp wait 100 ms and assert.  So the callbacks of
 * a copy unloaded for good stay registered, inactive.
 */
static int on_reconfig(int major, int minor, void *server, void *client)
{
	bool just_started = just_loaded;

	(void)major, (void)minor, (void)server, (void)client;
	reloading = in_pass = just_loaded = false;
	if (!active)
		return SNMPERR_SUCCESS;
	if (initial_read_pending) {
		initial_read_pending = false;
		ipstack_module_take_over();
	} else if (kept) {
		/* snmpd.conf names us no more: unloaded for real.  The
		 * library stays mapped (self_ref): we are running in it. */
		kept = false;
		active = standby = false;
		if (loaded) {
			stop_serving();
			hand_over();
		}
	} else if (standby) {
		ipstack_module_take_over();
	} else if (loaded && !just_started) {
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
	if (kept) { /* a reload's load: still active, see on_reconfig */
		kept = false;
		return;
	}
	log_set_prefix("ipstack: "); /* our lines in snmpd's log */
	if (active) { /* a second dlmod line for this very file */
		log_notice("%s is loaded already: a second dlmod line for it is ignored",
			   our_path());
		return;
	}
	if (!callbacks_registered) {
		snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG,
				       on_reconfig, NULL);
		snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_PRE_UPDATE_CONFIG,
				       on_pre_update, NULL);
		callbacks_registered = true;
	}
	hold_library();
	active = in_pass = true;
	initial_read_pending =
		!netsnmp_ds_get_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_HAVE_READ_CONFIG);
	if (agent_objects_served_elsewhere()) {
		standby = true;
		log_notice("%s loaded while another copy of the module serves: standing by",
			   our_path());
		return;
	}
	start_serving();
}

void deinit_ipstack(void)
{
	void *ref = self_ref;

	if (!active)
		return;
	if (reloading && self_ref) { /* snmpd's SIGHUP: see self_ref */
		kept = true;
		return;
	}
	active = standby = false;
	stop_serving();
	if (callbacks_registered) { /* not from inside either list: snmpd stops */
		snmp_unregister_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG,
					 on_reconfig, NULL, 1);
		snmp_unregister_callback(SNMP_CALLBACK_APPLICATION,
					 SNMPD_CALLBACK_PRE_UPDATE_CONFIG, on_pre_update, NULL, 1);
		callbacks_registered = false;
	}
	log_set_prefix(NULL);
	/* dlmod's dlclose, after we return, unmaps the library */
	self_ref = NULL;
	if (ref)
		dlclose(ref);
}
