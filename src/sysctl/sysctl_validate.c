/*
 * Predicting the kernel's verdict on a sysctl write (see sysctl_validate.h).
 *
 * The functions here follow kernel/sysctl.c closely on purpose: each quirk
 * the kernel has (a vector may be shorter than the table's, text after the
 * last element is ignored, a single unsigned value may be followed by
 * anything after white space, ms values are truncated to 32 bits before the
 * sign test) is a verdict users would otherwise see differ between
 * `snmpset` and `echo > /proc/sys/...`.
 */
#include "sysctl_validate.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_file.h"

/* The kernel copies at most this much of a number (TMPBUFLEN - 1). */
#define KNUM_MAX 21

struct cursor {
	const char *p;
	size_t left;
};

struct verdict {
	enum sysctl_verdict v;
	char *why;
	size_t whylen;
};

static enum sysctl_verdict refuse(struct verdict *vd, enum sysctl_verdict v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum sysctl_verdict refuse(struct verdict *vd, enum sysctl_verdict v, const char *fmt, ...)
{
	va_list ap;

	if (vd->why && vd->whylen) {
		va_start(ap, fmt);
		vsnprintf(vd->why, vd->whylen, fmt, ap);
		va_end(ap);
	}
	vd->v = v;
	return v;
}

static void skip_spaces(struct cursor *c)
{
	while (c->left && isspace((unsigned char)*c->p)) {
		c->p++;
		c->left--;
	}
}

static int digit_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return 99;
}

/* strtoul_lenient(base 0): false on overflow. */
static bool parse_unsigned(const char *s, const char **end, uint64_t *val)
{
	unsigned base = 10;
	uint64_t v = 0;

	if (s[0] == '0' && tolower((unsigned char)s[1]) == 'x' && isxdigit((unsigned char)s[2])) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (; digit_value(*s) < (int)base; s++) {
		unsigned d = (unsigned)digit_value(*s);
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*end = s;
	*val = v;
	return true;
}

/* proc_get_long with white space as the permitted terminator. */
static bool get_long(struct cursor *c, uint64_t *val, bool *neg)
{
	char tmp[KNUM_MAX + 1];
	size_t len = c->left > KNUM_MAX ? KNUM_MAX : c->left;
	const char *p = tmp, *end;

	if (!c->left)
		return false;
	memcpy(tmp, c->p, len);
	tmp[len] = '\0';
	*neg = *p == '-' && c->left > 1;
	if (*neg)
		p++;
	if (!isdigit((unsigned char)*p) || !parse_unsigned(p, &end, val))
		return false;
	len = (size_t)(end - tmp);
	if (len == KNUM_MAX)
		return false; /* the kernel cannot tell where such a number ends */
	if (len < c->left && !memchr(" \t\n", tmp[len], 3))
		return false;
	c->p += len;
	c->left -= len;
	return true;
}

/* The value one element stores, or a refusal; `lval`/`neg` as parsed. */
static bool conv_int(const struct sysctl_row *row, uint64_t lval, bool neg, int64_t *out)
{
	uint64_t jif;
	uint32_t ms;

	switch (row->handler) {
	case SYSCTL_H_JIFFIES:
		if (lval > INT32_MAX / SYSCTL_HZ)
			return false;
		*out = neg ? -(int64_t)lval : (int64_t)lval;
		return true;
	case SYSCTL_H_MS_JIFFIES:
		/* msecs_to_jiffies() takes an unsigned int: negatives are huge */
		ms = (uint32_t)(neg ? (uint64_t)0 - lval : lval);
		if ((int32_t)ms < 0)
			return false;
		jif = ((uint64_t)ms * SYSCTL_HZ + 999) / 1000;
		*out = ms;
		return jif <= INT32_MAX && (row->min == SYSCTL_NO_MIN || (int64_t)jif >= row->min);
	case SYSCTL_H_USERHZ_JIFFIES:
		if (lval > UINT32_MAX / SYSCTL_HZ)
			return false;
		*out = neg ? -(int64_t)lval : (int64_t)lval;
		return true;
	default:
		if (neg ? lval > (uint64_t)INT32_MAX + 1 : lval > INT32_MAX)
			return false;
		*out = neg ? -(int64_t)lval : (int64_t)lval;
		return (row->min == SYSCTL_NO_MIN || *out >= row->min) &&
			(row->max == SYSCTL_NO_MAX || *out <= row->max);
	}
}

/*
 * __do_proc_dointvec and friends: up to nelem elements, at least one; what
 * follows the last element is ignored.  Fills vals[] for the cross checks.
 */
static enum sysctl_verdict int_vector(const struct sysctl_row *row, struct cursor *c,
				      struct verdict *vd, int64_t *vals, size_t *n)
{
	*n = 0;
	while (c->left && *n < row->nelem) {
		uint64_t lval;
		bool neg;

		skip_spaces(c);
		if (!c->left)
			break;
		if (!get_long(c, &lval, &neg))
			return refuse(vd, SYSCTL_WRONG_VALUE, "element %zu is not a number",
				      *n + 1);
		if (!conv_int(row, lval, neg, &vals[*n]))
			return refuse(vd, SYSCTL_WRONG_VALUE, "element %zu is out of range",
				      *n + 1);
		(*n)++;
	}
	if (!*n)
		return refuse(vd, SYSCTL_WRONG_VALUE, "no value");
	return SYSCTL_ACCEPT;
}

/* do_proc_douintvec_w: exactly one unsigned element, then anything. */
static enum sysctl_verdict uint_single(const struct sysctl_row *row, struct cursor *c,
				       struct verdict *vd)
{
	uint64_t lval;
	bool neg;

	skip_spaces(c);
	if (!c->left)
		return refuse(vd, SYSCTL_WRONG_VALUE, "no value");
	if (!get_long(c, &lval, &neg) || neg)
		return refuse(vd, SYSCTL_WRONG_VALUE, "not an unsigned number");
	if (lval > UINT32_MAX || (int64_t)lval < row->min ||
	    (row->max != SYSCTL_NO_MAX && (int64_t)lval > row->max))
		return refuse(vd, SYSCTL_WRONG_VALUE, "out of range");
	return SYSCTL_ACCEPT;
}

/* __do_proc_doulongvec_minmax: like the int vector, unsigned 64-bit. */
static enum sysctl_verdict ulong_vector(const struct sysctl_row *row, struct cursor *c,
					struct verdict *vd)
{
	size_t n = 0;

	while (c->left && n < row->nelem) {
		uint64_t lval;
		bool neg;

		skip_spaces(c);
		if (!c->left)
			break;
		if (!get_long(c, &lval, &neg) || neg)
			return refuse(vd, SYSCTL_WRONG_VALUE,
				      "element %zu is not an unsigned number", n + 1);
		if ((row->min != SYSCTL_NO_MIN && lval < (uint64_t)row->min) ||
		    (row->max != SYSCTL_NO_MAX && lval > (uint64_t)row->max))
			return refuse(vd, SYSCTL_WRONG_VALUE, "element %zu is out of range", n + 1);
		n++;
	}
	if (!n)
		return refuse(vd, SYSCTL_WRONG_VALUE, "no value");
	return SYSCTL_ACCEPT;
}

/* Read a sibling sysctl's integers (for the port checks); false if unreadable. */
static bool read_ints(const struct sysctl_env *env, const char *name, int64_t *v, size_t n)
{
	char dir[4096], *text, *p, *end;
	size_t len, i = 0;

	snprintf(dir, sizeof(dir), "%s/sys/net/ipv4", env->proc_root);
	if (read_file(dir, name, &text, &len))
		return false;
	for (p = text; i < n; p = end, i++) {
		errno = 0;
		v[i] = strtoll(p, &end, 10);
		if (end == p || errno)
			break;
	}
	free(text);
	return i == n;
}

static enum sysctl_verdict port_range(const struct sysctl_row *row, struct cursor *c,
				      const struct sysctl_env *env, struct verdict *vd)
{
	int64_t vals[2], cur[2], prot;
	size_t n;

	if (int_vector(row, c, vd, vals, &n) != SYSCTL_ACCEPT)
		return vd->v;
	if (!read_ints(env, "ip_local_port_range", cur, 2) ||
	    !read_ints(env, "ip_unprivileged_port_start", &prot, 1))
		return SYSCTL_ACCEPT; /* cannot tell: the kernel decides */
	if (n < 2)
		vals[1] = cur[1]; /* a short write keeps the old upper bound */
	if (vals[1] < vals[0])
		return refuse(vd, SYSCTL_WRONG_VALUE, "upper bound below lower bound");
	if (vals[0] < prot)
		return refuse(vd, SYSCTL_WRONG_VALUE,
			      "lower bound below ip_unprivileged_port_start (%lld)",
			      (long long)prot);
	return SYSCTL_ACCEPT;
}

static enum sysctl_verdict privileged_ports(const struct sysctl_row *row, struct cursor *c,
					    const struct sysctl_env *env, struct verdict *vd)
{
	int64_t val, range[2];
	size_t n;

	if (int_vector(row, c, vd, &val, &n) != SYSCTL_ACCEPT)
		return vd->v;
	if (read_ints(env, "ip_local_port_range", range, 2) && range[0] < val)
		return refuse(vd, SYSCTL_WRONG_VALUE, "above the local port range's start (%lld)",
			      (long long)range[0]);
	return SYSCTL_ACCEPT;
}

/* Is `name` (len bytes) a word of the space-separated list in file `list`? */
static bool in_list(const struct sysctl_env *env, const char *list, const char *name, size_t len)
{
	char dir[4096], *text, *save = NULL;
	size_t tlen;
	bool found = false;

	snprintf(dir, sizeof(dir), "%s/sys/net/ipv4", env->proc_root);
	if (read_file(dir, list, &text, &tlen))
		return true; /* cannot tell: the kernel decides */
	for (char *w = strtok_r(text, " \t\n", &save); w && !found;
	     w = strtok_r(NULL, " \t\n", &save))
		found = strlen(w) == len && !memcmp(w, name, len);
	free(text);
	return found;
}

/* proc_dostring keeps what precedes the first newline. */
static size_t string_len(const struct cursor *c)
{
	const char *nl = memchr(c->p, '\n', c->left);
	return nl ? (size_t)(nl - c->p) : c->left;
}

static enum sysctl_verdict congestion(const struct sysctl_row *row, struct cursor *c,
				      const struct sysctl_env *env, struct verdict *vd)
{
	size_t len = string_len(c);

	if (len > (size_t)row->maxlen - 1)
		return refuse(vd, SYSCTL_WRONG_LENGTH, "longer than %u characters",
			      row->maxlen - 1);
	if (!in_list(env, "tcp_available_congestion_control", c->p, len))
		return refuse(vd, SYSCTL_WRONG_VALUE, "not an available congestion control");
	if (!env->init_netns && !in_list(env, "tcp_allowed_congestion_control", c->p, len))
		return refuse(vd, SYSCTL_WRONG_VALUE,
			      "not in tcp_allowed_congestion_control (required outside the "
			      "initial network namespace)");
	return SYSCTL_ACCEPT;
}

/* tcp_allowed_congestion_control: every word must be available. */
static enum sysctl_verdict congestion_list(const struct sysctl_row *row, struct cursor *c,
					   const struct sysctl_env *env, struct verdict *vd)
{
	size_t len = string_len(c), i = 0;

	if (len > (size_t)row->maxlen - 1)
		return refuse(vd, SYSCTL_WRONG_LENGTH, "longer than %u characters",
			      row->maxlen - 1);
	while (i < len) {
		size_t start, wlen;
		while (i < len && c->p[i] == ' ')
			i++;
		start = i;
		while (i < len && c->p[i] != ' ')
			i++;
		wlen = i - start;
		if (wlen && !in_list(env, "tcp_available_congestion_control", c->p + start, wlen))
			return refuse(vd, SYSCTL_WRONG_VALUE,
				      "'%.*s' is not an available congestion control", (int)wlen,
				      c->p + start);
	}
	return SYSCTL_ACCEPT;
}

/* ip_local_reserved_ports: "N" and "N-M" items separated by commas. */
static enum sysctl_verdict port_list(struct cursor *c, struct verdict *vd)
{
	const char *p = c->p, *end = c->p + c->left;

	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	while (p < end) {
		char *e;
		long a, b;

		if (!isdigit((unsigned char)*p))
			return refuse(vd, SYSCTL_WRONG_VALUE, "expected a port number");
		a = strtol(p, &e, 10);
		b = a;
		if (e < end && *e == '-') {
			if (!isdigit((unsigned char)e[1]))
				return refuse(vd, SYSCTL_WRONG_VALUE, "expected a port number");
			b = strtol(e + 1, &e, 10);
		}
		if (a > 65535 || b > 65535 || b < a)
			return refuse(vd, SYSCTL_WRONG_VALUE, "bad port or range");
		if (e < end && *e != ',')
			return refuse(vd, SYSCTL_WRONG_VALUE, "expected ',' between ports");
		p = e < end ? e + 1 : e;
	}
	return SYSCTL_ACCEPT;
}

static bool has_control_bytes(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];
		if ((ch < ' ' && ch != '\t' && ch != '\n') || ch == 0x7f)
			return true;
	}
	return false;
}

enum sysctl_verdict sysctl_validate(const struct sysctl_row *row, const char *text, size_t len,
				    const struct sysctl_env *env, char *why, size_t whylen)
{
	struct verdict vd = { .v = SYSCTL_ACCEPT, .why = why, .whylen = whylen };
	struct cursor c = { .p = text, .left = len };
	int64_t vals[8];
	size_t n;

	if (why && whylen)
		why[0] = '\0';
	if (!row || row->handler == SYSCTL_H_UNKNOWN || !(row->mode & 0222))
		return refuse(&vd, SYSCTL_READ_ONLY, "read-only");
	if (len > SYSCTL_TEXT_MAX)
		return refuse(&vd, SYSCTL_WRONG_LENGTH, "longer than %d characters",
			      SYSCTL_TEXT_MAX);
	if (has_control_bytes(text, len))
		return refuse(&vd, SYSCTL_WRONG_VALUE, "control characters in the value");

	switch (row->handler) {
	case SYSCTL_H_INTVEC:
	case SYSCTL_H_INTVEC_MINMAX:
	case SYSCTL_H_JIFFIES:
	case SYSCTL_H_MS_JIFFIES:
	case SYSCTL_H_USERHZ_JIFFIES:
		return row->nelem <= 8 ? int_vector(row, &c, &vd, vals, &n) : SYSCTL_ACCEPT;
	case SYSCTL_H_UINTVEC:
	case SYSCTL_H_UINTVEC_MINMAX:
	case SYSCTL_H_U8VEC_MINMAX:
		return uint_single(row, &c, &vd);
	case SYSCTL_H_ULONGVEC_MINMAX:
	case SYSCTL_H_PING_GROUP_RANGE:
		return ulong_vector(row, &c, &vd);
	case SYSCTL_H_PORT_RANGE:
		return port_range(row, &c, env, &vd);
	case SYSCTL_H_PRIVILEGED_PORTS:
		return privileged_ports(row, &c, env, &vd);
	case SYSCTL_H_CONGESTION:
		return congestion(row, &c, env, &vd);
	case SYSCTL_H_STRING:
		return congestion_list(row, &c, env, &vd);
	case SYSCTL_H_LARGE_BITMAP:
		return port_list(&c, &vd);
	case SYSCTL_H_UNKNOWN:
		break;
	}
	return refuse(&vd, SYSCTL_READ_ONLY, "read-only");
}
