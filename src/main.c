/* ipstack-agentx: an AgentX subagent for the Linux IPv4 stack. */
#include <stdio.h>

#include "daemon.h"
#include "dump.h"
#include "options.h"
#include "settings.h"

int main(int argc, char **argv)
{
	struct settings s;

	settings_defaults(&s);
	switch (options_parse(&s, argc, argv)) {
	case OPTIONS_EXIT_OK:
		return 0;
	case OPTIONS_ERROR:
		return 1;
	case OPTIONS_RUN:
		break;
	}
	if (s.dump)
		return dump_counters(settings_proc_root(&s), stdout);
	return agent_run(&s);
}
