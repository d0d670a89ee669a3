/* The AgentX subagent: registration, request handling, main loop. */
#ifndef IPSTACK_AGENT_H
#define IPSTACK_AGENT_H

#include "settings.h"

/* Runs until SIGTERM/SIGINT; returns the exit status. */
int agent_run(struct settings *s);

#endif
