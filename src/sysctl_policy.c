/* The write policy (see sysctl_policy.h). */
#include "sysctl_policy.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* What IP-MIB's ipForwarding and ipDefaultTTL write: allowed unless denied. */
static const char *const default_allow[] = { "ip_forward", "ip_default_ttl" };

bool sysctl_policy_add(struct sysctl_policy *p, bool allow, const char *pattern)
{
	char ***list = allow ? &p->allow : &p->deny;
	size_t *n = allow ? &p->nallow : &p->ndeny;
	char **grown = realloc(*list, (*n + 1) * sizeof(**list));

	if (!grown)
		return false;
	*list = grown;
	grown[*n] = strdup(pattern);
	if (!grown[*n])
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

bool sysctl_policy_allows(const struct sysctl_policy *p, const char *path)
{
	if (matches(p->deny, p->ndeny, path))
		return false;
	for (size_t i = 0; i < sizeof(default_allow) / sizeof(default_allow[0]); i++)
		if (!strcmp(default_allow[i], path))
			return true;
	return matches(p->allow, p->nallow, path);
}
