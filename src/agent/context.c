/* SNMP contexts (see context.h). */
#include "context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn_diag.h"
#include "conn_table.h"
#include "ipif.h"
#include "log.h"
#include "neigh.h"
#include "route.h"
#include "sysctl_agent.h"
#include "table_waits.h"
#include "tunable_notify.h"

const struct table_source *const context_sources[SOURCES] = {
	[SOURCE_CONN] = &conn_source,
	[SOURCE_IPIF] = &ipif_source,
	[SOURCE_NEIGH] = &neigh_source,
	[SOURCE_ROUTE] = &route_source,
};

static struct context_config config;
static char *config_root; /* config.proc_root's storage */
static struct context *contexts; /* the default one is last */

/*
 * A context nobody asked for IDLE_LIFETIMES cache lifetimes (and at least
 * IDLE_MIN_MS) gives back what it read (up to a megabyte with the private
 * tables' view), so that a daemon serving a hundred namespaces holds only
 * those being polled.
 */
#define IDLE_LIFETIMES 2
#define IDLE_MIN_MS 2000

struct context *context_default(void)
{
	struct context *c = contexts;

	while (c && c->next)
		c = c->next;
	return c;
}

struct context *context_first(void)
{
	return contexts;
}

const struct context_config *context_config(void)
{
	return &config;
}

static void store_log(void *ctx, const char *file, unsigned line, const char *what)
{
	const struct context *c = ctx;

	if (line)
		log_warnx("%s/%s%s line %u: %s", c->store.proc_root, file, log_in_context(c->name),
			  line, what);
	else
		log_warnx("%s/%s%s: %s", c->store.proc_root, file, log_in_context(c->name), what);
}

/* A build's outcome changed, for the log. */
static void table_report(void *ctx, const struct table_source *src, const char *error)
{
	const struct context *c = ctx;

	if (error)
		log_warnx("%s%s: %s; serving no rows", src->name, log_in_context(c->name), error);
	else
		log_notice("%s%s: reading works again", src->name, log_in_context(c->name));
}

static void configure(struct context *c)
{
	counter_store_configure(&c->store, config.proc_root, config.cache_ms);
	sysctl_ns_configure(c->sysctl);
	for (int s = 0; s < SOURCES; s++)
		table_set_configure(c->tables[s], config.proc_root, config.cache_ms);
	c->views[0].built = c->views[1].built = false;
}

struct context *context_new(const char *name, int netns_fd)
{
	struct context *c = calloc(1, sizeof(*c));

	if (!c || !(c->name = strdup(name)))
		goto fail;
	c->netns_fd = netns_fd;
	/* nothing is read until the context is asked */
	counter_store_init(&c->store, config.proc_root, config.cache_ms, store_log, c);
	c->store.netns_fd = netns_fd;
	if (!(c->sysctl = sysctl_ns_new(c)))
		goto fail;
	for (int s = 0; s < SOURCES; s++)
		if (!(c->tables[s] = table_set_new(context_sources[s], netns_fd, table_report, c)))
			goto fail;
	configure(c);
	c->next = contexts;
	contexts = c;
	return c;
fail:
	log_warnx("context '%s': out of memory", name);
	if (c) {
		c->next = NULL;
		contexts = c; /* context_free unlinks it again */
		context_free(c);
	}
	return NULL;
}

void context_free(struct context *c)
{
	struct context **p = &contexts;

	while (*p && *p != c)
		p = &(*p)->next;
	if (*p)
		*p = c->next;
	table_waits_drop(c); /* what waited for its rows ends (genErr) */
	tunable_notify_free(c->notify);
	mib_view_free(&c->views[0]);
	mib_view_free(&c->views[1]);
	counter_store_free(&c->store);
	sysctl_ns_free(c->sysctl);
	for (int s = 0; s < SOURCES; s++)
		table_set_free(c->tables[s]);
	if (c->destroyer) {
		conn_diag_close(c->destroyer);
		free(c->destroyer);
	}
	free(c->name);
	free(c);
}

static void set_config(const struct context_config *cfg)
{
	char *root = strdup(cfg->proc_root);

	if (!root)
		return; /* keep the old settings */
	free(config_root);
	config = *cfg;
	config.proc_root = config_root = root;
}

bool context_init(const struct context_config *cfg)
{
	set_config(cfg);
	return context_new("", -1) != NULL;
}

void context_configure_all(const struct context_config *cfg)
{
	set_config(cfg);
	for (struct context *c = contexts; c; c = c->next)
		configure(c);
}

void context_shutdown(void)
{
	while (contexts)
		context_free(contexts);
	free(config_root);
	config_root = NULL;
	config = (struct context_config){ 0 };
}

void context_touch(struct context *c)
{
	c->used_ms = monotonic_ms();
}

/* In use since `since`: asked, a build running, requests waiting. */
static bool in_use(const struct context *c, uint64_t since)
{
	if (c->used_ms >= since || table_waits_pending(c))
		return true;
	for (int s = 0; s < SOURCES; s++)
		if (table_set_in_use(c->tables[s], since))
			return true;
	return false;
}

void context_release_idle(uint64_t now)
{
	uint64_t idle = (uint64_t)config.cache_ms * IDLE_LIFETIMES;

	if (idle < IDLE_MIN_MS)
		idle = IDLE_MIN_MS;
	if (now < idle)
		return;
	for (struct context *c = contexts; c; c = c->next) {
		if (!*c->name || in_use(c, now - idle))
			continue;
		if (c->store.loaded) {
			mib_view_free(&c->views[0]);
			mib_view_free(&c->views[1]);
			counter_store_invalidate(&c->store);
		}
		for (int s = 0; s < SOURCES; s++)
			table_set_release(c->tables[s]);
		DEBUGMSGTL(("ipstack/contexts", "context '%s': idle, released\n", c->name));
	}
}
