/*
 * Every handler registration we made, so that all of them can be taken
 * back: snmpd unloading our dlmod module must not keep handlers whose code
 * is gone.
 */
#ifndef IPSTACK_REGISTRATIONS_H
#define IPSTACK_REGISTRATIONS_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

/*
 * netsnmp_register_handler(), remembered.  `reg` NULL (out of memory) or a
 * refusal is logged, naming `what`, and counted: the caller decides what a
 * failure means (the daemon does not start; in snmpd, the module serves
 * the rest).  net-snmp frees a registration it refuses.
 */
void registrations_add(netsnmp_handler_registration *reg, const char *what);
/* How many registrations failed since the last registrations_drop_all(). */
unsigned registrations_failed(void);
/* Unregister every remembered one, newest first. */
void registrations_drop_all(void);

#endif
