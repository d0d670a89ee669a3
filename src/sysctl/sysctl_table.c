/*
 * The rows of the sysctl model, one per entry of /proc/sys/net/ipv4 and
 * /proc/sys/net/ipv6 as the 6.x kernel declares it: path, mode, proc
 * handler, element count, bounds.  Sorted by path for binary search (a unit
 * test checks).  conf/<dev>/ and neigh/<dev>/ entries are written once with
 * '*' for the device: all, default and every interface share them.
 *
 * net/ipv4 rows: net/ipv4/sysctl_net_ipv4.c, devinet.c, route.c,
 * ip_fragment.c and net/core/neighbour.c.
 *
 * net/ipv6 rows are named "ipv6/...":
 *   ipv6/conf/<dev>/   net/ipv6/addrconf.c, addrconf_sysctl[].  Most are
 *       proc_dointvec.  forwarding (addrconf_sysctl_forward), disable_ipv6
 *       (addrconf_sysctl_disable), disable_policy, ignore_routes_with_linkdown
 *       and proxy_ndp parse with proc_dointvec and take any integer, then act
 *       (sysctl_alias.c lists the files that change with them);
 *       force_forwarding is proc_douintvec_minmax 0..1; mtu is
 *       addrconf_sysctl_mtu (IPV6_MIN_MTU to the device's MTU) and
 *       addr_gen_mode addrconf_sysctl_addr_gen_mode (proc_douintvec, a known
 *       mode, a stable secret for stable-privacy on a device): handlers of
 *       their own.  stable_secret (0600) is a secret: no row, never read.
 *   ipv6/neigh/<dev>/  net/core/neighbour.c's template, but ndisc.c's
 *       ndisc_ifinfo_sysctl_change parses retrans_time as plain
 *       proc_dointvec (jiffies, where IPv4 takes 1/100 s).
 *   ipv6/route/        net/ipv6/route.c, ipv6_route_table_template (flush
 *       is write-only: no row).
 *   ipv6/icmp/         net/ipv6/icmp.c, ipv6_icmp_table_template; ratemask
 *       is a 256-bit proc_do_large_bitmap.
 *   ipv6/ the rest     net/ipv6/sysctl_net_ipv6.c (ipv6_table_template and
 *       the initial namespace's ipv6_rotable), reassembly.c (ip6frag_*:
 *       high_thresh's extra1 is low_thresh's value and low_thresh's extra2
 *       high_thresh's), xfrm6_policy.c (xfrm6_gc_thresh).
 */
#include "sysctl_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N SYSCTL_NO_MIN
#define X SYSCTL_NO_MAX

/* One row per entry; the macros name the kernel handler. */
#define SPECIAL(p, m, h, n, len, lo, hi)                                                           \
	{                                                                                          \
		.path = p, .mode = m, .handler = SYSCTL_H_##h, .nelem = n, .maxlen = len,          \
		.min = lo, .max = hi                                                               \
	}
#define INT(p) SPECIAL(p, 0644, INTVEC, 1, 0, N, X)
#define INTMM(p, lo, hi) SPECIAL(p, 0644, INTVEC_MINMAX, 1, 0, lo, hi)
#define INTMMV(p, n, lo, hi) SPECIAL(p, 0644, INTVEC_MINMAX, n, 0, lo, hi)
#define UINT(p) SPECIAL(p, 0644, UINTVEC, 1, 0, 0, UINT32_MAX)
#define UINTMM(p, lo, hi) SPECIAL(p, 0644, UINTVEC_MINMAX, 1, 0, lo, hi)
#define U8(p) SPECIAL(p, 0644, U8VEC_MINMAX, 1, 0, 0, 255)
#define U8MM(p, lo, hi) SPECIAL(p, 0644, U8VEC_MINMAX, 1, 0, lo, hi)
#define ULONG(p, n) SPECIAL(p, 0644, ULONGVEC_MINMAX, n, 0, 0, X)
#define ULONGMM(p, lo, hi) SPECIAL(p, 0644, ULONGVEC_MINMAX, 1, 0, lo, hi)
/* proc_doulongvec_minmax whose bound is another entry's current value */
#define ULONG_BY(p, lo_of, hi_of)                                                                  \
	{                                                                                          \
		.path = p, .mode = 0644, .handler = SYSCTL_H_ULONGVEC_MINMAX, .nelem = 1,          \
		.min = 0, .max = X, .min_of = lo_of, .max_of = hi_of                               \
	}
#define JIF(p) SPECIAL(p, 0644, JIFFIES, 1, 0, N, X)
#define MSJ(p) SPECIAL(p, 0644, MS_JIFFIES, 1, 0, N, X)
#define MSJMIN1(p) SPECIAL(p, 0644, MS_JIFFIES, 1, 0, 1, X)
#define UHZ(p) SPECIAL(p, 0644, USERHZ_JIFFIES, 1, 0, N, X)
#define RO(p, h) SPECIAL(p, 0444, h, 1, 0, N, X)
/* neigh_proc_dointvec_zero_intmax */
#define NEIGH_INT(p) INTMM(p, 0, INT32_MAX)

/* clang-format off */
static const struct sysctl_row rows[] = {
	INT("cipso_cache_bucket_size"),
	INT("cipso_cache_enable"),
	INT("cipso_rbm_optfmt"),
	INT("cipso_rbm_strictvalid"),
	INT("conf/*/accept_local"),
	INT("conf/*/accept_redirects"),
	INT("conf/*/accept_source_route"),
	INT("conf/*/arp_accept"),
	INT("conf/*/arp_announce"),
	INT("conf/*/arp_evict_nocarrier"),
	INT("conf/*/arp_filter"),
	INT("conf/*/arp_ignore"),
	INT("conf/*/arp_notify"),
	INT("conf/*/bc_forwarding"),
	INT("conf/*/bootp_relay"),
	INT("conf/*/disable_policy"),
	INT("conf/*/disable_xfrm"),
	INT("conf/*/drop_gratuitous_arp"),
	INT("conf/*/drop_unicast_in_l2_multicast"),
	INT("conf/*/force_igmp_version"),
	INT("conf/*/forwarding"),
	INT("conf/*/igmpv2_unsolicited_report_interval"),
	INT("conf/*/igmpv3_unsolicited_report_interval"),
	INT("conf/*/ignore_routes_with_linkdown"),
	INT("conf/*/log_martians"),
	RO("conf/*/mc_forwarding", INTVEC),
	INT("conf/*/medium_id"),
	INT("conf/*/promote_secondaries"),
	INT("conf/*/proxy_arp"),
	INT("conf/*/proxy_arp_pvlan"),
	INT("conf/*/route_localnet"),
	INT("conf/*/rp_filter"),
	INT("conf/*/secure_redirects"),
	INT("conf/*/send_redirects"),
	INT("conf/*/shared_media"),
	INT("conf/*/src_valid_mark"),
	INT("conf/*/tag"),
	UINTMM("fib_multipath_hash_fields", 1, 4095), /* FIB_MULTIPATH_HASH_FIELD_ALL_MASK */
	U8MM("fib_multipath_hash_policy", 0, 3),
	U8MM("fib_multipath_use_neigh", 0, 1),
	U8MM("fib_notify_on_flag_change", 0, 2),
	UINTMM("fib_sync_mem", 524288, 67108864),
	U8("fwmark_reflect"),
	U8MM("icmp_echo_enable_probe", 0, 1),
	U8MM("icmp_echo_ignore_all", 0, 1),
	U8MM("icmp_echo_ignore_broadcasts", 0, 1),
	U8MM("icmp_errors_use_inbound_ifaddr", 0, 1),
	U8MM("icmp_ignore_bogus_error_responses", 0, 1),
	INTMM("icmp_msgs_burst", 0, X),
	INTMM("icmp_msgs_per_sec", 0, X),
	MSJ("icmp_ratelimit"),
	INT("icmp_ratemask"),
	U8("igmp_link_local_mcast_reports"),
	INT("igmp_max_memberships"),
	INT("igmp_max_msf"),
	INTMM("igmp_qrv", 1, X),
	JIF("inet_peer_maxttl"),
	JIF("inet_peer_minttl"),
	INT("inet_peer_threshold"),
	U8MM("ip_autobind_reuse", 0, 1),
	U8MM("ip_default_ttl", 1, 255),
	U8("ip_dynaddr"),
	U8("ip_early_demux"),
	INT("ip_forward"),
	U8MM("ip_forward_update_priority", 0, 1),
	U8("ip_forward_use_pmtu"),
	SPECIAL("ip_local_port_range", 0644, PORT_RANGE, 2, 0, 1, 65535),
	SPECIAL("ip_local_reserved_ports", 0644, LARGE_BITMAP, 1, 0, 0, 65535),
	U8("ip_no_pmtu_disc"),
	U8("ip_nonlocal_bind"),
	SPECIAL("ip_unprivileged_port_start", 0644, PRIVILEGED_PORTS, 1, 0, 0, 65535),
	ULONG("ipfrag_high_thresh", 1),
	ULONG("ipfrag_low_thresh", 1),
	INTMM("ipfrag_max_dist", 0, X),
	JIF("ipfrag_secret_interval"),
	JIF("ipfrag_time"),
	U8("ipv6/anycast_src_echo_reply"),
	U8MM("ipv6/auto_flowlabels", 0, 3), /* IP6_AUTO_FLOW_LABEL_MAX */
	U8("ipv6/bindv6only"),
	INT("ipv6/calipso_cache_bucket_size"),
	INT("ipv6/calipso_cache_enable"),
	INT("ipv6/conf/*/accept_dad"),
	INT("ipv6/conf/*/accept_ra"),
	INT("ipv6/conf/*/accept_ra_defrtr"),
	INT("ipv6/conf/*/accept_ra_from_local"),
	INT("ipv6/conf/*/accept_ra_min_hop_limit"),
	INT("ipv6/conf/*/accept_ra_min_lft"),
	INT("ipv6/conf/*/accept_ra_mtu"),
	INT("ipv6/conf/*/accept_ra_pinfo"),
	INT("ipv6/conf/*/accept_ra_rt_info_max_plen"),
	INT("ipv6/conf/*/accept_ra_rt_info_min_plen"),
	INT("ipv6/conf/*/accept_ra_rtr_pref"),
	INT("ipv6/conf/*/accept_redirects"),
	INT("ipv6/conf/*/accept_source_route"),
	INTMM("ipv6/conf/*/accept_untracked_na", 0, 2),
	SPECIAL("ipv6/conf/*/addr_gen_mode", 0644, ADDR_GEN_MODE, 1, 0, 0, 3),
	INT("ipv6/conf/*/autoconf"),
	INT("ipv6/conf/*/dad_transmits"),
	INT("ipv6/conf/*/disable_ipv6"),
	INT("ipv6/conf/*/disable_policy"),
	INT("ipv6/conf/*/drop_unicast_in_l2_multicast"),
	INT("ipv6/conf/*/drop_unsolicited_na"),
	INT("ipv6/conf/*/enhanced_dad"),
	UINTMM("ipv6/conf/*/force_forwarding", 0, 1),
	INT("ipv6/conf/*/force_mld_version"),
	INT("ipv6/conf/*/force_tllao"),
	INT("ipv6/conf/*/forwarding"),
	INTMM("ipv6/conf/*/hop_limit", 1, 255),
	INT("ipv6/conf/*/ignore_routes_with_linkdown"),
	U8MM("ipv6/conf/*/ioam6_enabled", 0, 1),
	UINTMM("ipv6/conf/*/ioam6_id", 0, 65535),
	UINT("ipv6/conf/*/ioam6_id_wide"),
	INT("ipv6/conf/*/keep_addr_on_down"),
	INT("ipv6/conf/*/max_addresses"),
	INT("ipv6/conf/*/max_desync_factor"),
	RO("ipv6/conf/*/mc_forwarding", INTVEC),
	MSJ("ipv6/conf/*/mldv1_unsolicited_report_interval"),
	MSJ("ipv6/conf/*/mldv2_unsolicited_report_interval"),
	SPECIAL("ipv6/conf/*/mtu", 0644, IPV6_MTU, 1, 0, 1280, X),
	U8MM("ipv6/conf/*/ndisc_evict_nocarrier", 0, 1),
	INT("ipv6/conf/*/ndisc_notify"),
	INTMM("ipv6/conf/*/ndisc_tclass", 0, 255),
	INT("ipv6/conf/*/optimistic_dad"),
	INT("ipv6/conf/*/proxy_ndp"),
	UINTMM("ipv6/conf/*/ra_defrtr_metric", 1, UINT32_MAX),
	U8MM("ipv6/conf/*/ra_honor_pio_life", 0, 1),
	U8MM("ipv6/conf/*/ra_honor_pio_pflag", 0, 1),
	INT("ipv6/conf/*/regen_max_retry"),
	INT("ipv6/conf/*/regen_min_advance"),
	JIF("ipv6/conf/*/router_probe_interval"),
	JIF("ipv6/conf/*/router_solicitation_delay"),
	JIF("ipv6/conf/*/router_solicitation_interval"),
	JIF("ipv6/conf/*/router_solicitation_max_interval"),
	INTMM("ipv6/conf/*/router_solicitations", -1, X),
	INTMM("ipv6/conf/*/rpl_seg_enabled", 0, 1),
	INT("ipv6/conf/*/seg6_enabled"),
	INT("ipv6/conf/*/seg6_require_hmac"),
	INT("ipv6/conf/*/suppress_frag_ndisc"),
	INT("ipv6/conf/*/temp_prefered_lft"),
	INT("ipv6/conf/*/temp_valid_lft"),
	INT("ipv6/conf/*/use_oif_addrs_only"),
	INT("ipv6/conf/*/use_optimistic"),
	INT("ipv6/conf/*/use_tempaddr"),
	UINTMM("ipv6/fib_multipath_hash_fields", 1, 4095), /* FIB_MULTIPATH_HASH_FIELD_ALL_MASK */
	U8MM("ipv6/fib_multipath_hash_policy", 0, 3),
	U8MM("ipv6/fib_notify_on_flag_change", 0, 2),
	U8("ipv6/flowlabel_consistency"),
	INTMM("ipv6/flowlabel_reflect", 0, 7),
	U8("ipv6/flowlabel_state_ranges"),
	U8("ipv6/fwmark_reflect"),
	U8("ipv6/icmp/echo_ignore_all"),
	U8("ipv6/icmp/echo_ignore_anycast"),
	U8("ipv6/icmp/echo_ignore_multicast"),
	U8MM("ipv6/icmp/error_anycast_as_unicast", 0, 1),
	MSJ("ipv6/icmp/ratelimit"),
	SPECIAL("ipv6/icmp/ratemask", 0644, LARGE_BITMAP, 1, 0, 0, 255), /* ICMPV6_MSG_MAX */
	JIF("ipv6/idgen_delay"),
	INT("ipv6/idgen_retries"),
	UINTMM("ipv6/ioam6_id", 0, 16777215), /* IOAM6_DEFAULT_ID */
	ULONGMM("ipv6/ioam6_id_wide", 0, 72057594037927935), /* IOAM6_DEFAULT_ID_WIDE */
	ULONG_BY("ipv6/ip6frag_high_thresh", "ipv6/ip6frag_low_thresh", NULL),
	ULONG_BY("ipv6/ip6frag_low_thresh", NULL, "ipv6/ip6frag_high_thresh"),
	JIF("ipv6/ip6frag_secret_interval"),
	JIF("ipv6/ip6frag_time"),
	U8("ipv6/ip_nonlocal_bind"),
	INT("ipv6/max_dst_opts_length"),
	INT("ipv6/max_dst_opts_number"),
	INT("ipv6/max_hbh_length"),
	INT("ipv6/max_hbh_opts_number"),
	INT("ipv6/mld_max_msf"),
	INTMM("ipv6/mld_qrv", 1, X),
	UHZ("ipv6/neigh/*/anycast_delay"),
	NEIGH_INT("ipv6/neigh/*/app_solicit"),
	JIF("ipv6/neigh/*/base_reachable_time"),
	MSJ("ipv6/neigh/*/base_reachable_time_ms"),
	JIF("ipv6/neigh/*/delay_first_probe_time"),
	JIF("ipv6/neigh/*/gc_interval"),
	JIF("ipv6/neigh/*/gc_stale_time"),
	NEIGH_INT("ipv6/neigh/*/gc_thresh1"),
	NEIGH_INT("ipv6/neigh/*/gc_thresh2"),
	NEIGH_INT("ipv6/neigh/*/gc_thresh3"),
	MSJMIN1("ipv6/neigh/*/interval_probe_time_ms"),
	UHZ("ipv6/neigh/*/locktime"),
	NEIGH_INT("ipv6/neigh/*/mcast_resolicit"),
	NEIGH_INT("ipv6/neigh/*/mcast_solicit"),
	UHZ("ipv6/neigh/*/proxy_delay"),
	NEIGH_INT("ipv6/neigh/*/proxy_qlen"),
	INT("ipv6/neigh/*/retrans_time"),
	MSJ("ipv6/neigh/*/retrans_time_ms"),
	NEIGH_INT("ipv6/neigh/*/ucast_solicit"),
	NEIGH_INT("ipv6/neigh/*/unres_qlen"),
	NEIGH_INT("ipv6/neigh/*/unres_qlen_bytes"),
	INT("ipv6/route/gc_elasticity"),
	JIF("ipv6/route/gc_interval"),
	JIF("ipv6/route/gc_min_interval"),
	MSJ("ipv6/route/gc_min_interval_ms"),
	INT("ipv6/route/gc_thresh"),
	JIF("ipv6/route/gc_timeout"),
	INT("ipv6/route/max_size"),
	INT("ipv6/route/min_adv_mss"),
	JIF("ipv6/route/mtu_expires"),
	U8MM("ipv6/route/skip_notify_on_dev_down", 0, 1),
	INT("ipv6/seg6_flowlabel"),
	INT("ipv6/xfrm6_gc_thresh"),
	UHZ("neigh/*/anycast_delay"),
	INTMM("neigh/*/app_solicit", 0, INT32_MAX),
	JIF("neigh/*/base_reachable_time"),
	MSJ("neigh/*/base_reachable_time_ms"),
	JIF("neigh/*/delay_first_probe_time"),
	JIF("neigh/*/gc_interval"),
	JIF("neigh/*/gc_stale_time"),
	INTMM("neigh/*/gc_thresh1", 0, INT32_MAX),
	INTMM("neigh/*/gc_thresh2", 0, INT32_MAX),
	INTMM("neigh/*/gc_thresh3", 0, INT32_MAX),
	MSJMIN1("neigh/*/interval_probe_time_ms"),
	UHZ("neigh/*/locktime"),
	INTMM("neigh/*/mcast_resolicit", 0, INT32_MAX),
	INTMM("neigh/*/mcast_solicit", 0, INT32_MAX),
	UHZ("neigh/*/proxy_delay"),
	INTMM("neigh/*/proxy_qlen", 0, INT32_MAX),
	UHZ("neigh/*/retrans_time"),
	MSJ("neigh/*/retrans_time_ms"),
	INTMM("neigh/*/ucast_solicit", 0, INT32_MAX),
	INTMM("neigh/*/unres_qlen", 0, INT32_MAX),
	INTMM("neigh/*/unres_qlen_bytes", 0, INT32_MAX),
	U8MM("nexthop_compat_mode", 0, 1),
	SPECIAL("ping_group_range", 0644, PING_GROUP_RANGE, 2, 0, 0, 4294967294),
	U8MM("raw_l3mdev_accept", 0, 1),
	JIF("route/error_burst"),
	JIF("route/error_cost"),
	INT("route/gc_elasticity"),
	JIF("route/gc_interval"),
	JIF("route/gc_min_interval"),
	MSJ("route/gc_min_interval_ms"),
	INT("route/gc_thresh"),
	JIF("route/gc_timeout"),
	INT("route/max_size"),
	INT("route/min_adv_mss"),
	INTMM("route/min_pmtu", 68, X),
	JIF("route/mtu_expires"),
	JIF("route/redirect_load"),
	INT("route/redirect_number"),
	JIF("route/redirect_silence"),
	U8("tcp_abort_on_overflow"),
	INTMM("tcp_adv_win_scale", -31, 31),
	SPECIAL("tcp_allowed_congestion_control", 0644, STRING, 1, 255, N, X),
	U8MM("tcp_app_win", 0, 31),
	U8MM("tcp_autocorking", 0, 1),
	RO("tcp_available_congestion_control", STRING),
	RO("tcp_available_ulp", STRING),
	INT("tcp_base_mss"),
	INT("tcp_challenge_ack_limit"),
	UINTMM("tcp_child_ehash_entries", 0, 16777216),
	ULONG("tcp_comp_sack_delay_ns", 1),
	U8MM("tcp_comp_sack_nr", 0, 255),
	ULONG("tcp_comp_sack_slack_ns", 1),
	SPECIAL("tcp_congestion_control", 0644, CONGESTION, 1, 16, N, X),
	U8("tcp_dsack"),
	U8("tcp_early_demux"),
	U8MM("tcp_early_retrans", 0, 4),
	U8MM("tcp_ecn", 0, 2),
	U8MM("tcp_ecn_fallback", 0, 1),
	RO("tcp_ehash_entries", INTVEC),
	U8("tcp_fack"),
	INT("tcp_fastopen"),
	INTMM("tcp_fastopen_blackhole_timeout_sec", 0, X),
	JIF("tcp_fin_timeout"),
	U8("tcp_frto"),
	U8("tcp_fwmark_accept"),
	MSJ("tcp_invalid_ratelimit"),
	JIF("tcp_keepalive_intvl"),
	U8("tcp_keepalive_probes"),
	JIF("tcp_keepalive_time"),
	U8MM("tcp_l3mdev_accept", 0, 1),
	INT("tcp_limit_output_bytes"),
	INT("tcp_low_latency"),
	INT("tcp_max_orphans"),
	INT("tcp_max_reordering"),
	INT("tcp_max_syn_backlog"),
	INT("tcp_max_tw_buckets"),
	ULONG("tcp_mem", 3),
	U8MM("tcp_migrate_req", 0, 1),
	INTMM("tcp_min_rtt_wlen", 0, 86400),
	INTMM("tcp_min_snd_mss", 48, 65535),
	U8MM("tcp_min_tso_segs", 1, 255),
	U8("tcp_moderate_rcvbuf"),
	INTMM("tcp_mtu_probe_floor", 48, 65535),
	U8("tcp_mtu_probing"),
	U8("tcp_no_metrics_save"),
	U8MM("tcp_no_ssthresh_metrics_save", 0, 1),
	UINT("tcp_notsent_lowat"),
	U8("tcp_orphan_retries"),
	INTMM("tcp_pacing_ca_ratio", 0, 1000),
	INTMM("tcp_pacing_ss_ratio", 0, 1000),
	INTMM("tcp_plb_cong_thresh", 0, 256),
	U8MM("tcp_plb_enabled", 0, 1),
	U8MM("tcp_plb_idle_rehash_rounds", 0, 31),
	U8MM("tcp_plb_rehash_rounds", 0, 31),
	U8("tcp_plb_suspend_rto_sec"),
	UINTMM("tcp_probe_interval", 0, UINT32_MAX / SYSCTL_HZ),
	INT("tcp_probe_threshold"),
	U8("tcp_recovery"),
	U8MM("tcp_reflect_tos", 0, 1),
	INT("tcp_reordering"),
	U8("tcp_retrans_collapse"),
	U8MM("tcp_retries1", 0, 255),
	U8("tcp_retries2"),
	U8("tcp_rfc1337"),
	INTMMV("tcp_rmem", 3, 1, X),
	U8("tcp_sack"),
	U8MM("tcp_shrink_window", 0, 1),
	U8("tcp_slow_start_after_idle"),
	U8("tcp_stdurg"),
	U8MM("tcp_syn_linear_timeouts", 0, 127),
	U8MM("tcp_syn_retries", 1, 127),
	U8("tcp_synack_retries"),
	U8("tcp_syncookies"),
	U8("tcp_thin_linear_timeouts"),
	U8MM("tcp_timestamps", 0, 2),
	U8("tcp_tso_rtt_log"),
	U8("tcp_tso_win_divisor"),
	U8MM("tcp_tw_reuse", 0, 2),
	U8("tcp_window_scaling"),
	INTMMV("tcp_wmem", 3, 1, X),
	U8("tcp_workaround_signed_windows"),
	UINTMM("udp_child_hash_entries", 0, 65536),
	U8("udp_early_demux"),
	RO("udp_hash_entries", INTVEC),
	U8MM("udp_l3mdev_accept", 0, 1),
	ULONG("udp_mem", 3),
	INTMM("udp_rmem_min", 1, X),
	INTMM("udp_wmem_min", 1, X),
	INT("xfrm4_gc_thresh"),
};
/* clang-format on */

#define NROWS (sizeof(rows) / sizeof(rows[0]))

static const char *const handler_names[] = {
	[SYSCTL_H_UNKNOWN] = "unknown",
	[SYSCTL_H_INTVEC] = "intvec",
	[SYSCTL_H_INTVEC_MINMAX] = "intvecMinmax",
	[SYSCTL_H_UINTVEC] = "uintvec",
	[SYSCTL_H_UINTVEC_MINMAX] = "uintvecMinmax",
	[SYSCTL_H_U8VEC_MINMAX] = "u8vecMinmax",
	[SYSCTL_H_JIFFIES] = "jiffies",
	[SYSCTL_H_MS_JIFFIES] = "msJiffies",
	[SYSCTL_H_USERHZ_JIFFIES] = "userhzJiffies",
	[SYSCTL_H_ULONGVEC_MINMAX] = "ulongvecMinmax",
	[SYSCTL_H_STRING] = "string",
	[SYSCTL_H_PORT_RANGE] = "portRange",
	[SYSCTL_H_PING_GROUP_RANGE] = "pingGroupRange",
	[SYSCTL_H_CONGESTION] = "congestionControl",
	[SYSCTL_H_PRIVILEGED_PORTS] = "privilegedPorts",
	[SYSCTL_H_LARGE_BITMAP] = "largeBitmap",
	[SYSCTL_H_IPV6_MTU] = "ipv6Mtu",
	[SYSCTL_H_ADDR_GEN_MODE] = "addrGenMode",
};

const char *sysctl_handler_name(enum sysctl_handler h)
{
	return h >= SYSCTL_H_UNKNOWN && h <= SYSCTL_H_ADDR_GEN_MODE ? handler_names[h] : "unknown";
}

bool sysctl_handler_is_integer(enum sysctl_handler h)
{
	switch (h) {
	case SYSCTL_H_INTVEC:
	case SYSCTL_H_INTVEC_MINMAX:
	case SYSCTL_H_UINTVEC:
	case SYSCTL_H_UINTVEC_MINMAX:
	case SYSCTL_H_U8VEC_MINMAX:
	case SYSCTL_H_JIFFIES:
	case SYSCTL_H_MS_JIFFIES:
	case SYSCTL_H_USERHZ_JIFFIES:
	case SYSCTL_H_ULONGVEC_MINMAX:
	case SYSCTL_H_PRIVILEGED_PORTS:
	case SYSCTL_H_IPV6_MTU:
	case SYSCTL_H_ADDR_GEN_MODE:
		return true;
	default:
		return false;
	}
}

const struct sysctl_row *sysctl_table_rows(size_t *n)
{
	*n = NROWS;
	return rows;
}

static int row_cmp(const void *key, const void *elem)
{
	const struct sysctl_row *r = elem;
	return strcmp(key, r->path);
}

/*
 * "conf/eth0/rp_filter" gives the template row path with "*" for eth0
 * ("ipv6/conf/eth0/forwarding" likewise); false if not per-device.
 */
static bool device_template(const char *path, char *out, size_t outlen)
{
	const char *base = strncmp(path, "ipv6/", 5) ? path : path + 5;
	const char *first = strchr(base, '/');
	const char *second = first ? strchr(first + 1, '/') : NULL;
	size_t dirlen;

	if (!second || strchr(second + 1, '/'))
		return false;
	dirlen = (size_t)(first - base);
	if (!((dirlen == 4 && !strncmp(base, "conf", 4)) ||
	      (dirlen == 5 && !strncmp(base, "neigh", 5))))
		return false;
	return snprintf(out, outlen, "%.*s/*%s", (int)(first - path), path, second) < (int)outlen;
}

const struct sysctl_row *sysctl_table_find(const char *path)
{
	char tmpl[128];
	const struct sysctl_row *r = bsearch(path, rows, NROWS, sizeof(rows[0]), row_cmp);

	if (!r && device_template(path, tmpl, sizeof(tmpl)))
		r = bsearch(tmpl, rows, NROWS, sizeof(rows[0]), row_cmp);
	return r;
}
