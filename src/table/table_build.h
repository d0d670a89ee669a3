/*
 * One build of a snapshot in a thread of its own (see table_set.h): the
 * thread enters the namespace (setns moves that thread alone), runs the
 * source's build into a snapshot and a builder it was handed, and signals
 * the process's wake descriptor.  Only the main thread starts, takes and
 * abandons builds; the builder thread touches nothing but its build, and
 * calls no net-snmp or logging function.  A build is joined only once it
 * has signalled (by table_set_collect, from the main loop) or at shutdown.
 */
#ifndef IPSTACK_TABLE_BUILD_H
#define IPSTACK_TABLE_BUILD_H

#include <stdbool.h>

#include "table_set.h"

struct table_build;

/* What a finished build hands back. */
struct table_build_result {
	void *snap;
	void *builder;
	unsigned flags;
	int err; /* the source's: 0 or negative */
	int netns_err; /* errno of entering the namespace, 0 */
	unsigned ms; /* what it took */
};

/*
 * Start building into `snap` with `builder` (both the build's until it is
 * taken) inside `netns_fd` (-1: the process's own; duplicated: the caller
 * may close its own), with `flags`.  NULL when no thread could be started
 * (`snap` and `builder` stay the caller's).
 */
struct table_build *table_build_start(const struct table_source *src, void *snap, void *builder,
				      int netns_fd, unsigned flags, const char *proc_root);
/* Whether it has finished (never blocks). */
bool table_build_done(struct table_build *b);
/* Take a finished build (joins its thread, which has signalled) and free it. */
struct table_build_result table_build_take(struct table_build *b);
/* Its set goes away: it is freed, with what it built, once it is done. */
void table_build_abandon(struct table_build *b);

#endif
