/*
 * Every handler registration we made, so that all of them can be taken
 * back: snmpd unloading our dlmod module must not keep handlers whose code
 * is gone, and a namespace that goes away takes its context's with it.
 */
#ifndef IPSTACK_REGISTRATIONS_H
#define IPSTACK_REGISTRATIONS_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

/* The registrations of one SNMP context. */
struct reg_list {
	netsnmp_handler_registration **v;
	size_t n, cap;
};

/*
 * netsnmp_register_handler() in SNMP context `context` (NULL or "": the
 * default one), remembered in `l` (the context's list).
 * `reg` NULL (out of memory) or a refusal is logged, naming `what`, and
 * counted: the caller decides what a failure means (the daemon does not
 * start; in snmpd, the module serves the rest).  net-snmp frees a
 * registration it refuses.
 */
void registrations_add(struct reg_list *l, netsnmp_handler_registration *reg, const char *context,
		       const char *what);
/* How many registrations failed since registrations_reset(). */
unsigned registrations_failed(void);
void registrations_reset(void);
/* Unregister every one of `l`, newest first. */
void registrations_drop(struct reg_list *l);

#endif
