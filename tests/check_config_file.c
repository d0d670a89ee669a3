/* The configuration reader, namespace files, strict number parsing and log escaping. */
#include "unit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_file.h"
#include "netns.h"
#include "number_parse.h"
#include "text_escape.h"

static char dir[] = "/tmp/ipstack-config-XXXXXX";

static void setup(void)
{
	strcpy(dir, "/tmp/ipstack-config-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* dir/name with text and mode; returns the path in a static buffer. */
static const char *put(const char *name, const char *text, unsigned mode)
{
	static char path[512];

	test_write(dir, name, text, mode);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

struct seen {
	unsigned n;
	char last[600];
};

static void on_error(void *ctx, const char *msg)
{
	struct seen *s = ctx;

	s->n++;
	snprintf(s->last, sizeof(s->last), "%s", msg);
}

START_TEST(every_token_and_the_defaults)
{
	struct config c;
	struct config_read rd;
	struct seen s = { 0 };

	put("ipstack-agentx.conf",
	    "# comment\n\n  agentxsocket tcp:127.0.0.1:705\nagentXPingInterval=3\n"
	    "agentXTimeout 9\nagentXRetries 0\ncacheLifetime 0.25\nregistrationPriority 1\n"
	    "procRoot /srv/proc\nwriteAllow tcp_*\t\nwriteDeny tcp_syncookies\r\n"
	    "allowDeleteTcb yes\n",
	    0644);
	ck_assert_uint_eq(config_file_load(&c, NULL, dir, on_error, &s, &rd), 0);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_str_eq(c.agentx_socket, "tcp:127.0.0.1:705");
	ck_assert_int_eq(c.ping_interval, 3);
	ck_assert_int_eq(c.agentx_timeout, 9);
	ck_assert_int_eq(c.agentx_retries, 0);
	ck_assert_uint_eq(c.cache_ms, 250);
	ck_assert_int_eq(c.priority, 1);
	ck_assert_str_eq(c.proc_root, "/srv/proc");
	ck_assert(c.allow_delete_tcb);
	ck_assert(sysctl_policy_allows(&c.policy, "tcp_rmem"));
	ck_assert(!sysctl_policy_allows(&c.policy, "tcp_syncookies"));
	config_free(&c);
	ck_assert_uint_eq(c.cache_ms, DEFAULT_CACHE_MS); /* freed means defaults again */

	/* No file anywhere on the path: defaults, no error. */
	ck_assert_uint_eq(config_file_load(&c, NULL, "/nonexistent:/also/not", NULL, NULL, &rd), 0);
	ck_assert_str_eq(rd.files, "");
	ck_assert_int_eq(c.priority, DEFAULT_PRIORITY);
	ck_assert_int_eq(c.ping_interval, DEFAULT_PING_INTERVAL);
	config_free(&c);
}
END_TEST

START_TEST(search_path_order_and_local_files)
{
	struct config c;
	struct config_read rd;
	char path[1100];

	put("ipstack-agentx.conf", "cacheLifetime 2\nwriteAllow tcp_rmem\n", 0644);
	put("ipstack-agentx.local.conf", "cacheLifetime 3\nwriteDeny tcp_rmem\n", 0600);
	snprintf(path, sizeof(path), "/nonexistent::%s", dir);
	ck_assert_uint_eq(config_file_load(&c, NULL, path, NULL, NULL, &rd), 0);
	ck_assert_uint_eq(c.cache_ms, 3000); /* the later file wins a value */
	ck_assert(!sysctl_policy_allows(&c.policy, "tcp_rmem")); /* patterns add up */
	ck_assert_ptr_nonnull(strstr(rd.files, "ipstack-agentx.conf, "));
	ck_assert_ptr_nonnull(strstr(rd.files, "ipstack-agentx.local.conf"));
	config_free(&c);
}
END_TEST

static const struct {
	const char *text;
	const char *message; /* after "FILE line N: " */
	unsigned line;
} bad_lines[] = {
	{ "writeDney ip_forward\n", "unknown token 'writeDney'", 1 },
	{ "\n\nwriteAllow\n", "writeAllow: expected one pattern", 3 },
	{ "writeAllow /proc/sys/x\n", "writeAllow: expected one pattern", 1 },
	{ "writeDeny a b\n", "writeDeny: expected one pattern", 1 },
	{ "cacheLifetime -1\n", "cacheLifetime: expected seconds", 1 },
	{ "cacheLifetime 3601\n", "cacheLifetime: expected seconds", 1 },
	{ "cacheLifetime nan\n", "cacheLifetime: expected seconds", 1 },
	{ "registrationPriority 127\n", "registrationPriority: expected a number", 1 },
	{ "registrationPriority 99999999999999999999\n", "registrationPriority", 1 },
	{ "agentXPingInterval 5s\n", "agentXPingInterval: expected seconds", 1 },
	{ "agentXTimeout 256\n", "agentXTimeout: expected seconds from 1 to 255", 1 },
	{ "agentXRetries -1\n", "agentXRetries: expected 0 to 100", 1 },
	{ "agentXSocket\n", "agentXSocket: expected one address", 1 },
	{ "procRoot relative/dir\n", "procRoot: expected an absolute directory path", 1 },
	{ "allowDeleteTcb 1\n", "allowDeleteTcb: expected yes or no", 1 },
	{ "[snmp] logTimestamp yes\n", "unknown token '[snmp]'", 1 },
	{ "netnsDir run/netns\n", "netnsDir: expected an absolute directory path", 1 },
	{ "netnsContexts\n", "netnsContexts: expected none, all, or namespace names", 1 },
	{ "netnsContexts blue all\n", "netnsContexts: expected none, all, or namespace", 1 },
	{ "netnsContexts ../blue\n", "netnsContexts: expected none, all, or namespace", 1 },
	{ "netnsContexts a23456789012345678901234567890123\n",
	  "netnsContexts: a name is at most 32", 1 },
	{ "bad\x1b[2Jtoken x\n", "unknown token 'bad?[2Jtoken'", 1 },
};

START_TEST(bad_lines_name_file_and_line)
{
	struct config c;
	struct config_read rd;
	struct seen s = { 0 };
	char want[600];
	const char *file = put("c.conf", bad_lines[_i].text, 0644);

	ck_assert_uint_eq(config_file_load(&c, file, NULL, on_error, &s, &rd), 1);
	snprintf(want, sizeof(want), "%s line %u: %s", file, bad_lines[_i].line,
		 bad_lines[_i].message);
	ck_assert_msg(!strncmp(rd.first_error, want, strlen(want)), "case %d: '%s', want '%s'", _i,
		      rd.first_error, want);
	ck_assert_str_eq(s.last, rd.first_error);
	config_free(&c);
}
END_TEST

START_TEST(namespace_contexts)
{
	struct config c;
	struct config_read rd;

	/* none by default: nothing changes for existing configurations */
	put("ipstack-agentx.conf", "cacheLifetime 1\n", 0644);
	ck_assert_uint_eq(config_file_load(&c, NULL, dir, NULL, NULL, &rd), 0);
	ck_assert(!config_netns_wanted(&c));
	ck_assert(!config_netns_chosen(&c, "blue"));
	ck_assert_uint_eq(c.netns_dirs.n, 0);
	config_free(&c);

	/* directories in order; each netnsContexts line replaces the last */
	put("ipstack-agentx.conf",
	    "netnsDir /run/netns\nnetnsDir /run/docker/netns\nnetnsContexts all\n"
	    "netnsContexts blue ns*\t r?d\n",
	    0644);
	ck_assert_uint_eq(config_file_load(&c, NULL, dir, NULL, NULL, &rd), 0);
	ck_assert_uint_eq(c.netns_dirs.n, 2);
	ck_assert_str_eq(c.netns_dirs.v[1], "/run/docker/netns");
	ck_assert(config_netns_wanted(&c));
	ck_assert(!c.netns_all);
	ck_assert(config_netns_chosen(&c, "blue"));
	ck_assert(config_netns_chosen(&c, "ns42"));
	ck_assert(config_netns_chosen(&c, "red"));
	ck_assert(!config_netns_chosen(&c, "green"));
	ck_assert(!config_netns_chosen(&c, "bluer"));
	config_free(&c);
	ck_assert_uint_eq(c.netns_dirs.n, 0);

	put("ipstack-agentx.conf", "netnsContexts blue\nnetnsContexts none\n", 0644);
	ck_assert_uint_eq(config_file_load(&c, NULL, dir, NULL, NULL, &rd), 0);
	ck_assert(!config_netns_wanted(&c));
	config_free(&c);
	put("ipstack-agentx.conf", "netnsContexts all\n", 0644);
	ck_assert_uint_eq(config_file_load(&c, NULL, dir, NULL, NULL, &rd), 0);
	ck_assert(config_netns_chosen(&c, "anything"));
	config_free(&c);
}
END_TEST

/*
 * What netns_open() makes of files that are not namespaces, and of links
 * (never followed: /proc/self/ns/net is one).  Namespace files themselves
 * (bind mounts of nsfs) are opened in contexts.sh.
 */
START_TEST(namespace_files)
{
	struct netns_file ns;
	char link[4096];

	ck_assert_int_eq(netns_open("/proc/self/ns/net", &ns), ELOOP);
	ck_assert_int_eq(ns.fd, -1);
	snprintf(link, sizeof(link), "%s/link", dir);
	ck_assert_int_eq(symlink(put("plain", "x", 0644), link), 0);
	ck_assert_int_eq(netns_open(link, &ns), ELOOP);
	ck_assert_int_eq(netns_open(put("plain", "x", 0644), &ns), NETNS_NOT_NET);
	ck_assert_int_eq(netns_open(dir, &ns), NETNS_NOT_NET);
	ck_assert_int_eq(netns_open("/nonexistent/netns/blue", &ns), ENOENT);
	ck_assert_int_eq(ns.fd, -1);
}
END_TEST

struct listed {
	unsigned n;
	char names[4][16];
};

static void list_one(void *ctx, const char *d, const char *name)
{
	struct listed *l = ctx;

	(void)d;
	if (l->n < 4)
		snprintf(l->names[l->n], sizeof(l->names[0]), "%s", name);
	l->n++;
}

START_TEST(namespace_directories_sorted_without_hidden_files)
{
	struct listed l = { 0 };

	put("red", "", 0644);
	put(".hidden", "", 0644);
	put("blue", "", 0644);
	ck_assert_int_eq(netns_dir_list(dir, list_one, &l), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(l.names[0], "blue");
	ck_assert_str_eq(l.names[1], "red");
	ck_assert_int_eq(netns_dir_list("/nonexistent/netns", list_one, &l), ENOENT);
}
END_TEST

START_TEST(files_that_are_not_safe_to_read)
{
	struct config c;
	struct config_read rd;
	char path[600];

	put("open.conf", "cacheLifetime 1\n", 0664);
	snprintf(path, sizeof(path), "%s/open.conf", dir);
	ck_assert_uint_eq(config_file_load(&c, path, NULL, NULL, NULL, &rd), 1);
	ck_assert_ptr_nonnull(strstr(rd.first_error, "writable by its group (mode 0664)"));
	config_free(&c);

	snprintf(path, sizeof(path), "%s/fifo.conf", dir);
	ck_assert_int_eq(mkfifo(path, 0644), 0);
	ck_assert_uint_eq(config_file_load(&c, path, NULL, NULL, NULL, &rd), 1); /* never blocks */
	ck_assert_ptr_nonnull(strstr(rd.first_error, "cannot read: not a regular file"));
	config_free(&c);

	ck_assert_uint_eq(config_file_load(&c, dir, NULL, NULL, NULL, &rd), 1);
	ck_assert_ptr_nonnull(strstr(rd.first_error, "cannot read: Is a directory"));
	config_free(&c);

	snprintf(path, sizeof(path), "%s/missing.conf", dir);
	ck_assert_uint_eq(config_file_load(&c, path, NULL, NULL, NULL, &rd), 1);
	ck_assert_ptr_nonnull(strstr(rd.first_error, "cannot open: No such file or directory"));
	config_free(&c);
}
END_TEST

START_TEST(numbers_are_strict)
{
	long long v;
	unsigned ms;

	ck_assert(parse_llong("42", 0, 100, &v) && v == 42);
	ck_assert(parse_llong("-5", -10, 0, &v) && v == -5);
	ck_assert(!parse_llong("", 0, 100, &v));
	ck_assert(!parse_llong("42 ", 0, 100, &v));
	ck_assert(!parse_llong("4x", 0, 100, &v));
	ck_assert(!parse_llong("101", 0, 100, &v));
	ck_assert(!parse_llong("9223372036854775808", 0, INT64_MAX, &v));
	ck_assert(!parse_llong(NULL, 0, 1, &v));
	ck_assert(parse_seconds_ms("0.5", 10, &ms) && ms == 500);
	ck_assert(parse_seconds_ms("0", 10, &ms) && ms == 0);
	ck_assert(!parse_seconds_ms("11", 10, &ms));
	ck_assert(!parse_seconds_ms("-0.1", 10, &ms));
	ck_assert(!parse_seconds_ms("inf", 10, &ms));
	ck_assert(!parse_seconds_ms("1s", 10, &ms));
}
END_TEST

START_TEST(log_values_are_escaped_and_bounded)
{
	char out[TEXT_ESCAPE_BUF], in[200];

	ck_assert_str_eq(text_escape("tcp 1", 5, out), "tcp 1");
	ck_assert_str_eq(text_escape("a\nb", 3, out), "a\\x0ab");
	ck_assert_str_eq(text_escape("it's\\", 5, out), "it\\'s\\\\");
	ck_assert_str_eq(text_escape("\x1b[2J\0z", 6, out), "\\x1b[2J\\x00z");
	ck_assert_str_eq(text_escape("\xff", 1, out), "\\xff");
	memset(in, 'x', sizeof(in));
	text_escape(in, sizeof(in), out);
	ck_assert_uint_eq(strlen(out), TEXT_ESCAPE_SHOWN + 3);
	ck_assert_str_eq(out + TEXT_ESCAPE_SHOWN, "...");
	memset(in, '\n', sizeof(in)); /* the worst case fits the buffer */
	text_escape(in, sizeof(in), out);
	ck_assert_uint_eq(strlen(out), TEXT_ESCAPE_SHOWN * 4 + 3);
}
END_TEST

/*
 * ipstack-agentx.conf(5) lists every token the reader takes, and no other:
 * each ".TP" of its TOKENS section is followed by the token's name.
 */
START_TEST(the_manual_lists_every_token)
{
	char page[4096], line[512], listed[32][64];
	size_t nlisted = 0;
	bool in_tokens = false, after_tp = false;
	FILE *f;

	snprintf(page, sizeof(page), "%s/../../ipstack-agentx.conf.5.in", test_data("."));
	ck_assert_msg((f = fopen(page, "r")) != NULL, "cannot read %s", page);
	while (fgets(line, sizeof(line), f)) {
		char name[64];

		if (!strncmp(line, ".SH ", 4))
			in_tokens = !strncmp(line, ".SH TOKENS", 10);
		if (in_tokens && after_tp && sscanf(line, ".B%*[IR] %63s", name) == 1) {
			ck_assert_uint_lt(nlisted, 32);
			snprintf(listed[nlisted++], sizeof(listed[0]), "%s", name);
		}
		after_tp = in_tokens && !strncmp(line, ".TP", 3);
	}
	fclose(f);
	for (size_t i = 0; config_token_name(i); i++) {
		bool found = false;

		for (size_t k = 0; k < nlisted; k++)
			found |= !strcmp(listed[k], config_token_name(i));
		ck_assert_msg(found, "%s is not in ipstack-agentx.conf(5)", config_token_name(i));
	}
	for (size_t k = 0; k < nlisted; k++) {
		bool known = false;

		for (size_t i = 0; config_token_name(i); i++)
			known |= !strcmp(listed[k], config_token_name(i));
		ck_assert_msg(known, "ipstack-agentx.conf(5) lists %s, which the reader refuses",
			      listed[k]);
	}
	ck_assert_uint_ge(nlisted, 12);
}
END_TEST

Suite *config_file_suite(void)
{
	Suite *s = suite_create("config_file");
	TCase *tc = tcase_create("reader");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_token_and_the_defaults);
	tcase_add_test(tc, search_path_order_and_local_files);
	tcase_add_loop_test(tc, bad_lines_name_file_and_line, 0,
			    (int)(sizeof(bad_lines) / sizeof(bad_lines[0])));
	tcase_add_test(tc, files_that_are_not_safe_to_read);
	tcase_add_test(tc, namespace_contexts);
	tcase_add_test(tc, namespace_files);
	tcase_add_test(tc, namespace_directories_sorted_without_hidden_files);
	tcase_add_test(tc, numbers_are_strict);
	tcase_add_test(tc, log_values_are_escaped_and_bounded);
	tcase_add_test(tc, the_manual_lists_every_token);
	suite_add_tcase(s, tc);
	return s;
}
