/* Parser and renderer of the kernel statistics files. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc_counters.h"

/* Kernel layouts kept under tests/data; each must round-trip byte for byte. */
static const char *const fixtures[] = {
	"linux-2.6.32",
	"linux-2.6.32-icmpmsg-wrap",
	"linux-4.19",
	"linux-6.18",
};
#define NFIXTURES (int)(sizeof(fixtures) / sizeof(fixtures[0]))

static const struct {
	const char *name;
	enum proc_layout layout;
	bool optional; /* net/snmp6 is absent where IPv6 is disabled */
} files[] = {
	{ "net/snmp", PROC_LAYOUT_PAIRED, false },
	{ "net/netstat", PROC_LAYOUT_PAIRED, false },
	{ "net/sockstat", PROC_LAYOUT_SOCKSTAT, false },
	{ "net/snmp6", PROC_LAYOUT_FLAT, true },
};

struct diags {
	unsigned n;
	unsigned last_line;
	char last[256];
};

static void collect(void *ctx, const char *file, unsigned line, const char *what)
{
	struct diags *d = ctx;
	(void)file;
	d->n++;
	d->last_line = line;
	snprintf(d->last, sizeof(d->last), "%s", what);
}

/* Parse a string literal; returns the number of sections skipped. */
static unsigned parse_str(struct proc_file *pf, enum proc_layout layout, const char *text,
			  struct diags *d)
{
	return proc_file_parse(pf, layout, strdup(text), strlen(text), "test", collect, d);
}

static void assert_round_trip(const char *text, size_t len, enum proc_layout layout,
			      const char *what)
{
	struct proc_file pf;
	struct diags d = { 0 };
	size_t out_len;
	char *copy = malloc(len + 1);

	memcpy(copy, text, len + 1);
	ck_assert_uint_eq(proc_file_parse(&pf, layout, copy, len, what, collect, &d), 0);
	ck_assert_msg(d.n == 0, "%s: unexpected diagnostic: %s", what, d.last);
	char *out = proc_file_render(&pf, &out_len);
	ck_assert_ptr_nonnull(out);
	ck_assert_msg(out_len == len && memcmp(out, text, len) == 0,
		      "%s: rendering differs from input (%zu vs %zu bytes)", what, out_len, len);
	free(out);
	proc_file_free(&pf);
}

START_TEST(fixture_round_trip)
{
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char rel[256];
		size_t len;
		snprintf(rel, sizeof(rel), "%s/%s", fixtures[_i], files[f].name);
		if (files[f].optional && access(test_data(rel), F_OK) != 0)
			continue;
		char *text = test_slurp(test_data(rel), &len);
		assert_round_trip(text, len, files[f].layout, rel);
		free(text);
	}
}
END_TEST

START_TEST(live_proc_round_trip)
{
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char path[64];
		size_t len;
		snprintf(path, sizeof(path), "/proc/%s", files[f].name);
		if (files[f].optional && access(path, F_OK) != 0)
			continue;
		char *text = test_slurp(path, &len);
		assert_round_trip(text, len, files[f].layout, path);
		free(text);
	}
}
END_TEST

START_TEST(find_by_name_across_layouts)
{
	struct proc_file pf;
	struct diags d = { 0 };
	size_t len;
	char *text = test_slurp(test_data("linux-6.18/net/netstat"), &len);

	ck_assert_uint_eq(
		proc_file_parse(&pf, PROC_LAYOUT_PAIRED, text, len, "netstat", collect, &d), 0);
	/* The TcpExt header of a 6.x kernel is longer than 2 KiB. */
	ck_assert_uint_gt(pf.sections[0].nfields, 100);
	ck_assert_ptr_nonnull(proc_file_find(&pf, "TcpExt", "ListenOverflows"));
	ck_assert_ptr_nonnull(proc_file_find(&pf, "TcpExt", "PAWSOldAck"));
	ck_assert_ptr_nonnull(proc_file_find(&pf, "IpExt", "InOctets"));
	ck_assert_ptr_null(proc_file_find(&pf, "IpExt", "NoSuchField"));
	ck_assert_ptr_null(proc_file_find(&pf, "NoSuchSection", "InOctets"));
	proc_file_free(&pf);
}
END_TEST

START_TEST(field_inserted_mid_line)
{
	struct proc_file pf;
	struct diags d = { 0 };

	parse_str(&pf, PROC_LAYOUT_PAIRED,
		  "Icmp: InMsgs InErrors InCsumErrors InDestUnreachs\n"
		  "Icmp: 10 1 7 3\n",
		  &d);
	ck_assert_uint_eq(proc_file_find(&pf, "Icmp", "InDestUnreachs")->value, 3);
	ck_assert_uint_eq(proc_file_find(&pf, "Icmp", "InCsumErrors")->value, 7);
	proc_file_free(&pf);
}
END_TEST

START_TEST(repeated_section_double_space)
{
	struct proc_file pf;
	struct diags d = { 0 };
	size_t len;
	char *text = test_slurp(test_data("linux-2.6.32-icmpmsg-wrap/net/snmp"), &len);

	ck_assert_uint_eq(proc_file_parse(&pf, PROC_LAYOUT_PAIRED, text, len, "snmp", collect, &d),
			  0);
	/* 18 types: one full line of 16 ("IcmpMsg:  v ...") and one of 2. */
	ck_assert_ptr_nonnull(proc_file_find(&pf, "IcmpMsg", "InType0"));
	ck_assert_ptr_nonnull(proc_file_find(&pf, "IcmpMsg", "OutType14"));
	ck_assert_uint_eq(proc_file_find(&pf, "IcmpMsg", "OutType14")->value, 1242301);
	proc_file_free(&pf);
}
END_TEST

START_TEST(value_change_changes_only_its_bytes)
{
	struct proc_file pf;
	struct diags d = { 0 };
	size_t len, out_len;
	const char *in = "Tcp: RtoAlgorithm MaxConn InSegs\nTcp: 1 -1 5\n"
			 "Udp: InDatagrams\nUdp: 9\n";
	const char *want = "Tcp: RtoAlgorithm MaxConn InSegs\nTcp: 1 -1 18446744073709551615\n"
			   "Udp: InDatagrams\nUdp: 9\n";

	len = strlen(in);
	proc_file_parse(&pf, PROC_LAYOUT_PAIRED, strdup(in), len, "t", collect, &d);
	((struct proc_field *)proc_file_find(&pf, "Tcp", "InSegs"))->value = UINT64_MAX;
	char *out = proc_file_render(&pf, &out_len);
	ck_assert_str_eq(out, want);
	free(out);
	proc_file_free(&pf);
}
END_TEST

START_TEST(signed_only_where_the_kernel_prints_signed)
{
	struct proc_file pf;
	struct diags d = { 0 };
	const struct proc_field *f;

	ck_assert_uint_eq(
		parse_str(&pf, PROC_LAYOUT_PAIRED, "Tcp: MaxConn CurrEstab\nTcp: -1 4\n", &d), 0);
	f = proc_file_find(&pf, "Tcp", "MaxConn");
	ck_assert(f->negative);
	ck_assert_int_eq((int64_t)f->value, -1);
	proc_file_free(&pf);

	ck_assert_uint_eq(
		parse_str(&pf, PROC_LAYOUT_PAIRED, "Tcp: MaxConn CurrEstab\nTcp: -1 -4\n", &d), 1);
	ck_assert_uint_eq(pf.nsections, 0);
	ck_assert_str_eq(
		d.last,
		"Tcp CurrEstab: negative value in an unsigned field ('-4'); section skipped");
	proc_file_free(&pf);
}
END_TEST

START_TEST(u64_limits)
{
	struct proc_file pf;
	struct diags d = { 0 };

	ck_assert_uint_eq(parse_str(&pf, PROC_LAYOUT_PAIRED,
				    "IpExt: InOctets\nIpExt: 18446744073709551615\n", &d),
			  0);
	ck_assert_uint_eq(proc_file_find(&pf, "IpExt", "InOctets")->value, UINT64_MAX);
	proc_file_free(&pf);

	ck_assert_uint_eq(parse_str(&pf, PROC_LAYOUT_PAIRED,
				    "IpExt: InOctets\nIpExt: 18446744073709551616\n", &d),
			  1);
	ck_assert_ptr_null(proc_file_find(&pf, "IpExt", "InOctets"));
	ck_assert_uint_eq(d.last_line, 2);
	ck_assert_ptr_nonnull(strstr(d.last, "out of range"));
	proc_file_free(&pf);
}
END_TEST

/* Each malformed input skips exactly the bad section and keeps the rest. */
static const struct {
	const char *text;
	unsigned skipped;
	const char *why; /* substring of the last diagnostic */
	unsigned line;
	const char *kept; /* a section still served ("Udp") */
} malformed[] = {
	{ "Ip: A B C\nIp: 1 2\nUdp: X\nUdp: 1\n", 1, "3 names but 2 values", 2, "Udp" },
	{ "Ip: A B\nIp: 1 x2\nUdp: X\nUdp: 1\n", 1, "not a decimal number", 2, "Udp" },
	{ "Ip: A B\nIp: 1 +2\nUdp: X\nUdp: 1\n", 1, "not a decimal number", 2, "Udp" },
	{ "Ip: A B\nIp: 1 0x2\nUdp: X\nUdp: 1\n", 1, "not a decimal number", 2, "Udp" },
	{ "Udp: X\nUdp: 1\nIp: A B\nIp: 1 2", 0, NULL, 0, "Ip" },
	{ "Udp: X\nUdp: 1\nIp: A B C\nIp: 1 2", 1, "3 names but 2 values", 4, "Udp" },
	{ "Udp: X\nUdp: 1\nIp: A B C\n", 1, "without a value line", 3, "Udp" },
	{ "Ip: A B\nUdp: X\nUdp: 1\n", 1, "without a value line", 1, "Udp" },
	{ "garbage\nUdp: X\nUdp: 1\n", 1, "section name", 1, "Udp" },
	{ "\nUdp: X\nUdp: 1\n", 1, "section name", 1, "Udp" },
	{ "Ip: A\x01 B\nIp: 1 2\nUdp: X\nUdp: 1\n", 1, "unexpected character", 1, "Udp" },
	{ "Ip: A B\nIp: 1 99999999999999999999999999999999\nUdp: X\nUdp: 1\n", 1, "too long", 2,
	  "Udp" },
	{ "Udp: X\nUdp: 1\nIp:A B\nIp: 1 2\n", 1, "unexpected character", 3, "Udp" },
};

START_TEST(malformed_section_skipped)
{
	struct proc_file pf;
	struct diags d = { 0 };

	ck_assert_uint_eq(parse_str(&pf, PROC_LAYOUT_PAIRED, malformed[_i].text, &d),
			  malformed[_i].skipped);
	if (malformed[_i].why) {
		ck_assert_msg(strstr(d.last, malformed[_i].why) != NULL,
			      "case %d: diagnostic '%s' lacks '%s'", _i, d.last, malformed[_i].why);
		ck_assert_uint_eq(d.last_line, malformed[_i].line);
	} else {
		ck_assert_uint_eq(d.n, 0);
	}
	ck_assert_msg(proc_file_find(&pf, malformed[_i].kept, "X") ||
			      proc_file_find(&pf, malformed[_i].kept, "A"),
		      "case %d: section %s lost", _i, malformed[_i].kept);
	proc_file_free(&pf);
}
END_TEST

/* A name printed twice: the first one is found, later ones are marked. */
START_TEST(duplicate_names_first_wins)
{
	struct proc_file pf;
	struct diags d = { 0 };
	const struct proc_field *f;

	ck_assert_uint_eq(parse_str(&pf, PROC_LAYOUT_PAIRED,
				    "Ip: A B A\nIp: 1 2 3\nTcp: A\nTcp: 4\nIp: C B\nIp: 5 6\n", &d),
			  0);
	f = proc_file_find(&pf, "Ip", "A");
	ck_assert_uint_eq(f->value, 1);
	ck_assert(!f->duplicate);
	ck_assert(pf.fields[2].duplicate); /* the second Ip A */
	ck_assert(!pf.fields[3].duplicate); /* Tcp A: another section */
	ck_assert(!pf.fields[4].duplicate); /* Ip C */
	ck_assert(pf.fields[5].duplicate); /* Ip B again, in a later Ip section */
	ck_assert_uint_eq(d.n, 2); /* one line per section */
	ck_assert_str_eq(d.last, "Ip: 1 name printed again; the first of each is served");
	ck_assert_uint_eq(d.last_line, 5);
	proc_file_free(&pf);
}
END_TEST

START_TEST(empty_file)
{
	struct proc_file pf;
	struct diags d = { 0 };
	size_t len;

	ck_assert_uint_eq(parse_str(&pf, PROC_LAYOUT_PAIRED, "", &d), 0);
	ck_assert_uint_eq(pf.nsections, 0);
	ck_assert_str_eq(d.last, "file is empty");
	char *out = proc_file_render(&pf, &len);
	ck_assert_uint_eq(len, 0);
	free(out);
	proc_file_free(&pf);
}
END_TEST

START_TEST(truncated_file_keeps_earlier_sections)
{
	struct proc_file pf;
	struct diags d = { 0 };
	size_t len;
	char *text = test_slurp(test_data("linux-4.19/net/snmp"), &len);
	/* Cut inside the Tcp value line. */
	char *cut = strstr(text, "\nTcp: 1 ") + 8;

	ck_assert_uint_eq(proc_file_parse(&pf, PROC_LAYOUT_PAIRED, text, (size_t)(cut - text),
					  "snmp", collect, &d),
			  1);
	ck_assert_ptr_nonnull(proc_file_find(&pf, "Icmp", "InMsgs"));
	ck_assert_ptr_null(proc_file_find(&pf, "Tcp", "RtoAlgorithm"));
	ck_assert_ptr_null(proc_file_find(&pf, "Udp", "InDatagrams"));
	proc_file_free(&pf);
}
END_TEST

START_TEST(binary_noise_never_crashes)
{
	char buf[4096];
	unsigned seed = 1;

	for (int round = 0; round < 200; round++) {
		struct proc_file pf;
		struct diags d = { 0 };
		size_t n = (size_t)(rand_r(&seed) % (int)sizeof(buf));
		for (size_t i = 0; i < n; i++) {
			int r = rand_r(&seed) % 8;
			buf[i] = r == 0	 ? '\n'
				: r == 1 ? ' '
				: r == 2 ? ':'
				: r == 3 ? '-'
					 : (char)(rand_r(&seed) % 256);
		}
		char *copy = malloc(n + 1);
		memcpy(copy, buf, n);
		copy[n] = '\0';
		proc_file_parse(&pf, round % 2 ? PROC_LAYOUT_PAIRED : PROC_LAYOUT_SOCKSTAT, copy, n,
				"noise", collect, &d);
		size_t len;
		free(proc_file_render(&pf, &len));
		proc_file_free(&pf);
	}
}
END_TEST

START_TEST(sockstat_pairs)
{
	struct proc_file pf;
	struct diags d = { 0 };

	ck_assert_uint_eq(parse_str(&pf, PROC_LAYOUT_SOCKSTAT,
				    "sockets: used 8\nTCP: inuse 5 orphan 0 tw 2 alloc 7 mem -1\n"
				    "UDP: inuse 1 mem\nRAW: inuse 0\n",
				    &d),
			  1);
	ck_assert_uint_eq(proc_file_find(&pf, "TCP", "tw")->value, 2);
	ck_assert(proc_file_find(&pf, "TCP", "mem")->negative);
	ck_assert_ptr_null(proc_file_find(&pf, "UDP", "inuse"));
	ck_assert_uint_eq(d.last_line, 3);
	ck_assert_ptr_nonnull(strstr(d.last, "a name without a value"));
	ck_assert_uint_eq(proc_file_find(&pf, "RAW", "inuse")->value, 0);
	proc_file_free(&pf);
}
END_TEST

START_TEST(flat_lines)
{
	struct proc_file pf;
	struct diags d = { 0 };

	ck_assert_uint_eq(parse_str(&pf, PROC_LAYOUT_FLAT,
				    "Icmp6InType1                    \t3\n"
				    "Icmp6OutType135 4 5\n"
				    "Icmp6OutType143\t18446744073709551615\n",
				    &d),
			  1);
	ck_assert_uint_eq(proc_file_find(&pf, "", "Icmp6InType1")->value, 3);
	ck_assert_ptr_null(proc_file_find(&pf, "", "Icmp6OutType135"));
	ck_assert_uint_eq(proc_file_find(&pf, "", "Icmp6OutType143")->value, UINT64_MAX);
	ck_assert_uint_eq(d.last_line, 2);
	proc_file_free(&pf);
}
END_TEST

START_TEST(no_final_newline_round_trips)
{
	const char *in = "sockets: used 8\nRAW: inuse 0";
	assert_round_trip(in, strlen(in), PROC_LAYOUT_SOCKSTAT, "sockstat");
	in = "Ip: A  B \nIp:  1  2\t";
	assert_round_trip(in, strlen(in), PROC_LAYOUT_PAIRED, "snmp");
}
END_TEST

Suite *proc_counters_suite(void)
{
	Suite *s = suite_create("proc_counters");
	TCase *tc = tcase_create("parse_render");

	tcase_add_loop_test(tc, fixture_round_trip, 0, NFIXTURES);
	tcase_add_test(tc, live_proc_round_trip);
	tcase_add_test(tc, find_by_name_across_layouts);
	tcase_add_test(tc, field_inserted_mid_line);
	tcase_add_test(tc, repeated_section_double_space);
	tcase_add_test(tc, value_change_changes_only_its_bytes);
	tcase_add_test(tc, signed_only_where_the_kernel_prints_signed);
	tcase_add_test(tc, u64_limits);
	tcase_add_loop_test(tc, malformed_section_skipped, 0,
			    (int)(sizeof(malformed) / sizeof(malformed[0])));
	tcase_add_test(tc, empty_file);
	tcase_add_test(tc, duplicate_names_first_wins);
	tcase_add_test(tc, truncated_file_keeps_earlier_sections);
	tcase_add_test(tc, binary_noise_never_crashes);
	tcase_add_test(tc, sockstat_pairs);
	tcase_add_test(tc, flat_lines);
	tcase_add_test(tc, no_final_newline_round_trips);
	suite_add_tcase(s, tc);
	return s;
}
