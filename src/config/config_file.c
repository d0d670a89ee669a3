/* Reading ipstack-agentx.conf (see config_file.h). */
#include "config_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "number_parse.h"
#include "read_file.h"

/* A token's parser: NULL on success, else what is wrong with `value`. */
typedef const char *(*token_fn)(struct config *c, const char *value);

static bool has_blank(const char *s)
{
	return strpbrk(s, " \t") != NULL;
}

static const char *parse_cache_lifetime(struct config *c, const char *v)
{
	return parse_seconds_ms(v, 3600, &c->cache_ms)
		? NULL
		: "cacheLifetime: expected seconds from 0 to 3600, e.g. 1 or 0.5";
}

static const char *parse_int(const char *v, long long lo, long long hi, int *out)
{
	long long x;

	if (!parse_llong(v, lo, hi, &x))
		return "bad";
	*out = (int)x;
	return NULL;
}

static const char *parse_priority(struct config *c, const char *v)
{
	return parse_int(v, 1, 126, &c->priority)
		? "registrationPriority: expected a number from 1 to 126 (below 127, "
		  "snmpd's own modules)"
		: NULL;
}

static const char *replace_string(char **dst, const char *v)
{
	char *copy = strdup(v);

	if (!copy)
		return "out of memory";
	free(*dst);
	*dst = copy;
	return NULL;
}

static const char *parse_proc_root(struct config *c, const char *v)
{
	if (v[0] != '/' || has_blank(v))
		return "procRoot: expected an absolute directory path";
	return replace_string(&c->proc_root, v);
}

static const char *parse_pattern(struct config *c, const char *v, bool allow)
{
	if (!*v || v[0] == '/' || has_blank(v))
		return allow ? "writeAllow: expected one pattern relative to net/ipv4 (or ipv6/ "
			       "and one relative to net/ipv6), e.g. tcp_*"
			     : "writeDeny: expected one pattern relative to net/ipv4 (or ipv6/ "
			       "and one relative to net/ipv6), e.g. conf/*/forwarding";
	return sysctl_policy_add(&c->policy, allow, v) ? NULL : "out of memory";
}

static const char *parse_write_allow(struct config *c, const char *v)
{
	return parse_pattern(c, v, true);
}

static const char *parse_write_deny(struct config *c, const char *v)
{
	return parse_pattern(c, v, false);
}

/* "yes" or "no" into *out; else `error`. */
static const char *parse_yes_no(const char *v, bool *out, const char *error)
{
	if (strcmp(v, "yes") && strcmp(v, "no"))
		return error;
	*out = v[0] == 'y';
	return NULL;
}

static const char *parse_allow_delete_tcb(struct config *c, const char *v)
{
	return parse_yes_no(v, &c->allow_delete_tcb, "allowDeleteTcb: expected yes or no");
}

static const char *parse_persist_sets(struct config *c, const char *v)
{
	if (v[0] != '/' || has_blank(v) || v[strlen(v) - 1] == '/')
		return "persistSets: expected an absolute file path, e.g. "
		       "/etc/sysctl.d/90-ipstack-agentx.conf";
	return replace_string(&c->persist_file, v);
}

static const char *parse_notify_tunables(struct config *c, const char *v)
{
	return parse_yes_no(v, &c->notify_tunables, "notifyTunableChanges: expected yes or no");
}

static const char *parse_tunable_poll(struct config *c, const char *v)
{
	int s;

	if (parse_int(v, 1, 86400, &s))
		return "tunablePollInterval: expected seconds from 1 to 86400";
	c->tunable_poll_s = (unsigned)s;
	return NULL;
}

static const char *parse_agentx_socket(struct config *c, const char *v)
{
	if (!*v || has_blank(v))
		return "agentXSocket: expected one address, e.g. /var/agentx/master or "
		       "tcp:127.0.0.1:705";
	return replace_string(&c->agentx_socket, v);
}

static const char *parse_ping(struct config *c, const char *v)
{
	return parse_int(v, 0, 86400, &c->ping_interval)
		? "agentXPingInterval: expected seconds from 0 (never) to 86400"
		: NULL;
}

static const char *parse_timeout(struct config *c, const char *v)
{
	/* RFC 2741 carries the timeout in one byte of seconds. */
	return parse_int(v, 1, 255, &c->agentx_timeout)
		? "agentXTimeout: expected seconds from 1 to 255"
		: NULL;
}

static const char *parse_retries(struct config *c, const char *v)
{
	return parse_int(v, 0, 100, &c->agentx_retries) ? "agentXRetries: expected 0 to 100" : NULL;
}

static const char *parse_netns_dir(struct config *c, const char *v)
{
	if (v[0] != '/' || has_blank(v))
		return "netnsDir: expected an absolute directory path, e.g. /run/netns";
	return name_list_add(&c->netns_dirs, v) ? NULL : "out of memory";
}

/* "none", "all", or names: each line replaces the previous one's choice. */
static const char *parse_netns_contexts(struct config *c, const char *v)
{
	static const char usage[] =
		"netnsContexts: expected none, all, or namespace names (patterns such as "
		"ns* allowed)";
	char *copy, *save = NULL;
	const char *why = NULL;

	name_list_free(&c->netns_names);
	c->netns_all = false;
	if (!*v)
		return usage;
	if (!strcmp(v, "none"))
		return NULL;
	if (!strcmp(v, "all")) {
		c->netns_all = true;
		return NULL;
	}
	if (!(copy = strdup(v)))
		return "out of memory";
	for (char *w = strtok_r(copy, " \t", &save); w && !why; w = strtok_r(NULL, " \t", &save)) {
		if (!strcmp(w, "all") || !strcmp(w, "none") || strchr(w, '/'))
			why = usage;
		else if (strlen(w) > SNMP_CONTEXT_NAME_MAX)
			why = "netnsContexts: a name is at most 32 characters (an SNMP context "
			      "name)";
		else if (!name_list_add(&c->netns_names, w))
			why = "out of memory";
	}
	free(copy);
	return why;
}

static const struct {
	const char *name;
	token_fn parse;
} tokens[] = {
	{ "agentXSocket", parse_agentx_socket },
	{ "agentXPingInterval", parse_ping },
	{ "agentXTimeout", parse_timeout },
	{ "agentXRetries", parse_retries },
	{ "cacheLifetime", parse_cache_lifetime },
	{ "registrationPriority", parse_priority },
	{ "procRoot", parse_proc_root },
	{ "writeAllow", parse_write_allow },
	{ "writeDeny", parse_write_deny },
	{ "allowDeleteTcb", parse_allow_delete_tcb },
	{ "netnsDir", parse_netns_dir },
	{ "netnsContexts", parse_netns_contexts },
	{ "persistSets", parse_persist_sets },
	{ "notifyTunableChanges", parse_notify_tunables },
	{ "tunablePollInterval", parse_tunable_poll },
};
#define NTOKENS (sizeof(tokens) / sizeof(tokens[0]))

const char *config_token_name(size_t i)
{
	return i < NTOKENS ? tokens[i].name : NULL;
}

struct reader {
	config_msg_fn on_error;
	void *ctx;
	struct config_read *result;
};

static void report(struct reader *r, const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report(struct reader *r, const char *file, unsigned line, const char *fmt, ...)
{
	char what[400], msg[sizeof(r->result->first_error)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (line)
		snprintf(msg, sizeof(msg), "%s line %u: %s", file, line, what);
	else
		snprintf(msg, sizeof(msg), "%s: %s", file, what);
	if (!r->result->errors++)
		snprintf(r->result->first_error, sizeof(r->result->first_error), "%s", msg);
	if (r->on_error)
		r->on_error(r->ctx, msg);
}

/* Names as net-snmp spells them match whatever their case (agentxSocket). */
static token_fn find_token(const char *name)
{
	for (size_t i = 0; i < NTOKENS; i++)
		if (!strcasecmp(tokens[i].name, name))
			return tokens[i].parse;
	return NULL;
}

/* Printable for a message: control bytes would forge log lines. */
static void printable(const char *s, char *out, size_t len)
{
	size_t n = 0;

	for (; *s && n + 1 < len; s++)
		out[n++] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
	out[n] = '\0';
}

static void parse_line(struct reader *r, struct config *c, const char *file, unsigned lineno,
		       char *line)
{
	char *token, *value, *end, shown[64];
	token_fn parse;
	const char *why;

	token = line + strspn(line, " \t\r");
	if (!*token || *token == '#')
		return;
	value = token + strcspn(token, " \t\r=");
	if (*value)
		*value++ = '\0';
	value += strspn(value, " \t\r=");
	end = value + strlen(value);
	while (end > value && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	parse = find_token(token);
	if (!parse) {
		printable(token, shown, sizeof(shown));
		report(r, file, lineno, "unknown token '%s' (see ipstack-agentx --help)", shown);
		return;
	}
	if ((why = parse(c, value)))
		report(r, file, lineno, "%s", why);
}

static void parse_text(struct reader *r, struct config *c, const char *file, char *text, size_t len)
{
	unsigned lineno = 0;
	char *p = text;

	if (memchr(text, '\0', len)) {
		report(r, file, 0, "contains a NUL byte: not a text file");
		return;
	}
	while (p && *p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		parse_line(r, c, file, ++lineno, p);
		p = nl ? nl + 1 : NULL;
	}
}

/*
 * After a failed open: nothing there, or a directory on the way this user
 * may not search, which hides the file as well as its absence (snmpd's
 * $HOME/.snmp, /root/.snmp, once it has dropped root for Debian-snmp).  A
 * file that is there but unreadable is neither: its settings would be
 * missed.
 */
static bool hidden_or_absent(const char *file)
{
	int err = errno;
	struct stat st;

	if (err == ENOENT)
		return true;
	if (err != EACCES || stat(file, &st) == 0 || errno != EACCES) {
		errno = err;
		return false;
	}
	return true;
}

/* One file; missing ones are an error only where `required`. */
static void read_one(struct reader *r, struct config *c, const char *file, bool required)
{
	int fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	char *text;
	size_t len;
	int err;

	if (fd < 0) {
		if (!required && hidden_or_absent(file))
			return;
		report(r, file, 0, "cannot open: %s", strerror(errno));
		return;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & (S_IWGRP | S_IWOTH))) {
		/* Whoever may write it may allow any write: refuse it. */
		report(r, file, 0, "writable by %s (mode %04o): chmod go-w it",
		       st.st_mode & S_IWOTH ? "any user" : "its group",
		       (unsigned)(st.st_mode & 07777));
		close(fd);
		return;
	}
	err = read_fd(fd, &text, &len);
	close(fd);
	if (err) {
		report(r, file, 0, "cannot read: %s", read_file_error(err));
		return;
	}
	parse_text(r, c, file, text, len);
	free(text);
	if (r->result->files[0])
		strncat(r->result->files, ", ",
			sizeof(r->result->files) - strlen(r->result->files) - 1);
	strncat(r->result->files, file, sizeof(r->result->files) - strlen(r->result->files) - 1);
}

static void read_search_path(struct reader *r, struct config *c, const char *search_path)
{
	static const char *const suffixes[] = { ".conf", ".local.conf" };
	const char *dir = search_path;

	while (dir && *dir) {
		size_t dlen = strcspn(dir, ":");
		for (size_t i = 0; dlen && i < 2; i++) {
			char file[4096];
			if (snprintf(file, sizeof(file), "%.*s/%s%s", (int)dlen, dir, CONFIG_NAME,
				     suffixes[i]) < (int)sizeof(file))
				read_one(r, c, file, false);
		}
		dir = dir[dlen] ? dir + dlen + 1 : NULL;
	}
}

unsigned config_file_load(struct config *out, const char *file, const char *search_path,
			  config_msg_fn on_error, void *ctx, struct config_read *result)
{
	struct reader r = { .on_error = on_error, .ctx = ctx, .result = result };

	*result = (struct config_read){ 0 };
	config_defaults(out);
	if (file)
		read_one(&r, out, file, true);
	else
		read_search_path(&r, out, search_path);
	return result->errors;
}
