/*
 * ipstack as an snmpd module: `dlmod ipstack PATH/ipstack.so` in
 * snmpd.conf loads it into snmpd's own process, where our handlers answer
 * without the AgentX hop.  The same objects, registrations (regions and
 * registrationPriority, so they win over snmpd's own modules), SET
 * semantics and configuration file as the AgentX daemon (agent.c); what is
 * AgentX's alone (the master link, the open-SET bound at the protocol
 * level) stays out.  snmpd's SIGHUP re-reads our configuration with its
 * own.
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

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
		log_notice("registrationPriority %d takes effect when the module is "
			   "loaded again",
			   fresh->priority);
}

/* After snmpd has re-read its configuration (SIGHUP): ours too. */
static int on_reconfig(int major, int minor, void *server, void *client)
{
	(void)major, (void)minor, (void)server, (void)client;
	if (!loaded || initial_read_pending)
		initial_read_pending = false;
	else
		config_reload(&settings, note_restart_only);
	return SNMPERR_SUCCESS;
}

void init_ipstack(void)
{
	struct config_read rd;
	int err;

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
	loaded = true;
	initial_read_pending =
		!netsnmp_ds_get_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_HAVE_READ_CONFIG);
	log_info("module loaded (%s); serving %s", rd.files[0] ? rd.files : "no configuration file",
		 settings_proc_root(&settings));
	/* snmpd gives up root only after loading its modules (-u Debian-snmp
	 * on Debian): judge our privileges from its main loop. */
	privileges_alarm = snmp_alarm_register(1, 0, check_privileges, NULL);
}

void deinit_ipstack(void)
{
	if (!loaded)
		return;
	loaded = false;
	if (privileges_alarm)
		snmp_alarm_unregister(privileges_alarm);
	snmp_unregister_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG, on_reconfig,
				 NULL, 1);
	netns_contexts_stop();
	registrations_drop(NULL);
	link_watch_stop();
	agent_objects_shutdown();
	settings_free(&settings);
	log_info("module unloaded");
	log_set_prefix(NULL);
}
