/* Building a connection snapshot off the main thread (see conn_build.h). */
#include "conn_build.h"

#include <stdlib.h>
#include <string.h>

#include "cache_rule.h"

#ifdef IPSTACK_TEST_HOOKS
#include <unistd.h>

/*
 * IPSTACK_TEST_STALL_BUILD=SECONDS: every build but the first sleeps that
 * long (the first too with IPSTACK_TEST_STALL_FIRST_BUILD set), so that a
 * test can ask while one runs (--enable-test-hooks only).
 */
static void test_stall(void)
{
	static atomic_uint builds;
	const char *secs = getenv("IPSTACK_TEST_STALL_BUILD");

	if (secs && (atomic_fetch_add(&builds, 1) > 0 || getenv("IPSTACK_TEST_STALL_FIRST_BUILD")))
		sleep((unsigned)atoi(secs));
}
#else
#define test_stall() ((void)0)
#endif

static void *build(void *arg)
{
	struct conn_build *b = arg;
	uint64_t t0 = monotonic_ms();

	test_stall();
	/* setns() moves this thread alone */
	b->err = conn_diag_dump_in(&b->diag, &b->snap, b->netns_fd);
	if (!b->err && b->with_pids)
		conn_pids_fill(&b->snap, b->proc_root);
	b->ms = (unsigned)(monotonic_ms() - t0);
	b->snap.refresh_ms = b->ms;
	atomic_store(&b->done, true);
	return NULL;
}

bool conn_build_start(struct conn_build *b, int netns_fd, const char *proc_root, bool with_pids)
{
	char *root = strdup(proc_root);

	if (!root)
		return false;
	free(b->proc_root);
	b->proc_root = root;
	b->netns_fd = netns_fd;
	b->with_pids = with_pids;
	atomic_store(&b->done, false);
	if (pthread_create(&b->thread, NULL, build, b) != 0)
		return false;
	b->running = true;
	return true;
}

bool conn_build_finished(struct conn_build *b)
{
	return b->running && atomic_load(&b->done);
}

int conn_build_take(struct conn_build *b, struct conn_snapshot *into)
{
	struct conn_snapshot t;

	if (!b->running)
		return 0;
	pthread_join(b->thread, NULL);
	b->running = false;
	t = *into;
	*into = b->snap;
	b->snap = t;
	return b->err;
}

void conn_build_free(struct conn_build *b)
{
	if (b->running) {
		pthread_join(b->thread, NULL);
		b->running = false;
	}
	conn_snapshot_free(&b->snap);
	conn_diag_close(&b->diag);
	free(b->proc_root);
	b->proc_root = NULL;
}
