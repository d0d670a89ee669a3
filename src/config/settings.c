/* Defaults, in this one place, and which source of a setting wins. */
#include "settings.h"

#include <fnmatch.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void config_defaults(struct config *c)
{
	*c = (struct config){
		.cache_ms = DEFAULT_CACHE_MS,
		.priority = DEFAULT_PRIORITY,
		.ping_interval = DEFAULT_PING_INTERVAL,
		.agentx_timeout = DEFAULT_AGENTX_TIMEOUT,
		.agentx_retries = DEFAULT_AGENTX_RETRIES,
		.tunable_poll_s = DEFAULT_TUNABLE_POLL_S,
	};
}

void settings_defaults(struct settings *s)
{
	*s = (struct settings){ 0 };
	config_defaults(&s->conf);
}

const char *settings_proc_root(const struct settings *s)
{
	if (s->proc_root_arg)
		return s->proc_root_arg;
	return s->conf.proc_root ? s->conf.proc_root : DEFAULT_PROC_ROOT;
}

const char *settings_master(const struct settings *s)
{
	return s->master ? s->master : s->conf.agentx_socket;
}

bool name_list_add(struct name_list *l, const char *s)
{
	char **v = realloc(l->v, (l->n + 1) * sizeof(*v));
	char *copy = strdup(s);

	if (v)
		l->v = v;
	if (!v || !copy) {
		free(copy);
		return false;
	}
	v[l->n++] = copy;
	return true;
}

bool name_list_has(const struct name_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

void name_list_free(struct name_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	*l = (struct name_list){ 0 };
}

bool config_netns_wanted(const struct config *c)
{
	return c->netns_all || c->netns_names.n > 0;
}

bool config_netns_chosen(const struct config *c, const char *name)
{
	if (c->netns_all)
		return true;
	for (size_t i = 0; i < c->netns_names.n; i++)
		if (fnmatch(c->netns_names.v[i], name, FNM_PERIOD) == 0)
			return true;
	return false;
}

void config_free(struct config *c)
{
	name_list_free(&c->netns_dirs);
	name_list_free(&c->netns_names);
	sysctl_policy_free(&c->policy);
	free(c->proc_root);
	free(c->agentx_socket);
	free(c->persist_file);
	config_defaults(c);
}

void settings_free(struct settings *s)
{
	config_free(&s->conf);
}
