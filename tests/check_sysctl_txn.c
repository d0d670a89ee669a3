/*
 * Entries that change together, the write policy over them, and the undo
 * journal of SET transactions, on a fixture tree.  A fixture has no kernel
 * behind it, so the test plays the kernel's part: where a real write of
 * ip_forward would rewrite the forwarding flags, the test writes them.
 */
#include "unit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sysctl_alias.h"
#include "sysctl_persist.h"
#include "sysctl_policy.h"
#include "sysctl_txn.h"

static char root[] = "/tmp/ipstack-txn-XXXXXX";
static struct sysctl_tree tree;

static void put(const char *rel, const char *text)
{
	char dir[256];

	snprintf(dir, sizeof(dir), "%s/sys/net/ipv4", root);
	test_write(dir, rel, text, 0644);
}

static const char *text_of(const char *rel)
{
	struct sysctl_entry *e = sysctl_tree_find(&tree, rel, strlen(rel));

	ck_assert_ptr_nonnull(e);
	ck_assert(sysctl_tree_read(&tree, e));
	return e->text;
}

static void setup(void)
{
	char cmd[1200];

	strcpy(root, "/tmp/ipstack-txn-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(
		cmd, sizeof(cmd),
		"mkdir -p %s/sys/net/ipv4/conf/all %s/sys/net/ipv4/conf/default "
		"%s/sys/net/ipv4/conf/lo %s/sys/net/ipv4/conf/eth0 %s/sys/net/ipv4/neigh/default "
		"%s/sys/net/ipv4/neigh/eth0 %s/sys/net/ipv6/conf/all %s/sys/net/ipv6/conf/default "
		"%s/sys/net/ipv6/conf/eth0 %s/sys/net/ipv6/neigh/default %s/sys/net/ipv6/neigh/eth0",
		root, root, root, root, root, root, root, root, root, root, root);
	ck_assert_int_eq(system(cmd), 0);
	put("ip_forward", "0\n");
	put("conf/all/forwarding", "0\n");
	put("conf/default/forwarding", "0\n");
	put("conf/lo/forwarding", "1\n");
	put("conf/eth0/forwarding", "0\n");
	put("conf/all/accept_redirects", "0\n");
	put("conf/default/rp_filter", "1\n");
	put("conf/eth0/rp_filter", "1\n");
	put("neigh/default/gc_stale_time", "60\n");
	put("neigh/eth0/gc_stale_time", "60\n");
	put("tcp_congestion_control", "cubic\n");
	put("tcp_allowed_congestion_control", "reno cubic\n");
	put("ip_local_reserved_ports", "\n");
	put("tcp_syncookies", "1\n");
	for (const char *const *d = (const char *const[]){ "all", "default", "eth0", NULL }; *d;
	     d++) {
		char rel[64];

		snprintf(rel, sizeof(rel), "../ipv6/conf/%s/force_forwarding", *d);
		put(rel, "0\n");
		snprintf(rel, sizeof(rel), "../ipv6/conf/%s/disable_ipv6", *d);
		put(rel, "0\n");
	}
	put("../ipv6/neigh/default/gc_stale_time", "60\n");
	put("../ipv6/neigh/eth0/gc_stale_time", "60\n");
	sysctl_tree_init(&tree, root);
	sysctl_tree_scan(&tree);
}

static void teardown(void)
{
	char cmd[300];

	sysctl_tree_free(&tree);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ck_assert_int_eq(system(cmd), 0);
}

struct names {
	char list[1024];
};

static void add_name(void *ctx, struct sysctl_entry *e)
{
	struct names *n = ctx;

	strcat(n->list, n->list[0] ? " " : "");
	strcat(n->list, e->path);
}

static const struct {
	const char *written;
	const char *changes; /* in index order: shorter paths first */
} alias_cases[] = {
	{ "ip_forward",
	  "conf/lo/forwarding conf/all/forwarding conf/eth0/forwarding conf/default/forwarding "
	  "conf/all/accept_redirects" },
	{ "conf/all/forwarding",
	  "ip_forward conf/lo/forwarding conf/eth0/forwarding conf/default/forwarding "
	  "conf/all/accept_redirects" },
	{ "conf/default/rp_filter", "conf/eth0/rp_filter" },
	{ "neigh/default/gc_stale_time", "neigh/eth0/gc_stale_time" },
	{ "tcp_congestion_control", "tcp_allowed_congestion_control" },
	{ "conf/eth0/forwarding", "" },
	{ "tcp_syncookies", "" },
	/* IPv6: no default-to-device copy in conf/; all but default for force_forwarding */
	{ "ipv6/conf/all/disable_ipv6",
	  "ipv6/conf/eth0/disable_ipv6 ipv6/conf/default/disable_ipv6" },
	{ "ipv6/conf/all/force_forwarding", "ipv6/conf/eth0/force_forwarding" },
	{ "ipv6/conf/default/disable_ipv6", "" },
	{ "ipv6/neigh/default/gc_stale_time", "ipv6/neigh/eth0/gc_stale_time" },
};

START_TEST(aliases_of_each_rule)
{
	struct names n = { "" };
	size_t count = sysctl_aliases(&tree, alias_cases[_i].written, add_name, &n);

	size_t words = *n.list ? 1 : 0;

	for (const char *c = n.list; *c; c++)
		words += *c == ' ';
	ck_assert_str_eq(n.list, alias_cases[_i].changes);
	ck_assert_uint_eq(count, words);
}
END_TEST

START_TEST(policy_over_every_file_a_write_changes)
{
	struct sysctl_policy p = { 0 };
	const char *fwd[] = { "conf/lo/forwarding", "conf/all/forwarding",
			      "conf/all/accept_redirects" };
	const char *rp[] = { "conf/eth0/rp_filter" };
	size_t which;

	/* A default carries its aliases ... */
	ck_assert_int_eq(sysctl_policy_check(&p, "ip_forward", fwd, 3, &which),
			 SYSCTL_POLICY_ALLOW);
	/* ... but a deny of any of them holds. */
	sysctl_policy_add(&p, false, "conf/*/forwarding");
	ck_assert_int_eq(sysctl_policy_check(&p, "ip_forward", fwd, 3, &which),
			 SYSCTL_POLICY_ALIAS_DENIED);
	ck_assert_uint_eq(which, 0);
	sysctl_policy_free(&p);
	/* An allowed entry needs what it changes allowed too. */
	sysctl_policy_add(&p, true, "conf/default/rp_filter");
	ck_assert_int_eq(sysctl_policy_check(&p, "conf/default/rp_filter", rp, 1, &which),
			 SYSCTL_POLICY_ALIAS_NOT_ALLOWED);
	sysctl_policy_add(&p, true, "conf/*/rp_filter");
	ck_assert_int_eq(sysctl_policy_check(&p, "conf/default/rp_filter", rp, 1, &which),
			 SYSCTL_POLICY_ALLOW);
	ck_assert_int_eq(sysctl_policy_check(&p, "tcp_syncookies", NULL, 0, &which),
			 SYSCTL_POLICY_NOT_ALLOWED);
	ck_assert_uint_eq(which, 0);
	sysctl_policy_add(&p, false, "conf/default/*");
	ck_assert_int_eq(sysctl_policy_check(&p, "conf/default/rp_filter", rp, 1, &which),
			 SYSCTL_POLICY_DENIED);
	sysctl_policy_free(&p);
}
END_TEST

/* A write through the journal; `kernel` plays what the kernel does besides. */
static void write_through(struct sysctl_txn *t, const char *rel, const char *text,
			  void (*kernel)(void))
{
	struct sysctl_entry *e = sysctl_tree_find(&tree, rel, strlen(rel));
	bool opened;

	ck_assert_int_eq(sysctl_txn_save(t, &tree, e), 0);
	ck_assert_int_eq(sysctl_tree_write(&tree, e, text, strlen(text), &opened), 0);
	ck_assert(opened);
	sysctl_txn_touched(t);
	if (kernel)
		kernel();
}

static void forwarding_on(void)
{
	put("conf/all/forwarding", "1\n");
	put("conf/default/forwarding", "1\n");
	put("conf/lo/forwarding", "1\n");
	put("conf/eth0/forwarding", "1\n");
	put("conf/all/accept_redirects", "1\n");
}

static unsigned restored;
static void count_restore(void *ctx, const char *path, const char *old, int err)
{
	(void)ctx, (void)path, (void)old;
	ck_assert_int_eq(err, 0);
	restored++;
}

START_TEST(undo_in_reverse_order_with_aliases)
{
	struct sysctl_txn journal = { 0 }, *t = &journal;

	/* conf/lo/forwarding := 0, then ip_forward := 1 (lo back to 1). */
	write_through(t, "conf/lo/forwarding", "0", NULL);
	write_through(t, "ip_forward", "1", forwarding_on);
	restored = 0;
	ck_assert_uint_eq(sysctl_txn_undo(t, count_restore, NULL), 0);
	/* A real kernel resets the flags when ip_forward goes back to 0; here
	 * the journal restores each from its saved text. */
	ck_assert_str_eq(text_of("ip_forward"), "0");
	ck_assert_str_eq(text_of("conf/all/forwarding"), "0");
	ck_assert_str_eq(text_of("conf/eth0/forwarding"), "0");
	ck_assert_str_eq(text_of("conf/all/accept_redirects"), "0");
	ck_assert_str_eq(text_of("conf/lo/forwarding"), "1"); /* its value before the SET */
	ck_assert_uint_eq(restored, 7); /* lo twice: back to 0 with ip_forward, then 1 */
	/* Once only: a second UNDO call of the same transaction does nothing. */
	ck_assert_uint_eq(sysctl_txn_undo(t, count_restore, NULL), 0);
	ck_assert_uint_eq(restored, 7);
	sysctl_txn_clear(t);
}
END_TEST

START_TEST(undo_restores_empty_values_and_skips_untouched)
{
	struct sysctl_txn journal = { 0 }, *t = &journal;
	struct sysctl_entry *e = sysctl_tree_find(&tree, "tcp_syncookies", 14);

	write_through(t, "ip_local_reserved_ports", "1000", NULL);
	ck_assert_int_eq(sysctl_txn_save(t, &tree, e), 0); /* refused at open: not touched */
	put("tcp_syncookies", "2\n"); /* changed by someone else meanwhile */
	ck_assert_uint_eq(sysctl_txn_undo(t, NULL, NULL), 0);
	ck_assert_str_eq(text_of("ip_local_reserved_ports"), "");
	ck_assert_str_eq(text_of("tcp_syncookies"), "2"); /* never written: left alone */
	sysctl_txn_clear(t);
}
END_TEST

/* ---- persistSets --------------------------------------------------------- */

static char *file_text(const char *file)
{
	size_t len;
	char *text = test_slurp(file, &len);

	ck_assert_ptr_nonnull(text);
	return text;
}

START_TEST(persist_keys_are_sysctl_d_names)
{
	char key[128];

	ck_assert(sysctl_persist_key("tcp_rmem", key, sizeof(key)));
	ck_assert_str_eq(key, "net.ipv4.tcp_rmem");
	ck_assert(sysctl_persist_key("conf/eth0.100/rp_filter", key, sizeof(key)));
	ck_assert_str_eq(key, "net.ipv4.conf.eth0/100.rp_filter");
	ck_assert(sysctl_persist_key("ipv6/conf/all/accept_ra", key, sizeof(key)));
	ck_assert_str_eq(key, "net.ipv6.conf.all.accept_ra");
	ck_assert(!sysctl_persist_key("tcp_rmem", key, 10));
}
END_TEST

START_TEST(persist_creates_replaces_and_keeps)
{
	char file[300], *old, *text;
	struct stat st;
	const struct sysctl_persist_set ttl = { "ip_default_ttl", "99", 2 };
	const struct sysctl_persist_set two[] = { { "tcp_syncookies", "2", 1 },
						  { "tcp_rmem", "4096\t87380  6291456\n", 20 },
						  { "conf/eth0.100/rp_filter", "1", 1 } };

	snprintf(file, sizeof(file), "%s/90-test.conf", root);
	ck_assert_int_eq(sysctl_persist_update(file, &ttl, 1, &old), 0);
	ck_assert_ptr_null(old); /* there was no file */
	ck_assert_int_eq(stat(file, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0644);
	text = file_text(file);
	ck_assert_ptr_nonnull(strstr(text, "\nnet.ipv4.ip_default_ttl = 99\n"));
	ck_assert_int_eq(text[0], '#');
	free(text);

	/* someone's lines: a comment, a '/' key, a '-' key, another tunable */
	test_write(root, "90-test.conf",
		   "# mine\nnet/ipv4/tcp_syncookies=1\nvm.swappiness = 10\n"
		   "-net.ipv4.conf.eth0/100.rp_filter = 2\nnet.ipv4.tcp_syncookies = 0",
		   0644);
	ck_assert_int_eq(sysctl_persist_update(file, two, 3, &old), 0);
	ck_assert_ptr_nonnull(old);
	ck_assert_ptr_nonnull(strstr(old, "vm.swappiness"));
	text = file_text(file);
	ck_assert_str_eq(text,
			 "# mine\nnet.ipv4.tcp_syncookies = 2\nvm.swappiness = 10\n"
			 "-net.ipv4.conf.eth0/100.rp_filter = 1\nnet.ipv4.tcp_syncookies = 2\n"
			 "net.ipv4.tcp_rmem = 4096 87380 6291456\n");
	ck_assert(sysctl_persist_holds(text, "tcp_rmem", "4096\t87380\t6291456"));
	ck_assert(sysctl_persist_holds(text, "conf/eth0.100/rp_filter", "1"));
	ck_assert(!sysctl_persist_holds(text, "tcp_syncookies", "1"));
	ck_assert(!sysctl_persist_holds(text, "ip_default_ttl", "99"));
	free(text);

	/* undo: the old text back; with no old text, no file */
	ck_assert_int_eq(sysctl_persist_restore(file, old), 0);
	text = file_text(file);
	ck_assert_str_eq(text, old);
	free(text);
	free(old);
	ck_assert_int_eq(sysctl_persist_restore(file, NULL), 0);
	ck_assert_int_ne(access(file, F_OK), 0);
}
END_TEST

START_TEST(persist_failure_leaves_nothing)
{
	char file[300], *old = (char *)1;
	const struct sysctl_persist_set ttl = { "ip_default_ttl", "99", 2 };

	snprintf(file, sizeof(file), "%s/no/such/dir/90.conf", root);
	ck_assert_int_eq(sysctl_persist_update(file, &ttl, 1, &old), ENOENT);
	ck_assert_ptr_null(old);
}
END_TEST

START_TEST(persist_in_the_journal_is_undone)
{
	struct sysctl_txn journal = { 0 }, *t = &journal;
	char file[300], *text;
	const struct sysctl_persist_set a = { "tcp_syncookies", "0", 1 },
					b = { "ip_forward", "1", 1 };

	snprintf(file, sizeof(file), "%s/90-test.conf", root);
	test_write(root, "90-test.conf", "vm.swappiness = 10\n", 0644);
	/* two handlers of one SET: the file as it was before the first is kept */
	ck_assert_int_eq(sysctl_txn_persist(t, file, &a, 1), 0);
	ck_assert_int_eq(sysctl_txn_persist(t, file, &b, 1), 0);
	text = file_text(file);
	ck_assert_ptr_nonnull(
		strstr(text, "net.ipv4.tcp_syncookies = 0\nnet.ipv4.ip_forward = 1\n"));
	free(text);
	ck_assert_uint_eq(sysctl_txn_undo(t, NULL, NULL), 0);
	text = file_text(file);
	ck_assert_str_eq(text, "vm.swappiness = 10\n");
	free(text);
	sysctl_txn_clear(t);
}
END_TEST

Suite *sysctl_txn_suite(void)
{
	Suite *s = suite_create("sysctl_txn");
	TCase *tc = tcase_create("journal");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, aliases_of_each_rule, 0,
			    (int)(sizeof(alias_cases) / sizeof(alias_cases[0])));
	tcase_add_test(tc, policy_over_every_file_a_write_changes);
	tcase_add_test(tc, undo_in_reverse_order_with_aliases);
	tcase_add_test(tc, undo_restores_empty_values_and_skips_untouched);
	tcase_add_test(tc, persist_keys_are_sysctl_d_names);
	tcase_add_test(tc, persist_creates_replaces_and_keeps);
	tcase_add_test(tc, persist_failure_leaves_nothing);
	tcase_add_test(tc, persist_in_the_journal_is_undone);
	suite_add_tcase(s, tc);
	return s;
}
