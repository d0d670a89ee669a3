/* Strict number parsing (see number_parse.h). */
#include "number_parse.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

bool parse_llong(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	long long v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

bool parse_seconds_ms(const char *s, unsigned max_s, unsigned *ms)
{
	char *end;
	double secs;

	if (!s || !*s)
		return false;
	errno = 0;
	secs = strtod(s, &end);
	if (errno || end == s || *end || !(secs >= 0 && secs <= max_s))
		return false;
	*ms = (unsigned)lround(secs * 1000);
	return true;
}
