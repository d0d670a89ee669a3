/* Defaults, in this one place, and which source of a setting wins. */
#include "settings.h"

#include <stddef.h>
#include <stdlib.h>

void config_defaults(struct config *c)
{
	*c = (struct config){
		.cache_ms = DEFAULT_CACHE_MS,
		.priority = DEFAULT_PRIORITY,
		.ping_interval = DEFAULT_PING_INTERVAL,
		.agentx_timeout = DEFAULT_AGENTX_TIMEOUT,
		.agentx_retries = DEFAULT_AGENTX_RETRIES,
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

void config_free(struct config *c)
{
	sysctl_policy_free(&c->policy);
	free(c->proc_root);
	free(c->agentx_socket);
	config_defaults(c);
}

void settings_free(struct settings *s)
{
	config_free(&s->conf);
}
