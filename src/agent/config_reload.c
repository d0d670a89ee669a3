/* The configuration file at run time (see config_reload.h). */
#include "config_reload.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdlib.h>

#include "agent_objects.h"
#include "config_file.h"
#include "log.h"
#include "netns_contexts.h"

const char *config_search_path(void)
{
	const char *env = getenv("SNMPCONFPATH");

	return env ? env : get_configuration_directory();
}

void config_log_error(void *ctx, const char *msg)
{
	(void)ctx;
	log_warnx("%s", msg);
}

bool config_reload(struct settings *s,
		   void (*note)(const struct config *old, const struct config *fresh))
{
	struct config fresh;
	struct config_read rd;

	if (config_file_load(&fresh, s->config_file, config_search_path(), config_log_error, NULL,
			     &rd)) {
		config_free(&fresh);
		log_warnx("configuration not re-read: %u error%s; settings unchanged", rd.errors,
			  rd.errors == 1 ? "" : "s");
		return false;
	}
	if (note)
		note(&s->conf, &fresh);
	config_free(&s->conf);
	s->conf = fresh;
	agent_objects_reconfigure();
	netns_contexts_reconfigure();
	log_notice("configuration re-read from %s: proc root %s, cache lifetime %u ms",
		   rd.files[0] ? rd.files : "no file (defaults)", settings_proc_root(s),
		   s->conf.cache_ms);
	return true;
}
