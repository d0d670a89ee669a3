/*
 * Building a connection snapshot off the main thread.
 *
 * A dump of 100k sockets and the process scan over their descriptors take
 * most of a second: done in the request that finds the snapshot expired,
 * they stall every other request (inside snmpd: every other module).  A
 * build runs in a thread of its own instead, with its own netlink socket
 * created in the namespace it entered; the main thread takes the result
 * when it is done (conn_build_take), so only the main thread ever touches
 * a snapshot that answers requests, and no net-snmp or logging call runs
 * in the builder.
 */
#ifndef IPSTACK_CONN_BUILD_H
#define IPSTACK_CONN_BUILD_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "conn_diag.h"
#include "conn_table.h"

struct conn_build {
	/* set by conn_build_start, read by the builder */
	int netns_fd; /* -1: the process's own namespace */
	char *proc_root; /* for the process scan */
	bool with_pids; /* scan /proc/PID/fd too */
	/* the builder's */
	struct conn_diag diag;
	struct conn_snapshot snap;
	int err; /* 0, a negative libnl code, or -NLE_PERM when setns failed */
	unsigned ms; /* what the build took */
	/* shared */
	pthread_t thread;
	bool running; /* started and not yet taken */
	atomic_bool done;
};

/*
 * Start a build (none may be running).  `proc_root` is copied.  False when
 * no thread could be started (the caller builds in place).
 */
bool conn_build_start(struct conn_build *b, int netns_fd, const char *proc_root, bool with_pids);
/* Whether the running build has finished (never blocks). */
bool conn_build_finished(struct conn_build *b);
/*
 * Wait for the running build to finish and swap its snapshot with `into`
 * (whose old rows become the next build's buffer).  Returns the build's
 * error code.
 */
int conn_build_take(struct conn_build *b, struct conn_snapshot *into);
/* Wait for a running build, then free everything. */
void conn_build_free(struct conn_build *b);

#endif
