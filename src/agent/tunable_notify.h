/*
 * notifyTunableChanges: LINUX-IPSTACK-MIB's ipstackTunableChanged, sent
 * through the master (AgentX Notify from the daemon; snmpd's own sending
 * inside snmpd) when a tunable of any context changes.  Changes are seen
 * from the kernel's netconf events where it sends them (forwarding,
 * rp_filter, mc_forwarding, proxy_arp/proxy_ndp, ignore_routes_with_linkdown,
 * force_forwarding: at once) and by reading every tunable each
 * tunablePollInterval seconds, a slice of them at a time with requests
 * answered in between; a SET through the agent is told as source snmp,
 * once.  The rate limit and the known texts are tunable_watch.h's.
 */
#ifndef IPSTACK_TUNABLE_NOTIFY_H
#define IPSTACK_TUNABLE_NOTIFY_H

#include <stdbool.h>

struct context;
struct tunable_notify;

/* The settings (again on reload): off frees every context's state. */
void tunable_notify_configure(bool enabled, unsigned poll_s);
void tunable_notify_shutdown(void);
/* A context goes away. */
void tunable_notify_free(struct tunable_notify *n);

/* notifyTunableChanges is on. */
bool tunable_notify_enabled(void);

/* A SET through the agent committed `path` from `old` to `now` in `c`. */
void tunable_notify_set(struct context *c, const char *path, const char *old, const char *now);
/* `path` has `text` now, changed by a SET with another path (an alias). */
void tunable_notify_know(struct context *c, const char *path, const char *text);

/* ipstackTunableLastChange: sysUpTime of the last change told (0: none). */
unsigned long tunable_notify_last_change(void);

#endif
