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

/* Read state for `s` (kept: a reload changes it in place). */
void agent_objects_init(struct settings *s);
/*
 * Register every region, the connection tables only if `connections`.
 * Ends with ipstackAgent, which tests poll to know registration is
 * complete.  Returns how many regions could not be registered (each is
 * logged).
 */
unsigned agent_objects_register(bool connections);
/* The settings changed (SIGHUP): proc root, lifetimes. */
void agent_objects_reconfigure(void);
/* A (re)connection to the master, for ipstackAgentReconnects. */
void agent_objects_connected(void);
void agent_objects_shutdown(void);

#endif
