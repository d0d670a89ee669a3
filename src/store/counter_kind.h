/*
 * What a kernel statistics field is: almost every field counts up from
 * boot; the few that do not are listed here, once, for the parser (which
 * fields may be printed negative) and for LINUX-IPSTACK-MIB's
 * ipstackCounterKind (whose values these are).
 */
#ifndef IPSTACK_COUNTER_KIND_H
#define IPSTACK_COUNTER_KIND_H

enum counter_kind {
	COUNTER_KIND_COUNTER = 1,
	COUNTER_KIND_GAUGE = 2,
	COUNTER_KIND_CONSTANT = 3,
	COUNTER_KIND_SIGNED = 4, /* printed with %ld: may be negative */
};

enum counter_kind counter_kind_of(const char *section, const char *field);

#endif
