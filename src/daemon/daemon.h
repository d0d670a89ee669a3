/*
 * The AgentX subagent: registration, request handling, main loop.
 *
 * Folder src/agent/: everything that speaks to net-snmp's agent: the
 * handlers, AgentX glue, SET transactions, options, logging, the daemon's
 * main loop.  May include any folder below it.  main.c is above all.
 */
#ifndef IPSTACK_DAEMON_H
#define IPSTACK_DAEMON_H

#include "settings.h"

/* Runs until SIGTERM/SIGINT; returns the exit status. */
int agent_run(struct settings *s);

#endif
