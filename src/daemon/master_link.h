/*
 * The link to the AgentX master as the operator reads it in the log: why
 * connecting fails, at a falling rate, one line on recovery; and a master
 * that refuses our registrations as duplicates (another instance serves
 * them) ends the daemon with one line and exit status 1 instead of leaving
 * it running with nothing to serve.
 *
 * net-snmp's own connection warnings are turned off: they repeat every
 * ping interval forever and leave the reason empty.
 */
#ifndef IPSTACK_MASTER_LINK_H
#define IPSTACK_MASTER_LINK_H

/* Before init_snmp(): silence net-snmp's warnings, watch its log. */
void master_link_init(void);
/* After init_snmp(): diagnose the first connection if it failed. */
void master_link_started(void);
/* After registering, and between requests: exit if the master refused us. */
void master_link_check(void);
/* From the session callbacks (SNMPD_CALLBACK_INDEX_START / _STOP). */
void master_link_connected(void);
void master_link_disconnected(void);

#endif
