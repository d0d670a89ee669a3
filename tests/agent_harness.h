/*
 * An in-process net-snmp agent with our objects registered in it, over a
 * writable copy of a fixture tree: requests built by hand go through
 * net-snmp's own dispatch (a callback transport, as a subagent's requests
 * do once the AgentX layer has decoded them) into our handlers, with no
 * snmpd.  Used by the handler unit tests and the SNMP-side fuzz target.
 * net-snmp's agent is global: one harness per process.
 */
#ifndef IPSTACK_TESTS_AGENT_HARNESS_H
#define IPSTACK_TESTS_AGENT_HARNESS_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdbool.h>

/*
 * Copy `fixture`'s net/ files into a temp tree, write the tunables of
 * harness_reset_tunables(), start the agent with writeAllow for each of
 * `allow` (NULL-terminated) and cacheLifetime 0.  The connection tables,
 * which read this host's sockets, are registered only with `connections`
 * (allowDeleteTcb stays no: nothing is ever destroyed).  Returns the root.
 */
const char *harness_start(const char *fixture, const char *const *allow, bool connections);
/* Every tunable of the tree back to its initial text. */
void harness_reset_tunables(void);
/*
 * Send `req` (consumed; version, flags and session are filled in) with
 * transaction id `transaction`; returns the agent's response (free it with
 * snmp_free_pdu), or NULL when none came.
 */
netsnmp_pdu *harness_exchange(netsnmp_pdu *req, long transaction);
/* Write a tunable of the tree, as the kernel would (a fixture has none). */
void harness_put(const char *path, const char *text);
/* The text of a tunable of the tree (a static buffer), "" if unreadable. */
const char *harness_tunable(const char *path);
void harness_stop(void);

#endif
