/* The write policy (see sysctl_policy.h). */
#include "sysctl_policy.h"

#include "grow_array.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* What IP-MIB's ipForwarding, ipDefaultTTL, ipv6IpForwarding and
 * ipv6IpDefaultHopLimit write: allowed unless denied. */
static const char *const default_allow[] = { "ip_forward", "ip_default_ttl",
					     "ipv6/conf/all/forwarding",
					     "ipv6/conf/default/hop_limit" };

bool sysctl_policy_add(struct sysctl_policy *p, bool allow, const char *pattern)
{
	char ***list = allow ? &p->allow : &p->deny;
	size_t *n = allow ? &p->nallow : &p->ndeny;
	size_t *cap = allow ? &p->allow_cap : &p->deny_cap;

	if (!grow_array((void **)list, cap, *n + 1, sizeof(**list), 8) ||
	    !((*list)[*n] = strdup(pattern)))
		return false;
	(*n)++;
	return true;
}

void sysctl_policy_free(struct sysctl_policy *p)
{
	for (size_t i = 0; i < p->nallow; i++)
		free(p->allow[i]);
	for (size_t i = 0; i < p->ndeny; i++)
		free(p->deny[i]);
	free(p->allow);
	free(p->deny);
	*p = (struct sysctl_policy){ 0 };
}

static bool matches(char *const *patterns, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (fnmatch(patterns[i], path, FNM_PATHNAME) == 0)
			return true;
	return false;
}

static bool default_allowed(const char *path)
{
	for (size_t i = 0; i < sizeof(default_allow) / sizeof(default_allow[0]); i++)
		if (!strcmp(default_allow[i], path))
			return true;
	return false;
}

bool sysctl_policy_allows(const struct sysctl_policy *p, const char *path)
{
	if (matches(p->deny, p->ndeny, path))
		return false;
	return default_allowed(path) || matches(p->allow, p->nallow, path);
}

bool sysctl_policy_allows_writes(const struct sysctl_policy *p)
{
	if (p->nallow > 0)
		return true;
	for (size_t i = 0; i < sizeof(default_allow) / sizeof(default_allow[0]); i++)
		if (!matches(p->deny, p->ndeny, default_allow[i]))
			return true;
	return false;
}

enum sysctl_policy_verdict sysctl_policy_check(const struct sysctl_policy *p, const char *path,
					       const char *const *aliases, size_t n, size_t *which)
{
	*which = n;
	if (matches(p->deny, p->ndeny, path))
		return SYSCTL_POLICY_DENIED;
	if (!sysctl_policy_allows(p, path))
		return SYSCTL_POLICY_NOT_ALLOWED;
	for (size_t i = 0; i < n; i++) {
		*which = i;
		if (matches(p->deny, p->ndeny, aliases[i]))
			return SYSCTL_POLICY_ALIAS_DENIED;
		if (!default_allowed(path) && !sysctl_policy_allows(p, aliases[i]))
			return SYSCTL_POLICY_ALIAS_NOT_ALLOWED;
	}
	*which = n;
	return SYSCTL_POLICY_ALLOW;
}
