/* Hooks for tests (see test_hooks.h); empty without --enable-test-hooks. */
#include "test_hooks.h"

#ifdef IPSTACK_TEST_HOOKS
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static const char *phase_name(int mode)
{
	switch (mode) {
	case MODE_SET_RESERVE1:
		return "RESERVE1";
	case MODE_SET_RESERVE2:
		return "RESERVE2";
	case MODE_SET_ACTION:
		return "ACTION";
	case MODE_SET_COMMIT:
		return "COMMIT";
	case MODE_SET_UNDO:
		return "UNDO";
	default:
		return "FREE";
	}
}

void test_hook_set_phase(int mode, bool first_varbind)
{
	const char *phase = getenv("IPSTACK_TEST_STALL_PHASE");
	const char *secs = getenv("IPSTACK_TEST_STALL_SECONDS");
	unsigned seconds = secs ? (unsigned)atoi(secs) : 3;

	if (!first_varbind || !phase || strcmp(phase, phase_name(mode)))
		return;
	log_notice("test: stalling SET phase %s for %u s", phase, seconds);
	sleep(seconds);
	log_notice("test: SET phase %s goes on", phase);
}
#endif
