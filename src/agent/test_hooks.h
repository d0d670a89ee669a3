/*
 * Hooks for tests that need the daemon to pause at a given point, built
 * only with ./configure --enable-test-hooks (tools/test.sh does); in any
 * other build they are empty and nothing reads their environment.
 */
#ifndef IPSTACK_TEST_HOOKS_H
#define IPSTACK_TEST_HOOKS_H

#include <stdbool.h>

#ifdef IPSTACK_TEST_HOOKS
/*
 * IPSTACK_TEST_STALL_PHASE=ACTION (or RESERVE1, RESERVE2, COMMIT, UNDO,
 * FREE) makes that SET phase sleep IPSTACK_TEST_STALL_SECONDS (3) after its
 * first varbind, so that a test can kill the master or send SIGHUP there.
 */
void test_hook_set_phase(int mode, bool first_varbind);
#else
static inline void test_hook_set_phase(int mode, bool first_varbind)
{
	(void)mode, (void)first_varbind;
}
#endif

#endif
