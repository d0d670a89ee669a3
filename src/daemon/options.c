/*
 * Command-line parsing.  Options follow snmpd(8) where it has one (-x, -f,
 * -L, -c, -D, -p), so operators can carry their habits over.
 */
#include "options.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#ifndef IPSTACK_VERSION
#define IPSTACK_VERSION "unknown"
#endif

enum { OPT_PROC_ROOT = 256, OPT_DUMP };

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "proc-root", required_argument, NULL, OPT_PROC_ROOT },
	{ "dump", no_argument, NULL, OPT_DUMP },
	{ "foreground", no_argument, NULL, 'f' },
	{ "master", required_argument, NULL, 'x' },
	{ "config", required_argument, NULL, 'c' },
	{ "pid-file", required_argument, NULL, 'p' },
	{ NULL, 0, NULL, 0 },
};

void options_usage(FILE *out)
{
	fputs("Usage: ipstack-agentx [OPTIONS]\n"
	      "\n"
	      "AgentX subagent serving the Linux IP stack's statistics, connection\n"
	      "tables and tunables, IPv4 and IPv6 (IP-MIB, TCP-MIB, UDP-MIB and\n"
	      "LINUX-IPSTACK-MIB), to an snmpd master configured with 'master agentx'.\n"
	      "\n"
	      "Options:\n"
	      "  -x, --master=ADDRESS\n"
	      "                     AgentX master address in net-snmp syntax\n"
	      "                     (default: the agentXSocket setting, else\n"
	      "                     /var/agentx/master); e.g. /run/agentx.sock,\n"
	      "                     tcp:127.0.0.1:705\n"
	      "  -c, --config=FILE  read only FILE as configuration; it must exist.\n"
	      "                     Default: ipstack-agentx.conf, then\n"
	      "                     ipstack-agentx.local.conf, in each directory of\n"
	      "                     $SNMPCONFPATH or net-snmp's search path\n"
	      "                     (/etc/snmp first); missing files are skipped\n"
	      "  -f, --foreground   do not fork into the background\n"
	      "  -L OPTS            logging, as in snmpd(8): -Le stderr, -Lo stdout,\n"
	      "                     -Lf FILE, -Ls FACILITY (syslog), -LS LEVEL FACILITY;\n"
	      "                     default: stderr with -f, syslog (daemon) otherwise\n"
	      "  -D[TOKENS]         net-snmp debug output for TOKENS (all if none)\n"
	      "  -p, --pid-file=FILE\n"
	      "                     write the process id to FILE\n"
	      "  --proc-root=DIR    read DIR/net/{snmp,netstat,sockstat,snmp6,sockstat6}\n"
	      "                     and DIR/sys/net/{ipv4,ipv6}/... instead of /proc\n"
	      "                     (fixtures)\n"
	      "  --dump             print the counter store in the kernel's own layout\n"
	      "                     (net/snmp, net/netstat, net/sockstat, then\n"
	      "                     net/snmp6 and net/sockstat6 where present) and exit\n"
	      "  -h, --help         show this help and exit\n"
	      "  -V, --version      show the version and exit\n"
	      "\n"
	      "Configuration tokens (ipstack-agentx.conf):\n"
	      "  cacheLifetime SECONDS        how long one snapshot of the counters is\n"
	      "                               reused (0-3600, fractions allowed; 1)\n"
	      "  registrationPriority N       AgentX priority of our registrations,\n"
	      "                               1-126; lower wins over snmpd's own\n"
	      "                               modules (127) (100)\n"
	      "  procRoot DIR                 as --proc-root (/proc)\n"
	      "  writeAllow PATTERN           let SNMP SETs write the tunables matching\n"
	      "                               PATTERN, a glob over paths below\n"
	      "                               /proc/sys/net/ipv4, or ipv6/ and a path\n"
	      "                               below /proc/sys/net/ipv6 ('*' stops at\n"
	      "                               '/'); repeatable.  Without any, only\n"
	      "                               ip_forward, ip_default_ttl,\n"
	      "                               ipv6/conf/all/forwarding and\n"
	      "                               ipv6/conf/default/hop_limit (the IP-MIB\n"
	      "                               scalars) are writable\n"
	      "  writeDeny PATTERN            never write these, even if allowed.  A\n"
	      "                               write must not change a denied file,\n"
	      "                               nor one no writeAllow names, through\n"
	      "                               the kernel (ip_forward rewrites\n"
	      "                               conf/*/forwarding; see the man page)\n"
	      "  allowDeleteTcb yes|no        let SETs of tcpConnectionState and\n"
	      "                               tcpConnState to deleteTCB(12) destroy\n"
	      "                               connections (no)\n"
	      "  netnsDir DIR                 a directory of network namespace files\n"
	      "                               (ip netns: /run/netns; Docker:\n"
	      "                               /run/docker/netns); repeatable, the\n"
	      "                               first with a name wins (/run/netns)\n"
	      "  netnsContexts none|all|NAME...  serve these namespaces of the\n"
	      "                               netnsDirs, each as the SNMP context\n"
	      "                               named like its file; NAME may be a\n"
	      "                               pattern (ns*).  Followed as they come\n"
	      "                               and go; needs CAP_SYS_ADMIN (none)\n"
	      "  agentXSocket ADDRESS         as -x\n"
	      "  agentXPingInterval SECONDS   ping the master, reconnect when it is\n"
	      "                               gone (5)\n"
	      "  agentXTimeout SECONDS        AgentX request timeout, 1-255 (1)\n"
	      "  agentXRetries N              AgentX retries, 0-100 (5)\n"
	      "Any other token, a bad value, or a file that is not a regular file\n"
	      "or is writable by group or others is an error naming file and line.\n"
	      "\n"
	      "Signals: SIGTERM and SIGINT exit cleanly (status 0); SIGHUP re-reads\n"
	      "the configuration without dropping the AgentX session, between\n"
	      "requests and never inside a SET; a file with errors changes nothing.\n"
	      "\n"
	      "Exit status: 0 on success; 1 on a start-up error (bad option, bad\n"
	      "configuration, unreadable proc root); with --dump, 3 when a file could\n"
	      "not be read or a section was malformed (details on stderr).\n"
	      "\n"
	      "If the master is not there at start, the daemon keeps retrying every\n"
	      "agentXPingInterval seconds and logs each failed attempt.\n",
	      out);
}

static bool set_log_option(char *arg, int argc, char **argv)
{
	/* net-snmp consumes a following argument (-Lf FILE) through optind. */
	return snmp_log_options(arg, argc, argv) == 0;
}

static bool debug_option(const char *arg)
{
	if (arg && *arg)
		debug_register_tokens(arg);
	snmp_set_do_debugging(1);
	return true;
}

enum options_result options_parse(struct settings *s, int argc, char **argv)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":x:c:fL:D::p:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'x':
			s->master = optarg;
			break;
		case 'c':
			s->config_file = optarg;
			break;
		case 'f':
			s->foreground = true;
			break;
		case 'L':
			/* net-snmp prints its own one-line complaint */
			if (!set_log_option(optarg, argc, argv))
				return OPTIONS_ERROR;
			s->log_chosen = true;
			break;
		case 'D':
			debug_option(optarg);
			break;
		case 'p':
			s->pid_file = optarg;
			break;
		case OPT_PROC_ROOT:
			s->proc_root_arg = optarg;
			break;
		case OPT_DUMP:
			s->dump = true;
			break;
		case 'h':
			options_usage(stdout);
			return OPTIONS_EXIT_OK;
		case 'V':
			printf("ipstack-agentx %s\n", IPSTACK_VERSION);
			return OPTIONS_EXIT_OK;
		case ':':
			fprintf(stderr,
				"ipstack-agentx: option %s needs an argument "
				"(see --help)\n",
				argv[optind - 1]);
			return OPTIONS_ERROR;
		default:
			fprintf(stderr, "ipstack-agentx: unknown option %s (see --help)\n",
				argv[optind - 1]);
			return OPTIONS_ERROR;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ipstack-agentx: unexpected argument '%s' (see --help)\n",
			argv[optind]);
		return OPTIONS_ERROR;
	}
	return OPTIONS_RUN;
}
