/* Entries that change together (see sysctl_alias.h). */
#include "sysctl_alias.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

/* "$" in a target stands for the written path's last component. */
static const struct {
	const char *written;
	const char *changes[3];
} rules[] = {
	{ "ip_forward", { "ip_forward", "conf/*/forwarding", "conf/all/accept_redirects" } },
	{ "conf/all/forwarding",
	  { "ip_forward", "conf/*/forwarding", "conf/all/accept_redirects" } },
	{ "conf/default/*", { "conf/*/$" } },
	{ "neigh/default/*", { "neigh/*/$" } },
	{ "tcp_congestion_control", { "tcp_allowed_congestion_control" } },
	{ "ipv6/conf/all/forwarding", { "ipv6/conf/*/forwarding" } },
};

static size_t each_match(struct sysctl_tree *t, const char *path, const char *target,
			 void (*fn)(void *ctx, struct sysctl_entry *e), void *ctx)
{
	const char *last = strrchr(path, '/');
	char pattern[SYSCTL_PATH_MAX * 2 + 8];
	const char *dollar = strchr(target, '$');
	size_t n = 0;

	if (dollar)
		snprintf(pattern, sizeof(pattern), "%.*s%s", (int)(dollar - target), target,
			 last ? last + 1 : path);
	else
		snprintf(pattern, sizeof(pattern), "%s", target);
	for (size_t i = 0; i < t->n; i++) {
		struct sysctl_entry *e = &t->entries[i];
		if (strcmp(e->path, path) && fnmatch(pattern, e->path, FNM_PATHNAME) == 0) {
			fn(ctx, e);
			n++;
		}
	}
	return n;
}

size_t sysctl_aliases(struct sysctl_tree *t, const char *path,
		      void (*fn)(void *ctx, struct sysctl_entry *e), void *ctx)
{
	size_t n = 0;

	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		if (fnmatch(rules[r].written, path, FNM_PATHNAME))
			continue;
		for (size_t k = 0; k < 3 && rules[r].changes[k]; k++)
			n += each_match(t, path, rules[r].changes[k], fn, ctx);
	}
	return n;
}
