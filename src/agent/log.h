/*
 * Logging in the manner of OpenBSD daemons, routed through net-snmp's
 * logging so that the -L options govern every line we print.
 */
#ifndef IPSTACK_LOG_H
#define IPSTACK_LOG_H

#define LOG_PRINTF(a, b) __attribute__((format(printf, a, b)))

/*
 * Put `prefix` (kept, not copied) before every line: inside snmpd, whose
 * log the module shares, "ipstack: " says whose line it is.
 */
void log_set_prefix(const char *prefix);
void log_warnx(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_info(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_notice(const char *fmt, ...) LOG_PRINTF(1, 2);
/*
 * " in context 'blue'" for a line about SNMP context `context`, "" for
 * the default one.  One static buffer: once per log call.
 */
const char *log_in_context(const char *context);
/* Start-up only: log and exit(1). */
void fatal(const char *fmt, ...) LOG_PRINTF(1, 2) __attribute__((noreturn));
void fatalx(const char *fmt, ...) LOG_PRINTF(1, 2) __attribute__((noreturn));

#endif
