/*
 * The link to the AgentX master (see master_link.h).
 *
 * Why a connection fails: while there is no session, every ping interval
 * (when net-snmp retries too) the master's address is tried once more with
 * net-snmp's own transport code, which leaves the reason in errno: ENOENT
 * (no socket there: snmpd not running, or another agentXSocket),
 * EACCES (the socket is not ours to open: agentXPerms), ECONNREFUSED
 * (a socket file nobody listens on: snmpd died).  The 1st, 2nd, 4th, 8th
 * ... failure is logged with the count, so a master that stays away costs
 * a few lines a day, not one every five seconds.
 *
 * Duplicates: net-snmp's AgentX client reports a refused Register PDU only
 * as a log line (netsnmp_internals.h), so a callback log handler watches
 * for RFC 2741's duplicateRegistration (263): another subagent serves the
 * same region at the same priority.  The handler only notes it
 * (logging from inside net-snmp's log callback would recurse); the main
 * loop says it and exits.
 *
 * Our regions nest, and a reconnection would re-register the pieces of a
 * split region as duplicates of its first: the registry is fixed up before
 * (ns_register_each_region_once).
 */
#include "master_link.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_callbacks.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "netsnmp_internals.h"

/* RFC 2741 section 6.2.16: the region is registered already. */
#define AGENTX_DUPLICATE_REGISTRATION 263

#ifndef NETSNMP_AGENTX_SOCKET
#define NETSNMP_AGENTX_SOCKET "/var/agentx/master"
#endif

static bool connected;
static unsigned long failures; /* since the last session */
static bool refused; /* the master said duplicateRegistration */
static unsigned alarm_id;

static const char *master_address(void)
{
	const char *s = netsnmp_ds_get_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET);

	return s ? s : NETSNMP_AGENTX_SOCKET;
}

/* agentXPingInterval: net-snmp retries (and we diagnose) this often. */
static int ping_interval(void)
{
	return netsnmp_ds_get_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL);
}

/* The 1st, 2nd, 4th, 8th ... failure is logged. */
static bool logs_failure(unsigned long n)
{
	return n && (n & (n - 1)) == 0;
}

/* try_master(): net-snmp could not even make a transport of the address. */
#define UNUSABLE_ADDRESS (-1)

static const char *reason(int err)
{
	switch (err) {
	case ENOENT:
		return "no such socket (is snmpd running with 'master agentx' and this "
		       "agentXSocket?)";
	case EACCES:
	case EPERM:
		return "permission denied (snmpd's agentXPerms does not let this user in)";
	case ECONNREFUSED:
		return "connection refused (nothing listens there: snmpd stopped?)";
	case 0:
		return "the master did not accept the session";
	case UNUSABLE_ADDRESS:
		return "net-snmp cannot open that address (see agentXSocket or -x)";
	default:
		return strerror(err);
	}
}

/* Try the address once, as net-snmp would; 0 or the errno of the failure. */
static int try_master(void)
{
	netsnmp_transport *t;

	errno = 0;
	t = netsnmp_transport_open_client("agentx", master_address());
	if (!t)
		return errno ? errno : UNUSABLE_ADDRESS;
	if (t->f_close)
		t->f_close(t);
	netsnmp_transport_free(t);
	return 0;
}

static void failed_attempt(void)
{
	int err = try_master();
	int period = ping_interval();

	failures++;
	if (!logs_failure(failures))
		return;
	if (period > 0)
		log_warnx("cannot connect to the AgentX master at %s: %s; failed %lu time%s, "
			  "retrying every %d s",
			  master_address(), reason(err), failures, failures == 1 ? "" : "s",
			  period);
	else
		log_warnx("cannot connect to the AgentX master at %s: %s; not retrying "
			  "(agentXPingInterval 0)",
			  master_address(), reason(err));
}

static void on_alarm(unsigned int reg, void *arg)
{
	(void)reg, (void)arg;
	if (!connected)
		failed_attempt();
}

static void watch_attempts(void)
{
	int period = ping_interval();

	if (!alarm_id && period > 0)
		alarm_id = snmp_alarm_register((unsigned)period, SA_REPEAT, on_alarm, NULL);
}

static int on_log(int major, int minor, void *serverarg, void *clientarg)
{
	const struct snmp_log_message *m = serverarg;

	(void)major, (void)minor, (void)clientarg;
	if (m && ns_refused_registration(m->msg) == AGENTX_DUPLICATE_REGISTRATION)
		refused = true;
	return SNMPERR_SUCCESS;
}

void master_link_check(void)
{
	if (refused)
		fatalx("the AgentX master at %s refused our registrations as duplicates: "
		       "another agent already serves these objects at the same priority "
		       "(a second ipstack-agentx?); exiting",
		       master_address());
}

void master_link_init(void)
{
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_NO_CONNECTION_WARNINGS,
			       1);
	snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING, on_log, NULL);
	snmp_enable_calllog();
}

void master_link_started(void)
{
	if (!connected)
		failed_attempt();
	watch_attempts();
}

void master_link_connected(void)
{
	connected = true;
	ns_register_each_region_once();
	if (failures)
		log_notice("connected to the AgentX master at %s after %lu failed attempt%s",
			   master_address(), failures, failures == 1 ? "" : "s");
	failures = 0;
}

void master_link_disconnected(void)
{
	connected = false;
	watch_attempts();
}
