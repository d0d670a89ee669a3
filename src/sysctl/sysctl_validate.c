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
#include <net/if.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "read_file.h"
#include "sysctl_tree.h"

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

/*
 * proc_get_long: a number, then (if anything follows) one of the `term`
 * bytes, which is not consumed.
 */
static bool get_number(struct cursor *c, const char *term, uint64_t *val, bool *neg)
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
	if (len < c->left && !strchr(term, tmp[len]))
		return false;
	c->p += len;
	c->left -= len;
	return true;
}

/* proc_get_long with white space as the permitted terminator. */
static bool get_long(struct cursor *c, uint64_t *val, bool *neg)
{
	return get_number(c, " \t\n", val, neg);
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
		/* do_proc_dointvec_userhz_jiffies_conv: a long's range only; the
		 * jiffies are then cut to an int without a word */
		if (lval > (uint64_t)(INT64_MAX / SYSCTL_HZ) * SYSCTL_USER_HZ)
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

/* Read a file below <proc_root>/sys/net ("ipv4/ip_local_port_range"); 0 or errno. */
static int read_net(const struct sysctl_env *env, const char *name, char **text)
{
	char dir[4096];
	size_t len;

	snprintf(dir, sizeof(dir), "%s/sys/net", env->proc_root);
	return read_file(dir, name, text, &len);
}

/* Read a sibling sysctl's integers (for the cross checks); false if unreadable. */
static bool read_ints(const struct sysctl_env *env, const char *name, int64_t *v, size_t n)
{
	char *text, *p, *end;
	size_t i = 0;

	if (read_net(env, name, &text))
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

/* The same for one unsigned 64-bit value (proc_doulongvec_minmax's). */
static bool read_ulong(const struct sysctl_env *env, const char *name, uint64_t *v)
{
	char *text, *end;
	bool ok;

	if (read_net(env, name, &text))
		return false;
	errno = 0;
	*v = strtoull(text, &end, 10);
	ok = end != text && !errno;
	free(text);
	return ok;
}

/* The bounds of an unsigned long element, with those that live in another entry. */
static void ulong_bounds(const struct sysctl_row *row, const struct sysctl_env *env, uint64_t *lo,
			 uint64_t *hi)
{
	char file[SYSCTL_PATH_MAX + 8];

	*lo = row->min == SYSCTL_NO_MIN ? 0 : (uint64_t)row->min;
	*hi = row->max == SYSCTL_NO_MAX ? UINT64_MAX : (uint64_t)row->max;
	/* another entry's path (sysctl_table.h), as a file below net/;
	 * unreadable: the kernel decides */
	if (row->min_of)
		(void)read_ulong(env, sysctl_tree_file(row->min_of, file, sizeof(file)), lo);
	if (row->max_of)
		(void)read_ulong(env, sysctl_tree_file(row->max_of, file, sizeof(file)), hi);
}

/* __do_proc_doulongvec_minmax: like the int vector, unsigned 64-bit. */
static enum sysctl_verdict ulong_vector(const struct sysctl_row *row, struct cursor *c,
					const struct sysctl_env *env, struct verdict *vd)
{
	uint64_t lo, hi;
	size_t n = 0;

	ulong_bounds(row, env, &lo, &hi);
	while (c->left && n < row->nelem) {
		uint64_t lval;
		bool neg;

		skip_spaces(c);
		if (!c->left)
			break;
		if (!get_long(c, &lval, &neg) || neg)
			return refuse(vd, SYSCTL_WRONG_VALUE,
				      "element %zu is not an unsigned number", n + 1);
		if (lval < lo || lval > hi)
			return refuse(vd, SYSCTL_WRONG_VALUE, "element %zu is out of range", n + 1);
		n++;
	}
	if (!n)
		return refuse(vd, SYSCTL_WRONG_VALUE, "no value");
	return SYSCTL_ACCEPT;
}

static enum sysctl_verdict port_range(const struct sysctl_row *row, struct cursor *c,
				      const struct sysctl_env *env, struct verdict *vd)
{
	int64_t vals[2], cur[2], prot;
	size_t n;

	if (int_vector(row, c, vd, vals, &n) != SYSCTL_ACCEPT)
		return vd->v;
	if (!read_ints(env, "ipv4/ip_local_port_range", cur, 2) ||
	    !read_ints(env, "ipv4/ip_unprivileged_port_start", &prot, 1))
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
	if (read_ints(env, "ipv4/ip_local_port_range", range, 2) && range[0] < val)
		return refuse(vd, SYSCTL_WRONG_VALUE, "above the local port range's start (%lld)",
			      (long long)range[0]);
	return SYSCTL_ACCEPT;
}

/* Is `name` (len bytes) a word of the space-separated list in file `list`? */
static bool in_list(const struct sysctl_env *env, const char *list, const char *name, size_t len)
{
	char file[128], *text, *save = NULL;
	bool found = false;

	snprintf(file, sizeof(file), "ipv4/%s", list);
	if (read_net(env, file, &text))
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

static void skip_newlines(struct cursor *c)
{
	while (c->left && *c->p == '\n') {
		c->p++;
		c->left--;
	}
}

/* One bit number of a bitmap: a number below the row's size, not negative. */
static bool bit_number(const struct sysctl_row *row, struct cursor *c, const char *term,
		       uint64_t *bit, char *next)
{
	bool neg;

	if (!get_number(c, term, bit, &neg) || neg || *bit > (uint64_t)row->max)
		return false;
	*next = c->left ? *c->p : '\0';
	if (c->left) { /* the terminator */
		c->p++;
		c->left--;
	}
	return true;
}

/*
 * proc_do_large_bitmap (ip_local_reserved_ports, icmp/ratemask): "N" and
 * "N-M" items, each number followed by ',', '-' (after N) or a newline and
 * nothing else; no white space; bits 0 to row->max.
 */
static enum sysctl_verdict bit_list(const struct sysctl_row *row, struct cursor *c,
				    struct verdict *vd)
{
	skip_newlines(c);
	while (c->left) {
		uint64_t a, b;
		char next;

		if (!bit_number(row, c, "-,\n", &a, &next))
			return refuse(
				vd, SYSCTL_WRONG_VALUE,
				"expected a number from 0 to %lld, then ',', '-' or a newline",
				(long long)row->max);
		if (next == '-' && (!bit_number(row, c, ",\n", &b, &next) || b < a))
			return refuse(vd, SYSCTL_WRONG_VALUE,
				      "a range must end in a number from %llu to %lld",
				      (unsigned long long)a, (long long)row->max);
		skip_newlines(c);
	}
	return SYSCTL_ACCEPT;
}

/* The device of a per-device path ("ipv6/conf/eth0/mtu"), or false. */
static bool device_of(const char *path, char *dev, size_t len)
{
	const char *p = strstr(path, "conf/"), *end;

	if (!p)
		return false;
	p += strlen("conf/");
	end = strchr(p, '/');
	if (!end || (size_t)(end - p) >= len)
		return false;
	memcpy(dev, p, (size_t)(end - p));
	dev[end - p] = '\0';
	return strcmp(dev, "all") && strcmp(dev, "default");
}

/* The device's MTU in the current network namespace, or -1. */
static int device_mtu(const char *dev)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), mtu = -1;

	if (fd < 0)
		return -1;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	if (ioctl(fd, SIOCGIFMTU, &ifr) == 0)
		mtu = ifr.ifr_mtu;
	close(fd);
	return mtu;
}

/*
 * addrconf_sysctl_mtu: proc_dointvec_minmax from IPV6_MIN_MTU to the
 * device's MTU (all and default have no upper bound).
 */
static enum sysctl_verdict ipv6_mtu(const struct sysctl_row *row, const char *path,
				    struct cursor *c, struct verdict *vd)
{
	char dev[IFNAMSIZ];
	int64_t val;
	size_t n;
	int mtu;

	if (int_vector(row, c, vd, &val, &n) != SYSCTL_ACCEPT)
		return vd->v;
	if (device_of(path, dev, sizeof(dev)) && (mtu = device_mtu(dev)) > 0 && val > mtu)
		return refuse(vd, SYSCTL_WRONG_VALUE, "above %s's MTU (%d)", dev, mtu);
	return SYSCTL_ACCEPT;
}

/* Is a stable secret set: can the file be read (the kernel says EIO if not)? */
static bool secret_set(const struct sysctl_env *env, const char *dev, bool *unknown)
{
	char name[64], *text;
	int err;

	snprintf(name, sizeof(name), "ipv6/conf/%s/stable_secret", dev);
	err = read_net(env, name, &text);
	if (!err) {
		explicit_bzero(text, strlen(text)); /* a secret: never kept */
		free(text);
		return true;
	}
	if (err != EIO)
		*unknown = true;
	return false;
}

/*
 * addrconf_sysctl_addr_gen_mode: one unsigned number, a known mode (0
 * eui64, 1 none, 2 stable-privacy, 3 random); on a device, stable-privacy
 * needs a stable secret of the device's or of default's (check_stable_privacy).
 */
static enum sysctl_verdict addr_gen_mode(const struct sysctl_row *row, const char *path,
					 struct cursor *c, const struct sysctl_env *env,
					 struct verdict *vd)
{
	struct cursor at = *c;
	char dev[IFNAMSIZ];
	uint64_t mode;
	bool neg, unknown = false;

	if (uint_single(row, c, vd) != SYSCTL_ACCEPT)
		return vd->v;
	skip_spaces(&at);
	if (!get_long(&at, &mode, &neg) || mode != 2 || !device_of(path, dev, sizeof(dev)))
		return SYSCTL_ACCEPT;
	if (!secret_set(env, dev, &unknown) && !secret_set(env, "default", &unknown) && !unknown)
		return refuse(vd, SYSCTL_WRONG_VALUE,
			      "stable-privacy (2) needs a stable_secret for %s or default", dev);
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

enum sysctl_verdict sysctl_validate(const struct sysctl_row *row, const char *path,
				    const char *text, size_t len, const struct sysctl_env *env,
				    char *why, size_t whylen)
{
	struct verdict vd = { .v = SYSCTL_ACCEPT, .why = why, .whylen = whylen };
	struct cursor c = { .p = text, .left = len };
	int64_t vals[8];
	size_t n;

	if (why && whylen)
		why[0] = '\0';
	if (!row || row->handler == SYSCTL_H_UNKNOWN || !(row->mode & 0222))
		return refuse(&vd, SYSCTL_READ_ONLY, "read-only");
	if (len == 0)
		return SYSCTL_ACCEPT; /* every handler takes an empty write as a no-op */
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
		return ulong_vector(row, &c, env, &vd);
	case SYSCTL_H_PORT_RANGE:
		return port_range(row, &c, env, &vd);
	case SYSCTL_H_PRIVILEGED_PORTS:
		return privileged_ports(row, &c, env, &vd);
	case SYSCTL_H_CONGESTION:
		return congestion(row, &c, env, &vd);
	case SYSCTL_H_STRING:
		return congestion_list(row, &c, env, &vd);
	case SYSCTL_H_LARGE_BITMAP:
		return bit_list(row, &c, &vd);
	case SYSCTL_H_IPV6_MTU:
		return ipv6_mtu(row, path, &c, &vd);
	case SYSCTL_H_ADDR_GEN_MODE:
		return addr_gen_mode(row, path, &c, env, &vd);
	case SYSCTL_H_UNKNOWN:
		break;
	}
	return refuse(&vd, SYSCTL_READ_ONLY, "read-only");
}
