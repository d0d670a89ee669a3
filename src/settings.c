/* Defaults, and which source of a setting wins. */
#include "settings.h"

#include <stddef.h>
#include <stdlib.h>

void settings_defaults(struct settings *s)
{
	*s = (struct settings){
		.cache_ms = DEFAULT_CACHE_MS,
		.priority = DEFAULT_PRIORITY,
	};
}

const char *settings_proc_root(const struct settings *s)
{
	if (s->proc_root_arg)
		return s->proc_root_arg;
	return s->proc_root ? s->proc_root : DEFAULT_PROC_ROOT;
}

void settings_free(struct settings *s)
{
	sysctl_policy_free(&s->policy);
	free(s->proc_root);
	s->proc_root = NULL;
}
