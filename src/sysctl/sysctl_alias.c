/* Entries that change together (see sysctl_alias.h). */
#include "sysctl_alias.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

/*
 * "$" in a target stands for the written path's last component; `except`
 * is a path the targets do not reach.
 */
static const struct {
	const char *written;
	const char *changes[3];
	const char *except;
} rules[] = {
	{ "ip_forward", { "ip_forward", "conf/*/forwarding", "conf/all/accept_redirects" }, NULL },
	{ "conf/all/forwarding",
	  { "ip_forward", "conf/*/forwarding", "conf/all/accept_redirects" },
	  NULL },
	{ "conf/default/*", { "conf/*/$" }, NULL },
	{ "neigh/default/*", { "neigh/*/$" }, NULL },
	{ "tcp_congestion_control", { "tcp_allowed_congestion_control" }, NULL },
	{ "ipv6/conf/all/forwarding", { "ipv6/conf/*/forwarding" }, NULL },
	{ "ipv6/conf/all/disable_ipv6", { "ipv6/conf/*/disable_ipv6" }, NULL },
	{ "ipv6/conf/all/addr_gen_mode", { "ipv6/conf/*/addr_gen_mode" }, NULL },
	{ "ipv6/conf/all/ignore_routes_with_linkdown",
	  { "ipv6/conf/*/ignore_routes_with_linkdown" },
	  NULL },
	{ "ipv6/conf/all/force_forwarding",
	  { "ipv6/conf/*/force_forwarding" },
	  "ipv6/conf/default/force_forwarding" },
	{ "ipv6/neigh/default/*", { "ipv6/neigh/*/$" }, NULL },
};

static size_t each_match(struct sysctl_tree *t, const char *path, const char *target,
			 const char *except, void (*fn)(void *ctx, struct sysctl_entry *e),
			 void *ctx)
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
		if (strcmp(e->path, path) && (!except || strcmp(e->path, except)) &&
		    fnmatch(pattern, e->path, FNM_PATHNAME) == 0) {
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
			n += each_match(t, path, rules[r].changes[k], rules[r].except, fn, ctx);
	}
	return n;
}
