/* Requests that wait for a build (see table_waits.h). */
#include "table_waits.h"

#include <stdlib.h>

#include "context.h"
#include "log.h"
#include "netsnmp_internals.h"
#include "table_set.h"

struct waiting {
	netsnmp_delegated_cache *dc;
	table_retry_fn retry;
	int mode; /* the mode the handler was called with */
	const struct context *owner;
	struct waiting *next;
};

static struct waiting *waiting;
static int watched_fd = -1;

/* Answered (or dropped): net-snmp may finish the request. */
static void release(netsnmp_request_info *requests)
{
	for (netsnmp_request_info *r = requests; r; r = r->next)
		r->delegated = 0;
}

/* One retry, with the mode the handler first saw. */
static bool try_one(struct waiting *w)
{
	netsnmp_delegated_cache *dc = w->dc;
	int mode = dc->reqinfo->mode;
	bool done;

	dc->reqinfo->mode = w->mode;
	done = w->retry(dc->handler, dc->reginfo, dc->reqinfo, dc->requests);
	dc->reqinfo->mode = mode;
	if (!done)
		return false;
	if (mode == MODE_GETBULK && w->mode == MODE_GETNEXT)
		ns_bulk_to_next_answered(dc->requests);
	release(dc->requests);
	return true;
}

static void forget(struct waiting **p)
{
	struct waiting *w = *p;

	*p = w->next;
	netsnmp_free_delegated_cache(w->dc);
	free(w);
}

void table_waits_wake(void)
{
	struct waiting **p = &waiting;

	table_wake_drain();
	for (struct context *c = context_first(); c; c = c->next)
		for (int s = 0; s < SOURCES; s++)
			if (table_set_collect(c->tables[s]))
				DEBUGMSGTL(("ipstack/table", "%s%s: new rows, built in %u ms\n",
					    context_sources[s]->name, log_in_context(c->name),
					    table_set_refresh_ms(c->tables[s])));
	while (*p) {
		/* NULL: net-snmp dropped the request (timeout, shutdown) */
		bool gone = !netsnmp_handler_check_cache((*p)->dc);

		if (gone || try_one(*p))
			forget(p);
		else
			p = &(*p)->next;
	}
}

static void readable(int fd, void *data)
{
	(void)fd, (void)data;
	table_waits_wake();
}

bool table_waits_start(void)
{
	int fd = table_wake_fd();

	if (fd < 0 || register_readfd(fd, readable, NULL) != FD_REGISTERED_OK)
		return false;
	watched_fd = fd;
	return true;
}

void table_waits_stop(void)
{
	table_waits_drop(NULL);
	if (watched_fd >= 0)
		unregister_readfd(watched_fd);
	watched_fd = -1;
}

bool table_waits_add(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
		     netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests,
		     table_retry_fn retry, struct context *owner)
{
	struct waiting *w;

	if (watched_fd < 0 || !(w = calloc(1, sizeof(*w))))
		return false;
	w->dc = netsnmp_create_delegated_cache(handler, reg, reqinfo, requests, NULL);
	if (!w->dc) {
		free(w);
		return false;
	}
	w->retry = retry;
	w->mode = reqinfo->mode;
	w->owner = owner;
	w->next = waiting;
	waiting = w;
	for (netsnmp_request_info *r = requests; r; r = r->next)
		r->delegated = 1;
	return true;
}

bool table_waits_pending(const struct context *owner)
{
	for (const struct waiting *w = waiting; w; w = w->next)
		if (w->owner == owner)
			return true;
	return false;
}

void table_waits_drop(const struct context *owner)
{
	struct waiting **p = &waiting;

	while (*p) {
		netsnmp_delegated_cache *dc = (*p)->dc;

		if (owner && (*p)->owner != owner) {
			p = &(*p)->next;
			continue;
		}
		if (netsnmp_handler_check_cache(dc)) {
			netsnmp_request_set_error_all(dc->requests, SNMP_ERR_GENERR);
			release(dc->requests);
		}
		forget(p);
	}
}
