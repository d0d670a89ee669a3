/*
 * Every OID prefix the daemon serves under, in one place, as lists of
 * sub-identifiers to spell into arrays: { MIB_OID_IP, 1, 0 } is
 * ipForwarding.0.  Everything else is relative to one of these.
 */
#ifndef IPSTACK_MIB_OIDS_H
#define IPSTACK_MIB_OIDS_H

/* mib-2 (RFC 1213): IP-MIB, TCP-MIB and UDP-MIB live below it. */
#define MIB_OID_MIB2 1, 3, 6, 1, 2, 1
#define MIB_OID_MIB2_LEN 6
#define MIB_OID_IP MIB_OID_MIB2, 4
#define MIB_OID_TCP MIB_OID_MIB2, 6
#define MIB_OID_UDP MIB_OID_MIB2, 7

/* LINUX-IPSTACK-MIB::ipstackMIB, below net-snmp's playpen (8072.9999.9999). */
#define MIB_OID_IPSTACK 1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 1
#define MIB_OID_IPSTACK_LEN 10
/* LINUX-IPSTACK-MIB::ipstackSysctlEntry */
#define MIB_OID_IPSTACK_SYSCTL_ENTRY MIB_OID_IPSTACK, 1, 3, 1, 1

#endif
