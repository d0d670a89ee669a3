/*
 * Network namespaces as SNMP contexts (see netns_contexts.h).
 *
 * Every event of a watched directory leads to one scan of all of them,
 * compared with what is registered: a new namespace file registers its
 * context, a vanished or replaced one unregisters it.  iproute2 creates
 * the file first and bind-mounts the namespace on it a moment later, with
 * no event for the mount: so after an event the directories are scanned
 * again every SETTLE_STEP_MS for SETTLE_MS, and a file that is still no
 * namespace after that is logged and skipped.
 */
#include "netns_contexts.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "agent_objects.h"
#include "counter_store.h"
#include "log.h"
#include "netns.h"
#include "set_txn.h"
#include "text_escape.h"

#define SETTLE_MS 1000
#define SETTLE_STEP_MS 100

struct ns_context {
	char *name; /* the SNMP context: the file's name */
	char *path;
	struct netns_file ns;
	struct context *objects;
	bool seen; /* found by the current scan */
};

static struct settings *settings;
static struct ns_context *list;
static size_t nlist;
static int inotify_fd = -1;
static unsigned settle_alarm, scan_alarm;
static uint64_t settle_until;
/* A context to drop waits while a SET is between its phases: its journal
 * points into the context's tunables. */
static bool drop_waiting;
/* What the previous scan logged as skipped, so each problem logs once. */
static struct name_list reported, reporting;

static const char *const default_dirs[] = { DEFAULT_NETNS_DIR };

static size_t dir_count(void)
{
	return settings->conf.netns_dirs.n ? settings->conf.netns_dirs.n : 1;
}

static const char *dir_at(size_t i)
{
	return settings->conf.netns_dirs.n ? settings->conf.netns_dirs.v[i] : default_dirs[0];
}

static void skip(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A problem with `key`, logged the first time a scan meets it. */
static void skip(const char *key, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (name_list_has(&reporting, key))
		return;
	if (!name_list_has(&reported, key)) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		log_notice("%s", msg);
	}
	name_list_add(&reporting, key);
}

static struct ns_context *find(const char *name)
{
	for (size_t i = 0; i < nlist; i++)
		if (!strcmp(list[i].name, name))
			return &list[i];
	return NULL;
}

static void drop(struct ns_context *c, const char *why)
{
	if (c->objects)
		agent_objects_context_remove(c->objects);
	/* said once the master has been told: a reader of the log may rely on it */
	log_info("context '%s' unregistered: %s", c->name, why);
	netns_close(&c->ns);
	free(c->name);
	free(c->path);
	*c = list[--nlist];
}

static void add(const char *name, const char *path, struct netns_file *ns)
{
	struct ns_context *grown = realloc(list, (nlist + 1) * sizeof(*list));
	struct ns_context *c;

	if (!grown) {
		netns_close(ns);
		return;
	}
	list = grown;
	c = &list[nlist];
	*c = (struct ns_context){ .name = strdup(name), .path = strdup(path), .ns = *ns };
	if (!c->name || !c->path || !(c->objects = agent_objects_context_add(name, ns->fd))) {
		free(c->name);
		free(c->path);
		netns_close(ns);
		return;
	}
	c->seen = true;
	nlist++;
	log_info("context '%s' registered: network namespace %s", name, path);
}

static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

static void found(void *ctx, const char *dir, const char *name)
{
	struct ns_context *c = find(name);
	struct netns_file ns;
	char path[4096], shown[TEXT_ESCAPE_BUF];
	int err;

	(void)ctx;
	if (!config_netns_chosen(&settings->conf, name))
		return;
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return;
	if (!printable(name)) { /* it would name a context and go into log lines */
		skip(path, "%s/%s: a name with control characters; skipped", dir,
		     text_escape(name, strlen(name), shown));
		return;
	}
	if (strlen(name) > SNMP_CONTEXT_NAME_MAX) {
		skip(path, "%s: name longer than 32 characters (an SNMP context name); skipped",
		     path);
		return;
	}
	if (c && c->seen) { /* the same name in an earlier directory */
		skip(path, "%s: context '%s' is served from an earlier netnsDir; skipped", path,
		     name);
		return;
	}
	if ((err = netns_open(path, &ns)) != 0) {
		if (err == ELOOP)
			skip(path,
			     "%s: a symbolic link; skipped (a context is a namespace file "
			     "of netnsDir itself, never one a link points to)",
			     path);
		else if (err != NETNS_NOT_NET)
			skip(path, "%s: cannot open: %s; skipped", path, strerror(err));
		else if (monotonic_ms() >= settle_until)
			skip(path, "%s: not a network namespace; skipped", path);
		return;
	}
	if (c && (c->ns.id == ns.id || set_txn_in_progress())) {
		drop_waiting |= c->ns.id != ns.id;
		c->seen = true;
		netns_close(&ns);
		return;
	}
	if (c)
		drop(c, "its file now holds another namespace");
	add(name, path, &ns);
}

/* Watch the directories; one that does not exist yet, through its parent. */
static void watch_dirs(void)
{
	const uint32_t mask = IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE |
		IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

	for (size_t i = 0; i < dir_count(); i++) {
		char parent[4096];
		char *slash;

		if (inotify_add_watch(inotify_fd, dir_at(i), mask) >= 0 || errno != ENOENT)
			continue;
		snprintf(parent, sizeof(parent), "%s", dir_at(i));
		if ((slash = strrchr(parent, '/')) && slash != parent)
			*slash = '\0';
		else
			parent[1] = '\0';
		inotify_add_watch(inotify_fd, parent, mask);
	}
}

static void scan(void)
{
	drop_waiting = false;
	for (size_t i = 0; i < nlist; i++)
		list[i].seen = false;
	for (size_t i = 0; i < dir_count(); i++) {
		int err = netns_dir_list(dir_at(i), found, NULL);
		if (err)
			skip(dir_at(i), "netnsDir %s: %s; watching for it", dir_at(i),
			     strerror(err));
	}
	for (size_t i = nlist; i-- > 0;) {
		if (list[i].seen)
			continue;
		if (set_txn_in_progress())
			drop_waiting = true;
		else
			drop(&list[i], "its namespace file is gone");
	}
	name_list_free(&reported);
	reported = reporting;
	reporting = (struct name_list){ 0 };
}

static void settle(unsigned int reg, void *arg);

/* The scan after an event (see changed()), then the settling ones. */
static void scan_soon(unsigned int reg, void *arg)
{
	struct timeval step = { 0, SETTLE_STEP_MS * 1000 };

	(void)reg, (void)arg;
	scan_alarm = 0;
	watch_dirs(); /* a directory may have just been created */
	scan();
	if (!settle_alarm)
		settle_alarm = snmp_alarm_register_hr(step, SA_REPEAT, settle, NULL);
}

static void settle(unsigned int reg, void *arg)
{
	(void)reg, (void)arg;
	if (monotonic_ms() >= settle_until && !drop_waiting) {
		snmp_alarm_unregister(settle_alarm);
		settle_alarm = 0;
	}
	scan();
}

/*
 * An event: scan now and then every SETTLE_STEP_MS for SETTLE_MS.  Not
 * from here, though: this runs inside net-snmp's dispatch of readable
 * descriptors, and registering a context is a synchronous exchange with
 * the master whose inner loop reads the sockets of that very fd set; back
 * here, net-snmp would read them again and block for good.  The scan runs
 * from an alarm, due at once, which the main loop (ours or snmpd's) runs
 * after the descriptors are done with.
 */
static void changed(int fd, void *data)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));

	(void)data;
	while (read(fd, buf, sizeof(buf)) > 0)
		; /* which file does not matter: the scan compares all */
	settle_until = monotonic_ms() + SETTLE_MS;
	if (!scan_alarm)
		scan_alarm = snmp_alarm_register_hr((struct timeval){ 0, 0 }, 0, scan_soon, NULL);
}

/* At start and on SIGHUP: a drop that must wait is retried like an event's. */
static void scan_now(void)
{
	struct timeval step = { 0, SETTLE_STEP_MS * 1000 };

	scan();
	if (drop_waiting && !settle_alarm)
		settle_alarm = snmp_alarm_register_hr(step, SA_REPEAT, settle, NULL);
}

static void stop_watching(void)
{
	if (settle_alarm)
		snmp_alarm_unregister(settle_alarm);
	if (scan_alarm)
		snmp_alarm_unregister(scan_alarm);
	settle_alarm = scan_alarm = 0;
	if (inotify_fd >= 0) {
		unregister_readfd(inotify_fd);
		close(inotify_fd);
	}
	inotify_fd = -1;
}

static void drop_all(const char *why)
{
	while (nlist > 0)
		drop(&list[nlist - 1], why);
	free(list);
	list = NULL;
	name_list_free(&reported);
}

/* Namespaces cannot be entered (errno `err`): say so, serve the default context only. */
static void contexts_off(int err)
{
	log_warnx("netnsContexts: network namespace contexts are off: entering a namespace "
		  "needs CAP_SYS_ADMIN (%s); serving the default context only",
		  strerror(err));
	stop_watching();
	drop_all("namespaces cannot be entered");
}

static void apply(void)
{
	int err;

	stop_watching();
	if (!config_netns_wanted(&settings->conf)) {
		drop_all("netnsContexts is none");
		return;
	}
	if (!netns_available() && (err = netns_home_init())) {
		contexts_off(err);
		return;
	}
	inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (inotify_fd < 0)
		log_warnx("netnsDir: no inotify (%s): namespaces are found at start and on "
			  "SIGHUP only",
			  strerror(errno));
	else {
		watch_dirs();
		register_readfd(inotify_fd, changed, NULL);
	}
	settle_until = 0;
	scan_now();
}

void netns_contexts_start(struct settings *s)
{
	settings = s;
	apply();
}

void netns_contexts_reconfigure(void)
{
	if (settings)
		apply();
}

void netns_contexts_recheck(void)
{
	int err;

	if (settings && nlist && (err = netns_enter_home_check()))
		contexts_off(err);
}

void netns_contexts_stop(void)
{
	stop_watching();
	drop_all("stopping");
	netns_home_close();
	settings = NULL;
}
