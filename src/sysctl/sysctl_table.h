/*
 * The sysctl table model: one row per /proc/sys/net/ipv4 and
 * /proc/sys/net/ipv6 entry, mirroring
 * the kernel's ctl_table (procname, mode, proc_handler, element count,
 * extra1/extra2).  It tells which writes the kernel would accept, so a SET
 * the kernel would refuse is refused before anything is written.
 *
 * The rows encode the 6.x kernel on our machines.  On any kernel, the
 * file's actual mode and the kernel's answer at write time win over the
 * table; entries the table lacks are served read-only.
 *
 * No SNMP here: this builds and tests alone.
 */
#ifndef IPSTACK_SYSCTL_TABLE_H
#define IPSTACK_SYSCTL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kernel's proc handlers; the values are ipstackSysctlHandler's. */
enum sysctl_handler {
	SYSCTL_H_UNKNOWN = 1, /* not in our table: read-only */
	SYSCTL_H_INTVEC = 2, /* proc_dointvec */
	SYSCTL_H_INTVEC_MINMAX = 3, /* proc_dointvec_minmax */
	SYSCTL_H_UINTVEC = 4, /* proc_douintvec */
	SYSCTL_H_UINTVEC_MINMAX = 5, /* proc_douintvec_minmax */
	SYSCTL_H_U8VEC_MINMAX = 6, /* proc_dou8vec_minmax */
	SYSCTL_H_JIFFIES = 7, /* proc_dointvec_jiffies: seconds */
	SYSCTL_H_MS_JIFFIES = 8, /* proc_dointvec_ms_jiffies: milliseconds */
	SYSCTL_H_USERHZ_JIFFIES = 9, /* proc_dointvec_userhz_jiffies: 1/100 s */
	SYSCTL_H_ULONGVEC_MINMAX = 10, /* proc_doulongvec_minmax */
	SYSCTL_H_STRING = 11, /* proc_dostring */
	SYSCTL_H_PORT_RANGE = 12, /* ipv4_local_port_range */
	SYSCTL_H_PING_GROUP_RANGE = 13, /* ipv4_ping_group_range */
	SYSCTL_H_CONGESTION = 14, /* proc_tcp_congestion_control */
	SYSCTL_H_PRIVILEGED_PORTS = 15, /* ipv4_privileged_ports */
	SYSCTL_H_LARGE_BITMAP = 16, /* proc_do_large_bitmap */
	SYSCTL_H_IPV6_MTU = 17, /* addrconf_sysctl_mtu: 1280 to the device's MTU */
	SYSCTL_H_ADDR_GEN_MODE = 18, /* addrconf_sysctl_addr_gen_mode */
};

/*
 * The kernel's tick rates, for the jiffies handlers' overflow checks:
 * CONFIG_HZ of the kernels we target (Debian's is 250) and USER_HZ.  Off by
 * a little on other kernels, where the kernel's own answer decides.
 */
#define SYSCTL_HZ 250
#define SYSCTL_USER_HZ 100

#define SYSCTL_NO_MIN INT64_MIN
#define SYSCTL_NO_MAX INT64_MAX

struct sysctl_row {
	const char *path; /* below net/ipv4, or "ipv6/" and below net/ipv6; '*' is one device */
	uint16_t mode; /* as the kernel declares it */
	enum sysctl_handler handler;
	uint8_t nelem; /* vector length (maxlen / element size) */
	uint8_t maxlen; /* for strings: the kernel's buffer, NUL included */
	int64_t min; /* extra1, or SYSCTL_NO_MIN */
	int64_t max; /* extra2, or SYSCTL_NO_MAX */
	/* extra1/extra2 pointing at another entry's value: its path, or NULL */
	const char *min_of;
	const char *max_of;
};

/* The row for a path (as in sysctl_row), or NULL (then: unknown, read-only). */
const struct sysctl_row *sysctl_table_find(const char *path);

/* All rows, for tests. */
const struct sysctl_row *sysctl_table_rows(size_t *n);

/* The handler's name, as in the MIB enumeration ("intvecMinmax"). */
const char *sysctl_handler_name(enum sysctl_handler h);

/* Handlers whose value is one integer (ipstackSysctlInteger applies). */
bool sysctl_handler_is_integer(enum sysctl_handler h);

#endif
