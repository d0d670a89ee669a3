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
	bool writes = sysctl_policy_allows_writes(&s->conf.policy) || s->conf.allow_delete_tcb;

	if (writes && !strcmp(settings_proc_root(s), "/proc") && !may_admin_network())
		log_warnx("SETs of tunables%s will be refused: this process lacks CAP_NET_ADMIN "
			  "(reads are not affected; the README says how to grant it)",
			  s->conf.allow_delete_tcb ? " and deleteTCB" : "");
}
