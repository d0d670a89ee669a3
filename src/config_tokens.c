/*
 * Configuration tokens.  Each handler parses strictly into a pending copy
 * of the settings; only a read with no errors replaces the settings in
 * force, so a typo in a SIGHUP reload cannot leave the daemon half
 * reconfigured.  Errors are reported by config_perror(), which names the
 * file and line.
 */
#include "config_tokens.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define APP "ipstack-agentx"

static struct settings *live;
static struct settings pending;
static unsigned errors;

static void begin_read(void)
{
	/* Tokens absent from the file take their defaults. */
	free(pending.proc_root);
	sysctl_policy_free(&pending.policy);
	pending = (struct settings){
		.cache_ms = DEFAULT_CACHE_MS,
		.priority = DEFAULT_PRIORITY,
	};
	errors = 0;
}

static void error(const char *msg)
{
	config_perror(msg);
	errors++;
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return s && *s && errno == 0 && *end == '\0' && *out >= lo && *out <= hi;
}

static void parse_cache_lifetime(const char *token, char *line)
{
	char *end;
	double secs;

	(void)token;
	errno = 0;
	secs = strtod(line, &end);
	while (*end == ' ' || *end == '\t')
		end++;
	if (!*line || errno || *end || !(secs >= 0 && secs <= 3600))
		error("cacheLifetime: expected seconds from 0 to 3600, e.g. 1 or 0.5");
	else
		pending.cache_ms = (unsigned)lround(secs * 1000);
}

static void parse_priority(const char *token, char *line)
{
	long v;

	(void)token;
	if (!parse_long(line, 1, 126, &v))
		error("registrationPriority: expected a number from 1 to 126 "
		      "(below 127, snmpd's own modules)");
	else
		pending.priority = (int)v;
}

static void parse_proc_root(const char *token, char *line)
{
	(void)token;
	if (!*line || line[0] != '/')
		error("procRoot: expected an absolute directory path");
	else {
		free(pending.proc_root);
		pending.proc_root = strdup(line);
	}
}

/* writeAllow / writeDeny PATTERN: globs over paths below net/ipv4. */
static void parse_pattern(bool allow, char *line)
{
	if (!*line || line[0] == '/' || strchr(line, ' ') || strchr(line, '\t'))
		error(allow ? "writeAllow: expected one pattern relative to net/ipv4, e.g. tcp_*"
			    : "writeDeny: expected one pattern relative to net/ipv4, e.g. conf/*/forwarding");
	else if (!sysctl_policy_add(&pending.policy, allow, line))
		error("out of memory");
}

static void parse_write_allow(const char *token, char *line)
{
	(void)token;
	parse_pattern(true, line);
}

static void parse_write_deny(const char *token, char *line)
{
	(void)token;
	parse_pattern(false, line);
}

static void parse_allow_delete_tcb(const char *token, char *line)
{
	(void)token;
	if (!strcmp(line, "yes"))
		pending.allow_delete_tcb = true;
	else if (!strcmp(line, "no"))
		pending.allow_delete_tcb = false;
	else
		error("allowDeleteTcb: expected yes or no");
}

static int begin_cb(int major, int minor, void *server, void *client)
{
	(void)major, (void)minor, (void)server, (void)client;
	begin_read();
	return SNMPERR_SUCCESS;
}

/* Runs before the AgentX connection is opened (see config_tokens_register). */
static int commit_cb(int major, int minor, void *server, void *client)
{
	(void)major, (void)minor, (void)server, (void)client;
	if (errors) {
		snmp_log(LOG_ERR, "configuration has %u error%s; settings unchanged\n", errors,
			 errors == 1 ? "" : "s");
		return SNMPERR_SUCCESS;
	}
	free(live->proc_root);
	live->proc_root = pending.proc_root;
	pending.proc_root = NULL;
	live->cache_ms = pending.cache_ms;
	live->priority = pending.priority;
	live->allow_delete_tcb = pending.allow_delete_tcb;
	sysctl_policy_free(&live->policy);
	live->policy = pending.policy;
	pending.policy = (struct sysctl_policy){ 0 };
	return SNMPERR_SUCCESS;
}

void config_tokens_register(struct settings *s)
{
	live = s;
	begin_read();
	register_app_config_handler("cacheLifetime", parse_cache_lifetime, NULL, "SECONDS");
	register_app_config_handler("registrationPriority", parse_priority, NULL, "1-126");
	register_app_config_handler("procRoot", parse_proc_root, NULL, "DIR");
	register_app_config_handler("writeAllow", parse_write_allow, NULL, "PATTERN");
	register_app_config_handler("writeDeny", parse_write_deny, NULL, "PATTERN");
	register_app_config_handler("allowDeleteTcb", parse_allow_delete_tcb, NULL, "yes|no");
	netsnmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_PRE_READ_CONFIG, begin_cb,
				  NULL, NETSNMP_CALLBACK_HIGHEST_PRIORITY);
	netsnmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG, commit_cb,
				  NULL, NETSNMP_CALLBACK_HIGHEST_PRIORITY);
}

/*
 * Not update_config(): that re-runs the library's post-config hooks, and
 * the AgentX one tries to open a second session to the master.
 */
unsigned config_tokens_reload(const char *config_file)
{
	begin_read();
	if (config_file)
		read_config_with_type(config_file, APP);
	else
		read_config_files(NORMAL_CONFIG);
	commit_cb(0, 0, NULL, NULL);
	return errors;
}

void config_tokens_free(void)
{
	free(pending.proc_root);
	sysctl_policy_free(&pending.policy);
	pending = (struct settings){ 0 };
}

unsigned config_tokens_errors(void)
{
	return errors;
}
