/*
 * The objects the daemon serves, as net-snmp agent registrations: the
 * standard and private objects built from the counter store, the tunables
 * and the connection tables.  The AgentX daemon (agent.c) registers them
 * under its subagent session; the SNMP-side fuzz target registers them in a
 * bare agent and drives them with decoded requests.
 */
#ifndef IPSTACK_AGENT_OBJECTS_H
#define IPSTACK_AGENT_OBJECTS_H

#include <stdbool.h>

#include "settings.h"

struct context;

/*
 * Read state for `s` (kept: a reload changes it in place): the default
 * context, and the watch of the table engine's wake descriptor.  `check`
 * (or NULL) runs after a context's first registration: the daemon exits
 * there when its master refuses us.  False when out of memory.
 */
bool agent_objects_init(struct settings *s, void (*check)(void));
/*
 * Register every region of the default context, the connection tables
 * only if `connections`.  Ends with ipstackAgent, which tests poll to know
 * registration is complete.  Returns how many regions could not be
 * registered (each is logged).
 */
unsigned agent_objects_register(bool connections);
/*
 * The objects again, in SNMP context `name`, read inside the network
 * namespace `netns_fd` (kept open by the caller until the context is
 * removed): whole regions, as in the default context.  NULL when a
 * registration failed (logged; nothing is left registered).
 */
struct context *agent_objects_context_add(const char *name, int netns_fd);
/* Unregister the context and free what it read. */
void agent_objects_context_remove(struct context *c);
/* The settings changed (SIGHUP): proc root, lifetimes, policy. */
void agent_objects_reconfigure(void);
/* Wait for every build in progress and take it (before fork(): no thread survives it). */
void agent_objects_finish_builds(void);
/*
 * Whether the registry holds our regions registered by another copy of this
 * code (inside snmpd: the module loaded a second time from another path).
 */
bool agent_objects_served_elsewhere(void);
/* A (re)connection to the master, for ipstackAgentReconnects. */
void agent_objects_connected(void);
void agent_objects_shutdown(void);

#endif
