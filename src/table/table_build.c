/* Builds in threads of their own, and the wake descriptor (see table_build.h). */
#include "table_build.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "cache_rule.h"

struct table_build {
	const struct table_source *src;
	int netns_fd; /* our own duplicate, or -1 */
	char *proc_root;
	pthread_t thread;
	atomic_bool done;
	struct table_build_result result;
	struct table_build *next_orphan;
};

/* The eventfd finished builds signal; created with the first build. */
static int wake_fd = -1;
/* Builds whose set went away, joined and freed once done (main thread). */
static struct table_build *orphans;

#ifdef IPSTACK_TEST_HOOKS
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

static void *run(void *arg)
{
	struct table_build *b = arg;
	uint64_t t0 = monotonic_ms(), one = 1;

	test_stall();
	if (b->netns_fd >= 0 && setns(b->netns_fd, CLONE_NEWNET) != 0)
		b->result.netns_err = errno;
	else
		b->result.err = b->src->build(b->result.builder, b->result.snap, b->result.flags,
					      b->proc_root);
	b->result.ms = (unsigned)(monotonic_ms() - t0);
	atomic_store(&b->done, true);
	/* the last thing: the main loop may take the build at once */
	if (write(wake_fd, &one, sizeof(one)) < 0) {
		/* full (2^64 - 2 unread wakes) cannot happen; nothing to do */
	}
	return NULL;
}

static void build_free(struct table_build *b)
{
	if (b->netns_fd >= 0)
		close(b->netns_fd);
	free(b->proc_root);
	free(b);
}

struct table_build *table_build_start(const struct table_source *src, void *snap, void *builder,
				      int netns_fd, unsigned flags, const char *proc_root)
{
	struct table_build *b;

	if (table_wake_fd() < 0)
		return NULL;
	if (!(b = calloc(1, sizeof(*b))))
		return NULL;
	b->src = src;
	b->netns_fd = netns_fd >= 0 ? fcntl(netns_fd, F_DUPFD_CLOEXEC, 0) : -1;
	b->proc_root = strdup(proc_root ? proc_root : "/proc");
	b->result = (struct table_build_result){ .snap = snap, .builder = builder, .flags = flags };
	if ((netns_fd >= 0 && b->netns_fd < 0) || !b->proc_root ||
	    pthread_create(&b->thread, NULL, run, b) != 0) {
		build_free(b);
		return NULL;
	}
	return b;
}

bool table_build_done(struct table_build *b)
{
	return atomic_load(&b->done);
}

struct table_build_result table_build_take(struct table_build *b)
{
	struct table_build_result r;

	pthread_join(b->thread, NULL);
	r = b->result;
	build_free(b);
	return r;
}

/* Join and free a build nobody will take, with what it built. */
static void discard(struct table_build *b)
{
	const struct table_source *src = b->src;
	struct table_build_result r = table_build_take(b);

	if (r.snap)
		src->snapshot_free(r.snap);
	if (r.builder)
		src->builder_free(r.builder);
}

void table_build_abandon(struct table_build *b)
{
	b->next_orphan = orphans;
	orphans = b;
}

/* Free the orphans that are done; with `wait`, all of them. */
static void reap(bool wait)
{
	struct table_build **p = &orphans;

	while (*p) {
		struct table_build *b = *p;

		if (!wait && !table_build_done(b)) {
			p = &b->next_orphan;
			continue;
		}
		*p = b->next_orphan;
		discard(b);
	}
}

int table_wake_fd(void)
{
	if (wake_fd < 0)
		wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	return wake_fd;
}

void table_wake_drain(void)
{
	uint64_t n;

	if (wake_fd >= 0)
		while (read(wake_fd, &n, sizeof(n)) > 0)
			;
	reap(false);
}

void table_engine_shutdown(void)
{
	reap(true);
	if (wake_fd >= 0)
		close(wake_fd);
	wake_fd = -1;
}
