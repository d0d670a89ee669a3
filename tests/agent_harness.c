/* The in-process agent of the handler tests and fuzz target (see agent_harness.h). */
#include "agent_harness.h"

#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agent_objects.h"
#include "settings.h"

/* The writable tree: path below sys/net/ipv4, initial text. */
static const char *const tunables[][2] = {
	{ "ip_forward", "0" },
	{ "ip_default_ttl", "64" },
	{ "ipfrag_high_thresh", "4194304" },
	{ "ipfrag_low_thresh", "3145728" },
	{ "ipfrag_time", "30" },
	{ "ip_local_port_range", "32768\t60999" },
	{ "ip_unprivileged_port_start", "1024" },
	{ "ip_local_reserved_ports", "" },
	{ "tcp_syncookies", "1" },
	{ "tcp_rmem", "4096\t131072\t6291456" },
	{ "tcp_congestion_control", "cubic" },
	{ "tcp_allowed_congestion_control", "reno cubic" },
	{ "tcp_available_congestion_control", "reno cubic bbr" },
	{ "tcp_keepalive_time", "7200" },
	{ "ping_group_range", "1\t0" },
	{ "conf/all/forwarding", "0" },
	{ "conf/all/accept_redirects", "1" },
	{ "conf/default/forwarding", "0" },
	{ "conf/default/rp_filter", "2" },
	{ "conf/lo/forwarding", "0" },
	{ "conf/lo/rp_filter", "0" },
	{ "neigh/default/gc_stale_time", "60" },
	{ "neigh/lo/gc_stale_time", "60" },
	{ "route/min_pmtu", "552" },
};
#define NTUNABLES (sizeof(tunables) / sizeof(tunables[0]))

static char root[] = "/tmp/ipstack-agent-XXXXXX";
static struct settings settings;
static netsnmp_session *client;
static netsnmp_pdu *answer;
static int answers;

void harness_put(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/sys/net/ipv4/%s", root, rel);
	if (!(f = fopen(path, "w")))
		abort();
	fprintf(f, "%s\n", text);
	fclose(f);
}

void harness_reset_tunables(void)
{
	for (size_t i = 0; i < NTUNABLES; i++)
		harness_put(tunables[i][0], tunables[i][1]);
}

const char *harness_tunable(const char *path)
{
	static char text[512];
	char file[512];
	FILE *f;
	size_t n = 0;

	snprintf(file, sizeof(file), "%s/sys/net/ipv4/%s", root, path);
	text[0] = '\0';
	if ((f = fopen(file, "r"))) {
		n = fread(text, 1, sizeof(text) - 1, f);
		fclose(f);
	}
	text[n] = '\0';
	if (n && text[n - 1] == '\n')
		text[n - 1] = '\0';
	return text;
}

static void make_tree(const char *fixture)
{
	static const char *const dirs[] = { "net",
					    "sys/net/ipv4/conf/all",
					    "sys/net/ipv4/conf/default",
					    "sys/net/ipv4/conf/lo",
					    "sys/net/ipv4/neigh/default",
					    "sys/net/ipv4/neigh/lo",
					    "sys/net/ipv4/route" };
	static const char *const files[] = { "snmp", "netstat", "sockstat", "snmp6" };
	char cmd[1024];

	if (!mkdtemp(root))
		abort();
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s/%s'", root, dirs[i]);
		if (system(cmd) != 0)
			abort();
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(cmd, sizeof(cmd), "cp '%s/net/%s' '%s/net/' 2>/dev/null", fixture,
			 files[i], root);
		if (system(cmd) != 0 && i < 3) /* snmp6 is optional */
			abort();
	}
	harness_reset_tunables();
}

static int on_response(int op, netsnmp_session *s, int reqid, netsnmp_pdu *pdu, void *magic)
{
	(void)s, (void)reqid, (void)magic;
	answers++;
	if (op == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE && pdu && !answer)
		answer = snmp_clone_pdu(pdu);
	return 1;
}

const char *harness_start(const char *fixture, const char *const *allow, bool connections)
{
	netsnmp_session *master;

	make_tree(fixture);
	setenv("MIBS", "", 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 0); /* master */
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_CONFIG_LOAD, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_ALARM_DONT_USE_SIG, 1);
	/* Our handlers log every refusal; a handler that drops them keeps
	 * net-snmp from falling back to stderr.  IPSTACK_HARNESS_LOG=1 shows them. */
	if (!getenv("IPSTACK_HARNESS_LOG"))
		snmp_enable_filelog("/dev/null", 1);
	init_agent("ipstack-harness");
	init_snmp("ipstack-harness");
	settings_defaults(&settings);
	settings.proc_root_arg = root;
	settings.conf.cache_ms = 0;
	for (size_t i = 0; allow && allow[i]; i++)
		sysctl_policy_add(&settings.conf.policy, true, allow[i]);
	if (!agent_objects_init(&settings, NULL))
		abort();
	agent_objects_register(connections);
	master = netsnmp_callback_open(0, handle_snmp_packet, netsnmp_agent_check_packet,
				       netsnmp_agent_check_parse);
	client = master ? netsnmp_callback_open(master->local_port, on_response, NULL, NULL) : NULL;
	if (!client)
		abort();
	return root;
}

netsnmp_pdu *harness_exchange(netsnmp_pdu *req, long transaction)
{
	int before = answers;
	netsnmp_pdu *got;

	req->version = SNMP_VERSION_2c;
	req->flags |= UCD_MSG_FLAG_ALWAYS_IN_VIEW;
	if (!req->community && !(req->community = (u_char *)strdup("harness")))
		abort();
	req->community_len = strlen((char *)req->community);
	req->sessid = 1;
	req->transid = transaction;
	if (!snmp_async_send(client, req, on_response, NULL)) {
		snmp_free_pdu(req);
		return NULL;
	}
	/* A read that waits for a connection-table build is delegated and
	 * answered when the engine's descriptor wakes the loop: give it up
	 * to 5 s. */
	for (int i = 0; i < 5050 && answers == before; i++) {
		agent_check_and_process(0);
		if (i >= 50 && answers == before)
			usleep(1000);
	}
	got = answer;
	answer = NULL;
	return got;
}

void harness_stop(void)
{
	char cmd[256];

	agent_objects_shutdown();
	snmp_shutdown("ipstack-harness");
	settings_free(&settings);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "agent_harness: could not remove %s\n", root);
}
