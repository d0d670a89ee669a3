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
 * netsnmp_register_handler(), remembered; the result of the former.  The
 * registration is freed by net-snmp when registering fails.
 */
int registrations_add(netsnmp_handler_registration *reg);
/* Unregister every remembered one, newest first. */
void registrations_drop_all(void);

#endif
