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
	size_t nallow, allow_cap;
	char **deny;
	size_t ndeny, deny_cap;
};

bool sysctl_policy_add(struct sysctl_policy *p, bool allow, const char *pattern);
void sysctl_policy_free(struct sysctl_policy *p);
bool sysctl_policy_allows(const struct sysctl_policy *p, const char *path);
/* Some write may be allowed: a writeAllow pattern, or a default not denied. */
bool sysctl_policy_allows_writes(const struct sysctl_policy *p);

enum sysctl_policy_verdict {
	SYSCTL_POLICY_ALLOW,
	SYSCTL_POLICY_NOT_ALLOWED, /* no writeAllow names it */
	SYSCTL_POLICY_DENIED, /* a writeDeny names it */
	SYSCTL_POLICY_ALIAS_NOT_ALLOWED, /* it also changes a file no writeAllow names */
	SYSCTL_POLICY_ALIAS_DENIED, /* it also changes a file a writeDeny names */
};

/*
 * May a write of `path` happen, given the other files it changes
 * (sysctl_aliases())?  Every file it changes must be allowed and none
 * denied.  The two defaults (ip_forward, ip_default_ttl: IP-MIB's writable
 * scalars) carry the files the kernel changes with them, so that their
 * aliases need no writeAllow, yet a writeDeny of any of them still refuses.
 * On refusal *which is the alias at fault, or `n` for `path` itself.
 */
enum sysctl_policy_verdict sysctl_policy_check(const struct sysctl_policy *p, const char *path,
					       const char *const *aliases, size_t n, size_t *which);

#endif
