/*
 * Strict parsing of decimal numbers from text we do not trust (the
 * configuration file, sysctl values): the whole string, no overflow, and
 * within the caller's range.
 */
#ifndef IPSTACK_NUMBER_PARSE_H
#define IPSTACK_NUMBER_PARSE_H

#include <stdbool.h>

/* A whole decimal integer in [lo, hi]. */
bool parse_llong(const char *s, long long lo, long long hi, long long *out);

/* Seconds in [0, max_s], fractions allowed ("0.5"), as milliseconds. */
bool parse_seconds_ms(const char *s, unsigned max_s, unsigned *ms);

#endif
