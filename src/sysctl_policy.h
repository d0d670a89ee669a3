/*
 * Which tunables SNMP may write: denied by default except ip_forward and
 * ip_default_ttl; writeAllow PATTERN adds, writeDeny PATTERN removes
 * (globs over paths below net/ipv4, '*' not crossing '/').
 */
#ifndef IPSTACK_SYSCTL_POLICY_H
#define IPSTACK_SYSCTL_POLICY_H

#include <stdbool.h>
#include <stddef.h>

struct sysctl_policy {
	char **allow;
	size_t nallow;
	char **deny;
	size_t ndeny;
};

bool sysctl_policy_add(struct sysctl_policy *p, bool allow, const char *pattern);
void sysctl_policy_free(struct sysctl_policy *p);
bool sysctl_policy_allows(const struct sysctl_policy *p, const char *path);

#endif
