/*
 * The sysctl model: table lookups, the kernel's verdict on writes (cases
 * checked against a 6.18 kernel by writing the same text into a scratch
 * network namespace), the write policy, and discovery of a fixture tree.
 */
#include "unit.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sysctl_policy.h"
#include "sysctl_table.h"
#include "sysctl_tree.h"
#include "sysctl_validate.h"

START_TEST(rows_are_sorted_and_unique)
{
	size_t n;
	const struct sysctl_row *rows = sysctl_table_rows(&n);

	ck_assert_uint_gt(n, 150);
	for (size_t i = 1; i < n; i++)
		ck_assert_msg(strcmp(rows[i - 1].path, rows[i].path) < 0, "%s before %s",
			      rows[i - 1].path, rows[i].path);
}
END_TEST

START_TEST(lookup_with_device_templates)
{
	ck_assert_int_eq(sysctl_table_find("tcp_syncookies")->handler, SYSCTL_H_U8VEC_MINMAX);
	ck_assert_int_eq(sysctl_table_find("conf/eth0/rp_filter")->handler, SYSCTL_H_INTVEC);
	ck_assert_int_eq(sysctl_table_find("conf/all/forwarding")->handler, SYSCTL_H_INTVEC);
	ck_assert_int_eq(sysctl_table_find("neigh/default/gc_thresh1")->max, INT32_MAX);
	ck_assert_int_eq(sysctl_table_find("neigh/lo/retrans_time_ms")->handler,
			 SYSCTL_H_MS_JIFFIES);
	ck_assert_uint_eq(sysctl_table_find("conf/lo/mc_forwarding")->mode, 0444);
	ck_assert_ptr_null(sysctl_table_find("conf/eth0/no_such_knob"));
	ck_assert_ptr_null(sysctl_table_find("conf/eth0/x/rp_filter"));
	ck_assert_ptr_null(sysctl_table_find("route/eth0/min_pmtu"));
	ck_assert_ptr_null(sysctl_table_find("tcp_brand_new_knob"));
	/* net/ipv6's two, behind ipv6IpForwarding and ipv6IpDefaultHopLimit */
	ck_assert_int_eq(sysctl_table_find("ipv6/conf/all/forwarding")->handler, SYSCTL_H_INTVEC);
	ck_assert_int_eq(sysctl_table_find("ipv6/conf/eth0/hop_limit")->min, 1);
	ck_assert_int_eq(sysctl_table_find("ipv6/conf/default/hop_limit")->max, 255);
	ck_assert_int_eq(sysctl_table_find("ipv6/conf/all/accept_ra")->handler, SYSCTL_H_INTVEC);
	ck_assert_int_eq(sysctl_table_find("ipv6/conf/eth0/mtu")->handler, SYSCTL_H_IPV6_MTU);
	ck_assert_int_eq(sysctl_table_find("ipv6/neigh/eth0/retrans_time")->handler,
			 SYSCTL_H_INTVEC);
	ck_assert_int_eq(sysctl_table_find("neigh/eth0/retrans_time")->handler,
			 SYSCTL_H_USERHZ_JIFFIES);
	ck_assert_ptr_null(sysctl_table_find("ipv6/conf/eth0/stable_secret"));
	ck_assert_ptr_null(sysctl_table_find("ipv6/route/flush"));
	ck_assert_str_eq(sysctl_handler_name(SYSCTL_H_ADDR_GEN_MODE), "addrGenMode");
	ck_assert_str_eq(sysctl_handler_name(SYSCTL_H_CONGESTION), "congestionControl");
}
END_TEST

/* Verdicts as a 6.18 kernel gives them (see the file comment). */
static const struct {
	const char *path;
	const char *text;
	enum sysctl_verdict want;
} cases[] = {
	{ "tcp_syncookies", "1", SYSCTL_ACCEPT },
	{ "tcp_syncookies", " 0x1 ", SYSCTL_ACCEPT },
	{ "tcp_syncookies", "010", SYSCTL_ACCEPT },
	{ "tcp_syncookies", "1\n", SYSCTL_ACCEPT },
	{ "tcp_syncookies", "5 6", SYSCTL_ACCEPT },
	{ "tcp_syncookies", "5 x", SYSCTL_ACCEPT },
	{ "tcp_syncookies", "256", SYSCTL_WRONG_VALUE },
	{ "tcp_syncookies", "-1", SYSCTL_WRONG_VALUE },
	{ "tcp_syncookies", "+1", SYSCTL_WRONG_VALUE },
	{ "tcp_syncookies", "2x", SYSCTL_WRONG_VALUE },
	{ "tcp_syncookies", "08", SYSCTL_WRONG_VALUE },
	{ "tcp_syncookies", "0x", SYSCTL_WRONG_VALUE },
	{ "tcp_syncookies", "  ", SYSCTL_WRONG_VALUE },
	{ "tcp_syncookies", "", SYSCTL_ACCEPT }, /* write(2) of 0 bytes: a no-op */
	{ "tcp_syncookies", "1\x01", SYSCTL_WRONG_VALUE },
	{ "tcp_syncookies", "000000000000000000001", SYSCTL_WRONG_VALUE },
	{ "ip_default_ttl", "0", SYSCTL_WRONG_VALUE },
	{ "ip_default_ttl", "1", SYSCTL_ACCEPT },
	{ "ip_default_ttl", "255", SYSCTL_ACCEPT },
	{ "ip_default_ttl", "256", SYSCTL_WRONG_VALUE },
	{ "tcp_rmem", "4096 1 2 3", SYSCTL_ACCEPT },
	{ "tcp_rmem", "4096\t87380\t6291456", SYSCTL_ACCEPT },
	{ "tcp_rmem", "4096", SYSCTL_ACCEPT },
	{ "tcp_rmem", "4096 x", SYSCTL_WRONG_VALUE },
	{ "tcp_rmem", "0 1 2", SYSCTL_WRONG_VALUE },
	{ "tcp_rmem", "4096 131072 2147483647", SYSCTL_ACCEPT },
	{ "tcp_rmem", "4096 131072 2147483648", SYSCTL_WRONG_VALUE },
	{ "tcp_fin_timeout", "8589934", SYSCTL_ACCEPT },
	{ "tcp_fin_timeout", "8589935", SYSCTL_WRONG_VALUE },
	{ "tcp_fin_timeout", "-5", SYSCTL_ACCEPT },
	{ "icmp_ratelimit", "1001", SYSCTL_ACCEPT },
	{ "icmp_ratelimit", "4294967301", SYSCTL_ACCEPT },
	{ "icmp_ratelimit", "2147483648", SYSCTL_WRONG_VALUE },
	{ "icmp_ratelimit", "-1", SYSCTL_WRONG_VALUE },
	{ "tcp_adv_win_scale", "-31", SYSCTL_ACCEPT },
	{ "tcp_adv_win_scale", "-32", SYSCTL_WRONG_VALUE },
	{ "tcp_notsent_lowat", "4294967295", SYSCTL_ACCEPT },
	{ "tcp_notsent_lowat", "4294967296", SYSCTL_WRONG_VALUE },
	{ "tcp_notsent_lowat", "-1", SYSCTL_WRONG_VALUE },
	{ "ip_forward", "5", SYSCTL_ACCEPT },
	{ "ip_forward", "-3", SYSCTL_ACCEPT },
	{ "ip_forward", "-2147483648", SYSCTL_ACCEPT },
	{ "ip_forward", "-2147483649", SYSCTL_WRONG_VALUE },
	{ "conf/eth0/rp_filter", "7", SYSCTL_ACCEPT },
	{ "route/min_pmtu", "67", SYSCTL_WRONG_VALUE },
	{ "route/min_pmtu", "68", SYSCTL_ACCEPT },
	{ "neigh/lo/retrans_time", "5", SYSCTL_ACCEPT },
	{ "neigh/lo/retrans_time", "17179870", SYSCTL_ACCEPT }, /* stored as 17179870 */
	{ "neigh/lo/retrans_time", "36893488147419104", SYSCTL_ACCEPT },
	{ "neigh/lo/retrans_time", "9223372036854775807", SYSCTL_WRONG_VALUE },
	{ "neigh/lo/interval_probe_time_ms", "0", SYSCTL_WRONG_VALUE },
	{ "ping_group_range", "0 4294967294", SYSCTL_ACCEPT },
	{ "ping_group_range", "1 0", SYSCTL_ACCEPT },
	{ "ping_group_range", "0 4294967295", SYSCTL_WRONG_VALUE },
	{ "ping_group_range", "-1 5", SYSCTL_WRONG_VALUE },
	{ "tcp_comp_sack_delay_ns", "-1", SYSCTL_WRONG_VALUE },
	{ "tcp_mem", "1 2 3 4", SYSCTL_ACCEPT },
	{ "tcp_congestion_control", "bbr", SYSCTL_ACCEPT },
	{ "tcp_congestion_control", "bbr\n", SYSCTL_ACCEPT },
	{ "tcp_congestion_control", "cubic", SYSCTL_WRONG_VALUE }, /* not allowed here */
	{ "tcp_congestion_control", "nosuch", SYSCTL_WRONG_VALUE },
	{ "tcp_congestion_control", "reno ", SYSCTL_WRONG_VALUE },
	{ "tcp_congestion_control", "a-very-long-name", SYSCTL_WRONG_LENGTH },
	{ "tcp_allowed_congestion_control", "reno cubic", SYSCTL_ACCEPT },
	{ "tcp_allowed_congestion_control", "reno vegas", SYSCTL_WRONG_VALUE },
	{ "tcp_available_congestion_control", "reno", SYSCTL_READ_ONLY },
	{ "ip_local_port_range", "1024 65535 7", SYSCTL_ACCEPT },
	{ "ip_local_port_range", "2000", SYSCTL_ACCEPT },
	{ "ip_local_port_range", "40000 30000", SYSCTL_WRONG_VALUE },
	{ "ip_local_port_range", "500 600", SYSCTL_WRONG_VALUE },
	{ "ip_local_port_range", "61000", SYSCTL_WRONG_VALUE }, /* above the kept 60999 */
	{ "ip_local_port_range", "0 100", SYSCTL_WRONG_VALUE },
	{ "ip_unprivileged_port_start", "70000", SYSCTL_WRONG_VALUE },
	{ "ip_unprivileged_port_start", "40000", SYSCTL_WRONG_VALUE },
	{ "ip_unprivileged_port_start", "1000", SYSCTL_ACCEPT },
	{ "ip_local_reserved_ports", "1,2-5", SYSCTL_ACCEPT },
	{ "ip_local_reserved_ports", "1,2-x", SYSCTL_WRONG_VALUE },
	{ "ip_local_reserved_ports", "70000", SYSCTL_WRONG_VALUE },
	{ "ip_local_reserved_ports", "0x10,020-030\n", SYSCTL_ACCEPT },
	{ "ip_local_reserved_ports", "1, 2", SYSCTL_WRONG_VALUE },
	{ "ip_local_reserved_ports", "1 ", SYSCTL_WRONG_VALUE },
	{ "ip_local_reserved_ports", "5-", SYSCTL_WRONG_VALUE },
	{ "ip_local_reserved_ports", "5-3", SYSCTL_WRONG_VALUE },
	{ "ip_local_reserved_ports", "\n", SYSCTL_ACCEPT },
	/* net/ipv6 */
	{ "ipv6/icmp/ratemask", "0-1,3-127", SYSCTL_ACCEPT },
	{ "ipv6/icmp/ratemask", "255", SYSCTL_ACCEPT },
	{ "ipv6/icmp/ratemask", "256", SYSCTL_WRONG_VALUE },
	{ "ipv6/icmp/ratemask", "-1", SYSCTL_WRONG_VALUE },
	{ "ipv6/neigh/lo/retrans_time", "-5", SYSCTL_ACCEPT }, /* plain proc_dointvec */
	{ "ipv6/neigh/lo/retrans_time", "2147483647", SYSCTL_ACCEPT },
	{ "ipv6/neigh/default/anycast_delay", "17179870", SYSCTL_ACCEPT },
	{ "ipv6/conf/all/mtu", "1279", SYSCTL_WRONG_VALUE },
	{ "ipv6/conf/all/mtu", "99999", SYSCTL_ACCEPT }, /* no device: no upper bound */
	{ "ipv6/conf/all/router_solicitations", "-1", SYSCTL_ACCEPT },
	{ "ipv6/conf/all/router_solicitations", "-2", SYSCTL_WRONG_VALUE },
	{ "ipv6/conf/all/force_forwarding", "1", SYSCTL_ACCEPT },
	{ "ipv6/conf/all/force_forwarding", "2", SYSCTL_WRONG_VALUE },
	{ "ipv6/conf/all/force_forwarding", "-1", SYSCTL_WRONG_VALUE },
	{ "ipv6/conf/all/addr_gen_mode", "3", SYSCTL_ACCEPT },
	{ "ipv6/conf/all/addr_gen_mode", "2", SYSCTL_ACCEPT }, /* all: no secret needed */
	{ "ipv6/conf/all/addr_gen_mode", "4", SYSCTL_WRONG_VALUE },
	{ "ipv6/conf/all/ra_defrtr_metric", "0", SYSCTL_WRONG_VALUE },
	{ "ipv6/conf/all/ra_defrtr_metric", "4294967295", SYSCTL_ACCEPT },
	{ "ipv6/conf/lo/ioam6_id", "65536", SYSCTL_WRONG_VALUE },
	{ "ipv6/ioam6_id", "16777215", SYSCTL_ACCEPT },
	{ "ipv6/ioam6_id", "16777216", SYSCTL_WRONG_VALUE },
	{ "ipv6/ioam6_id_wide", "72057594037927935", SYSCTL_ACCEPT },
	{ "ipv6/ioam6_id_wide", "72057594037927936", SYSCTL_WRONG_VALUE },
	{ "ipv6/auto_flowlabels", "3", SYSCTL_ACCEPT },
	{ "ipv6/auto_flowlabels", "4", SYSCTL_WRONG_VALUE },
	{ "ipv6/flowlabel_reflect", "7", SYSCTL_ACCEPT },
	{ "ipv6/flowlabel_reflect", "8", SYSCTL_WRONG_VALUE },
	{ "ipv6/fib_multipath_hash_fields", "4095", SYSCTL_ACCEPT },
	{ "ipv6/fib_multipath_hash_fields", "4096", SYSCTL_WRONG_VALUE },
	/* the fixture's ip6frag_low_thresh is 3145728, high_thresh 4194304 */
	{ "ipv6/ip6frag_high_thresh", "3145728", SYSCTL_ACCEPT },
	{ "ipv6/ip6frag_high_thresh", "3145727", SYSCTL_WRONG_VALUE },
	{ "ipv6/ip6frag_low_thresh", "4194304", SYSCTL_ACCEPT },
	{ "ipv6/ip6frag_low_thresh", "4194305", SYSCTL_WRONG_VALUE },
};

START_TEST(kernel_verdicts)
{
	struct sysctl_env env = { .proc_root = test_data("sysctl"), .init_netns = false };
	char why[160];
	const struct sysctl_row *row = sysctl_table_find(cases[_i].path);
	enum sysctl_verdict v;

	ck_assert_msg(row != NULL, "no row for %s", cases[_i].path);
	v = sysctl_validate(row, cases[_i].path, cases[_i].text, strlen(cases[_i].text), &env, why,
			    sizeof(why));
	ck_assert_msg(v == cases[_i].want, "%s <- '%s': verdict %d (%s), want %d", cases[_i].path,
		      cases[_i].text, v, why, cases[_i].want);
}
END_TEST

START_TEST(congestion_in_the_initial_namespace)
{
	struct sysctl_env env = { .proc_root = test_data("sysctl"), .init_netns = true };
	const struct sysctl_row *row = sysctl_table_find("tcp_congestion_control");

	ck_assert_int_eq(sysctl_validate(row, row->path, "cubic", 5, &env, NULL, 0), SYSCTL_ACCEPT);
}
END_TEST

START_TEST(length_and_unknown_entries)
{
	struct sysctl_env env = { .proc_root = test_data("sysctl") };
	char longtext[SYSCTL_TEXT_MAX + 2];

	memset(longtext, '1', sizeof(longtext) - 1);
	longtext[sizeof(longtext) - 1] = '\0';
	ck_assert_int_eq(sysctl_validate(sysctl_table_find("ip_forward"), "ip_forward", longtext,
					 strlen(longtext), &env, NULL, 0),
			 SYSCTL_WRONG_LENGTH);
	ck_assert_int_eq(sysctl_validate(NULL, "x", "1", 1, &env, NULL, 0), SYSCTL_READ_ONLY);
}
END_TEST

START_TEST(policy_globs)
{
	struct sysctl_policy p = { 0 };

	ck_assert(sysctl_policy_allows(&p, "ip_forward"));
	ck_assert(sysctl_policy_allows(&p, "ip_default_ttl"));
	ck_assert(!sysctl_policy_allows(&p, "tcp_syncookies"));
	sysctl_policy_add(&p, true, "tcp_*");
	sysctl_policy_add(&p, true, "conf/*/rp_filter");
	ck_assert(sysctl_policy_allows(&p, "tcp_syncookies"));
	ck_assert(sysctl_policy_allows(&p, "conf/eth0/rp_filter"));
	ck_assert(!sysctl_policy_allows(&p, "conf/eth0/x/rp_filter"));
	sysctl_policy_add(&p, true, "conf/*");
	ck_assert(!sysctl_policy_allows(&p, "conf/eth0/forwarding")); /* '*' stops at '/' */
	sysctl_policy_add(&p, false, "ip_forward");
	sysctl_policy_add(&p, false, "tcp_syn*");
	ck_assert(!sysctl_policy_allows(&p, "ip_forward"));
	ck_assert(!sysctl_policy_allows(&p, "tcp_syncookies"));
	ck_assert(sysctl_policy_allows(&p, "tcp_rmem"));
	sysctl_policy_free(&p);
}
END_TEST

START_TEST(discovery_and_safe_lookup)
{
	char root[] = "/tmp/ipstack-sysctl-XXXXXX", dir[1024], path[4096];
	struct sysctl_tree t;
	struct sysctl_entry *e;

	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(dir, sizeof(dir), "%s/sys/net/ipv4/conf/eth0", root);
	snprintf(path, sizeof(path), "mkdir -p '%s' '%s/sys/net/ipv4/route'", dir, root);
	ck_assert_int_eq(system(path), 0);
	snprintf(dir, sizeof(dir), "%s/sys/net/ipv4", root);
	test_write(dir, "tcp_syncookies", "1\n", 0644);
	test_write(dir, "tcp_fastopen_key", "00000000-00000000-00000000-00000000\n", 0600);
	test_write(dir, "route/flush", "", 0200);
	test_write(dir, "conf/eth0/rp_filter", "2\n", 0644);
	test_write(dir, "conf/eth0/mc_forwarding", "0\n", 0444);
	test_write(dir, "tcp_brand_new_knob", "7\t8\n", 0644);
	test_write(dir, "../../../secret", "do not serve\n", 0644);
	snprintf(path, sizeof(path), "mkdir -p '%s/../ipv6/conf/eth0' '%s/../ipv6/route'", dir,
		 dir);
	ck_assert_int_eq(system(path), 0);
	snprintf(dir, sizeof(dir), "%s/sys/net/ipv6", root);
	test_write(dir, "bindv6only", "0\n", 0644);
	test_write(dir, "conf/eth0/stable_secret", "::1\n", 0600);
	test_write(dir, "route/flush", "", 0200);

	sysctl_tree_init(&t, root);
	/* not the 0600 key and secret, not either route/flush */
	ck_assert_uint_eq(sysctl_tree_scan(&t), 5);
	/* index order: shorter paths first */
	ck_assert_str_eq(t.entries[0].path, "tcp_syncookies");
	ck_assert_str_eq(t.entries[1].path, "ipv6/bindv6only");
	ck_assert_str_eq(t.entries[4].path, "conf/eth0/mc_forwarding");
	e = sysctl_tree_find(&t, "ipv6/bindv6only", 15);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->row->handler, SYSCTL_H_U8VEC_MINMAX);
	ck_assert(sysctl_tree_read(&t, e));
	ck_assert_str_eq(e->text, "0");
	ck_assert_int_eq(sysctl_tree_write(&t, e, "1", 1, NULL), 0);
	ck_assert(sysctl_tree_read(&t, e));
	ck_assert_str_eq(e->text, "1");
	ck_assert_ptr_null(sysctl_tree_find(&t, "ipv6/conf/eth0/stable_secret", 28));
	ck_assert_ptr_null(sysctl_tree_find(&t, "ipv6/route/flush", 16));
	e = sysctl_tree_find(&t, "tcp_brand_new_knob", 18);
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_null(e->row);
	ck_assert(!sysctl_entry_writable(e));
	ck_assert(sysctl_tree_read(&t, e));
	ck_assert_str_eq(e->text, "7\t8");
	e = sysctl_tree_find(&t, "conf/eth0/mc_forwarding", 23);
	ck_assert(!sysctl_entry_writable(e));
	ck_assert(sysctl_entry_writable(sysctl_tree_find(&t, "conf/eth0/rp_filter", 19)));
	ck_assert_ptr_null(sysctl_tree_find(&t, "tcp_fastopen_key", 16));
	ck_assert_ptr_null(sysctl_tree_find(&t, "route/flush", 11));
	ck_assert_ptr_null(sysctl_tree_find(&t, "../../../secret", 15));
	ck_assert_ptr_null(sysctl_tree_find(&t, "/etc/passwd", 11));
	ck_assert_ptr_null(sysctl_tree_find(&t, "tcp_syncookies\0x", 16));
	ck_assert_ptr_null(sysctl_tree_find(&t, "", 0));

	e = sysctl_tree_find(&t, "tcp_syncookies", 14);
	ck_assert_int_eq(sysctl_tree_write(&t, e, "0", 1, NULL), 0);
	ck_assert(sysctl_tree_read(&t, e));
	ck_assert_str_eq(e->text, "0");
	sysctl_tree_free(&t);
	snprintf(path, sizeof(path), "rm -rf '%s'", root);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

Suite *sysctl_suite(void)
{
	Suite *s = suite_create("sysctl");
	TCase *tc = tcase_create("model");

	tcase_add_test(tc, rows_are_sorted_and_unique);
	tcase_add_test(tc, lookup_with_device_templates);
	tcase_add_loop_test(tc, kernel_verdicts, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, congestion_in_the_initial_namespace);
	tcase_add_test(tc, length_and_unknown_entries);
	tcase_add_test(tc, policy_globs);
	tcase_add_test(tc, discovery_and_safe_lookup);
	suite_add_tcase(s, tc);
	return s;
}
