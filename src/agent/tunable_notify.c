/*
 * ipstackTunableChanged (see tunable_notify.h): a netconf socket and a
 * tunable_watch per context, one timer for all of them.
 */
#include "tunable_notify.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <errno.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "cache_rule.h"
#include "context.h"
#include "log.h"
#include "mib_oids.h"
#include "netns.h"
#include "set_txn.h"
#include "sysctl_agent.h"
#include "sysctl_tree.h"
#include "tunable_watch.h"

/* The tunables the kernel announces in RTM_NEWNETCONF (devinet.c, addrconf.c). */
static const char *const netconf_names[] = {
	"forwarding",
	"ip_forward",
	"rp_filter",
	"mc_forwarding",
	"proxy_arp",
	"proxy_ndp",
	"ignore_routes_with_linkdown",
	"force_forwarding",
	NULL,
};

struct tunable_notify {
	struct tunable_watch *watch;
	struct nl_sock *netconf; /* joined to both families' netconf groups, inside */
	bool netconf_failed; /* said once */
	bool dirty; /* a netconf event not yet read after */
	uint64_t polled_ms; /* when the last poll began; 0: never */
	bool polling; /* a poll is under way: the next slice starts at poll_next */
	size_t poll_next;
};

/*
 * A poll reads POLL_SLICE tunables, then leaves the main loop to answer
 * requests for POLL_GAP_MS before it reads on: at some 30 us a file a
 * slice takes under 10 ms, where reading a router's thousand interfaces
 * (150 files each) at once would hold every request for seconds.
 */
#define POLL_SLICE 256
#define POLL_GAP_MS 20

static bool enabled;
static unsigned poll_ms = 60000;
static unsigned tick_alarm, slice_alarm;
static unsigned long last_change; /* sysUpTime, centiseconds */

static const oid trap_oid[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 }; /* snmpTrapOID.0 */
static const oid changed_oid[] = { MIB_OID_IPSTACK, 0, 1 }; /* ipstackTunableChanged */
static const oid value_col[] = { MIB_OID_IPSTACK_SYSCTL_ENTRY, 2 }; /* ipstackSysctlValue */
static const oid old_oid[] = { MIB_OID_IPSTACK, 1, 5, 2, 0 }; /* ipstackTunableOldValue */
static const oid source_oid[] = { MIB_OID_IPSTACK, 1, 5, 3, 0 }; /* ipstackTunableSource */
static const oid context_oid[] = { MIB_OID_IPSTACK, 1, 5, 4, 0 }; /* ipstackTunableContext */

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

bool tunable_notify_enabled(void)
{
	return enabled;
}

unsigned long tunable_notify_last_change(void)
{
	return last_change;
}

/* One notification, through whatever sends ours: the master, or snmpd. */
static void emit(void *ctx, const char *path, const char *old, const char *now,
		 enum tunable_source source)
{
	const struct context *c = ctx;
	netsnmp_variable_list *vars = NULL;
	oid value[LEN(value_col) + 1 + SYSCTL_PATH_MAX];
	size_t len = LEN(value_col), plen = strlen(path);
	long src = source;

	if (plen > SYSCTL_PATH_MAX)
		return;
	memcpy(value, value_col, sizeof(value_col));
	value[len++] = plen;
	for (size_t i = 0; i < plen; i++)
		value[len++] = (unsigned char)path[i];
	snmp_varlist_add_variable(&vars, trap_oid, LEN(trap_oid), ASN_OBJECT_ID,
				  (const u_char *)changed_oid, sizeof(changed_oid));
	snmp_varlist_add_variable(&vars, value, len, ASN_OCTET_STR, now, strlen(now));
	snmp_varlist_add_variable(&vars, old_oid, LEN(old_oid), ASN_OCTET_STR, old, strlen(old));
	snmp_varlist_add_variable(&vars, source_oid, LEN(source_oid), ASN_INTEGER, &src,
				  sizeof(src));
	snmp_varlist_add_variable(&vars, context_oid, LEN(context_oid), ASN_OCTET_STR, c->name,
				  strlen(c->name));
	send_v2trap(vars);
	snmp_free_varbind(vars);
	last_change = netsnmp_get_agent_uptime();
	DEBUGMSGTL(("ipstack/notify", "%s%s: '%s' -> '%s' (%s)\n", path, log_in_context(c->name),
		    old, now, source == TUNABLE_BY_SNMP ? "snmp" : "outside"));
}

static void seen(void *ctx, const char *path, const char *text)
{
	struct context *c = ctx;

	tunable_watch_seen(c->notify->watch, path, text, TUNABLE_OUTSIDE, monotonic_ms(), emit, c);
}

/* Read a slice from *next (a whole pass when max is 0): false while a SET
 * is between its phases (the next tick looks). */
static bool look(struct context *c, const char *const *names, size_t *next, size_t max,
		 const char *what)
{
	struct timespec t0, t1;
	size_t from = *next;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!sysctl_agent_read_each(c, names, next, max, seen, c))
		return false;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	DEBUGMSGTL(("ipstack/notify",
		    "%s%s: from entry %zu%s, read in %ld us (%zu tunables known)\n", what,
		    log_in_context(c->name), from, *next ? "" : " to the last",
		    (long)((t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000),
		    tunable_watch_count(c->notify->watch)));
	return true;
}

/* The tunables netconf announces, all of them at once: a few per interface. */
static void look_netconf(struct context *c)
{
	size_t next = 0;

	if (look(c, netconf_names, &next, 0, "netconf"))
		c->notify->dirty = false;
}

/* A poll is due: its slices begin after POLL_GAP_MS.  The first poll
 * only learns the values; a change to a tunable before its first slice
 * read it is not told, as one before the agent started. */
static void poll_due(struct tunable_notify *n, uint64_t now)
{
	n->polling = true;
	n->poll_next = 0;
	n->polled_ms = now;
}

static void slices(unsigned reg, void *arg);

/* The next slice after POLL_GAP_MS, while a poll is under way. */
static void slices_soon(void)
{
	bool any = false;

	for (struct context *c = context_first(); c && !any; c = c->next)
		any = c->notify && c->notify->polling;
	if (any && !slice_alarm)
		slice_alarm = snmp_alarm_register_hr((struct timeval){ 0, POLL_GAP_MS * 1000 }, 0,
						     slices, NULL);
}

/* One slice of one context's poll: contexts polled at the same time take
 * their turns, so that a slice stays one slice with a hundred contexts. */
static void slices(unsigned reg, void *arg)
{
	struct context *c = context_first();

	(void)reg, (void)arg;
	slice_alarm = 0;
	while (c && !(c->notify && c->notify->polling))
		c = c->next;
	if (c && look(c, NULL, &c->notify->poll_next, POLL_SLICE, "poll")) {
		c->notify->polling = c->notify->poll_next != 0;
		tunable_watch_flush(c->notify->watch, monotonic_ms(), emit, c);
	}
	slices_soon();
}

static void netconf_readable(int fd, void *data)
{
	struct context *c = data;
	char buf[8192];

	/* what changed is read from the files: the messages only wake us
	 * (an overrun, ENOBUFS, too) */
	for (;;) {
		ssize_t r = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

		if (r <= 0 && !(r < 0 && errno == ENOBUFS))
			break;
	}
	c->notify->dirty = true;
	if (!set_txn_in_progress())
		look_netconf(c);
}

/* The netconf groups of both families, joined from inside the context's namespace. */
static void open_netconf(struct context *c)
{
	struct tunable_notify *n = c->notify;
	struct nl_sock *sk = nl_socket_alloc();
	int err = sk ? 0 : -NLE_NOMEM;

	if (sk && !(err = netns_enter(c->netns_fd) ? -NLE_FAILURE : 0)) {
		if (!(err = nl_connect(sk, NETLINK_ROUTE)))
			err = nl_socket_add_memberships(sk, RTNLGRP_IPV4_NETCONF,
							RTNLGRP_IPV6_NETCONF, 0);
		netns_leave(c->netns_fd);
	}
	if (!err)
		err = nl_socket_set_nonblocking(sk);
	if (err) {
		nl_socket_free(sk);
		if (!n->netconf_failed)
			log_warnx("tunable notifications%s: no netconf events (%s); every change "
				  "waits for the poll",
				  log_in_context(c->name), nl_geterror(err));
		n->netconf_failed = true;
		return;
	}
	n->netconf = sk;
	register_readfd(nl_socket_get_fd(sk), netconf_readable, c);
}

static struct tunable_notify *state_of(struct context *c)
{
	if (!c->notify && (c->notify = calloc(1, sizeof(*c->notify))) &&
	    !(c->notify->watch = tunable_watch_new())) {
		free(c->notify);
		c->notify = NULL;
	}
	if (c->notify && !c->notify->netconf && !c->notify->netconf_failed)
		open_netconf(c);
	return c->notify;
}

void tunable_notify_free(struct tunable_notify *n)
{
	if (!n)
		return;
	if (n->netconf) {
		unregister_readfd(nl_socket_get_fd(n->netconf));
		nl_socket_free(n->netconf);
	}
	tunable_watch_free(n->watch);
	free(n);
}

/* Every second: netconf events left for later, polls due, held changes. */
static void tick(unsigned reg, void *arg)
{
	uint64_t now = monotonic_ms();

	(void)reg, (void)arg;
	for (struct context *c = context_first(); c; c = c->next) {
		struct tunable_notify *n = state_of(c);

		if (!n)
			continue;
		if (n->dirty)
			look_netconf(c);
		if (!n->polling && (!n->polled_ms || now - n->polled_ms >= poll_ms))
			poll_due(n, now);
		tunable_watch_flush(n->watch, now, emit, c);
	}
	slices_soon();
}

void tunable_notify_configure(bool on, unsigned poll_s)
{
	poll_ms = poll_s * 1000u;
	if (on && !tick_alarm) {
		tick_alarm = snmp_alarm_register(1, SA_REPEAT, tick, NULL);
		tick(0, NULL); /* start learning the values: the first poll */
	} else if (!on && tick_alarm) {
		snmp_alarm_unregister(tick_alarm);
		tick_alarm = 0;
		if (slice_alarm)
			snmp_alarm_unregister(slice_alarm);
		slice_alarm = 0;
		for (struct context *c = context_first(); c; c = c->next) {
			tunable_notify_free(c->notify);
			c->notify = NULL;
		}
	}
	enabled = on;
}

void tunable_notify_shutdown(void)
{
	tunable_notify_configure(false, poll_ms / 1000u);
}

void tunable_notify_set(struct context *c, const char *path, const char *old, const char *now)
{
	struct tunable_notify *n = enabled ? state_of(c) : NULL;

	if (!n)
		return;
	tunable_watch_know(n->watch, path, old);
	tunable_watch_seen(n->watch, path, now, TUNABLE_BY_SNMP, monotonic_ms(), emit, c);
}

void tunable_notify_know(struct context *c, const char *path, const char *text)
{
	struct tunable_notify *n = enabled ? state_of(c) : NULL;

	if (n)
		tunable_watch_know(n->watch, path, text);
}
