/* Writes we may not make (see privileges.h). */
#include "privileges.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

/* CAP_NET_ADMIN in our effective set (capability 12 of CapEff). */
static bool may_admin_network(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long long caps = 0;
	bool found = false;

	if (!f)
		return true; /* cannot tell: say nothing */
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "CapEff: %llx", &caps) == 1;
	fclose(f);
	return !found || (caps >> 12) & 1;
}

/* A fixture tree needs no privilege: only the live /proc is checked. */
void privileges_warn(const struct settings *s)
{
	static const char *const defaults[] = { "ip_forward", "ip_default_ttl",
						"ipv6/conf/all/forwarding",
						"ipv6/conf/default/hop_limit" };
	const struct sysctl_policy *p = &s->conf.policy;
	bool writes = p->nallow > 0 || s->conf.allow_delete_tcb;

	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		writes = writes || sysctl_policy_allows(p, defaults[i]);
	if (writes && !strcmp(settings_proc_root(s), "/proc") && !may_admin_network())
		log_notice("SETs of tunables%s will be refused: this process lacks CAP_NET_ADMIN "
			   "(reads are not affected; see the README for the systemd unit)",
			   s->conf.allow_delete_tcb ? " and deleteTCB" : "");
}
