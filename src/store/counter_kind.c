/* The kinds of the kernel's statistics fields (see counter_kind.h). */
#include "counter_kind.h"

#include <stddef.h>
#include <string.h>

/* Fields that are not counters; every other field is a counter. */
static const struct {
	const char *section;
	const char *field;
	enum counter_kind kind;
} kinds[] = {
	{ "Ip", "Forwarding", COUNTER_KIND_CONSTANT },
	{ "Ip", "DefaultTTL", COUNTER_KIND_CONSTANT },
	{ "Tcp", "RtoAlgorithm", COUNTER_KIND_CONSTANT },
	{ "Tcp", "RtoMin", COUNTER_KIND_CONSTANT },
	{ "Tcp", "RtoMax", COUNTER_KIND_CONSTANT },
	/* Linux has no limit, so -1 (RFC 2012); the kernel prints it with %ld. */
	{ "Tcp", "MaxConn", COUNTER_KIND_SIGNED },
	{ "Tcp", "CurrEstab", COUNTER_KIND_GAUGE },
	/* current MPTCP connections (MPTCP_MIB_CURRESTAB, since 6.10) */
	{ "MPTcpExt", "MPCurrEstab", COUNTER_KIND_GAUGE },
};

enum counter_kind counter_kind_of(const char *section, const char *field)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].section, section) && !strcmp(kinds[i].field, field))
			return kinds[i].kind;
	return COUNTER_KIND_COUNTER;
}
