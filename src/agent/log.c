/*
 * Our log functions are thin wrappers over snmp_vlog(): one line each,
 * newline added here, priority chosen by the caller's function name.
 */
#include "log.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void vlog_line(int priority, const char *suffix, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static const char *prefix = "";

void log_set_prefix(const char *p)
{
	prefix = p ? p : "";
}

static void vlog_line(int priority, const char *suffix, const char *fmt, va_list ap)
{
	char line[1024];

	vsnprintf(line, sizeof(line), fmt, ap);
	if (suffix)
		snmp_log(priority, "%s%s: %s\n", prefix, line, suffix);
	else
		snmp_log(priority, "%s%s\n", prefix, line);
}

#define LOG_BODY(priority, suffix)                                                                 \
	do {                                                                                       \
		va_list ap;                                                                        \
		va_start(ap, fmt);                                                                 \
		vlog_line(priority, suffix, fmt, ap);                                              \
		va_end(ap);                                                                        \
	} while (0)

const char *log_in_context(const char *context)
{
	static char buf[64];

	if (!context || !*context)
		return "";
	snprintf(buf, sizeof(buf), " in context '%s'", context);
	return buf;
}

void log_warnx(const char *fmt, ...)
{
	LOG_BODY(LOG_WARNING, NULL);
}

void log_notice(const char *fmt, ...)
{
	LOG_BODY(LOG_NOTICE, NULL);
}

void log_info(const char *fmt, ...)
{
	LOG_BODY(LOG_INFO, NULL);
}

void fatal(const char *fmt, ...)
{
	const char *err = strerror(errno);
	LOG_BODY(LOG_ERR, err);
	exit(1);
}

void fatalx(const char *fmt, ...)
{
	LOG_BODY(LOG_ERR, NULL);
	exit(1);
}
