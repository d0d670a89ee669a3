/* Requests handed back to net-snmp while they wait (see delegated_wait.h). */
#include "delegated_wait.h"

#include <stdlib.h>

struct waiting {
	netsnmp_delegated_cache *dc;
	delegated_retry_fn retry;
	int mode; /* the mode the handler was called with */
	struct waiting *next;
};

static struct waiting *waiting;
static unsigned retry_alarm;

/* Answered (or dropped): net-snmp may finish the request. */
static void release(netsnmp_request_info *requests)
{
	for (netsnmp_request_info *r = requests; r; r = r->next)
		r->delegated = 0;
}

/*
 * One retry.  net-snmp's bulk-to-next helper calls a handler with
 * MODE_GETNEXT for a GETBULK and then moves each answered request on to
 * its next repetition; a request answered later missed that step, so it is
 * taken here, as the helper would have (reqinfo->mode is MODE_GETBULK
 * again by now).
 */
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
		netsnmp_bulk_to_next_fix_requests(dc->requests);
	release(dc->requests);
	return true;
}

/* Unlink and free *p; the retry alarm stops with the last one. */
static void forget(struct waiting **p)
{
	struct waiting *w = *p;

	*p = w->next;
	netsnmp_free_delegated_cache(w->dc);
	free(w);
	if (!waiting && retry_alarm) {
		snmp_alarm_unregister(retry_alarm);
		retry_alarm = 0;
	}
}

static void retry_all(unsigned int reg, void *arg)
{
	struct waiting **p = &waiting;

	(void)reg, (void)arg;
	while (*p) {
		/* NULL: net-snmp dropped the request (timeout, shutdown) */
		bool gone = !netsnmp_handler_check_cache((*p)->dc);

		if (gone || try_one(*p))
			forget(p);
		else
			p = &(*p)->next;
	}
}

bool delegated_wait(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
		    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests,
		    delegated_retry_fn retry, void *owner)
{
	struct timeval every = { 0, DELEGATED_RETRY_MS * 1000 };
	struct waiting *w = calloc(1, sizeof(*w));

	if (!w)
		return false;
	if (!retry_alarm)
		retry_alarm = snmp_alarm_register_hr(every, SA_REPEAT, retry_all, NULL);
	w->dc = retry_alarm ? netsnmp_create_delegated_cache(handler, reg, reqinfo, requests, owner)
			    : NULL;
	if (!w->dc) {
		free(w);
		return false;
	}
	w->retry = retry;
	w->mode = reqinfo->mode;
	w->next = waiting;
	waiting = w;
	for (netsnmp_request_info *r = requests; r; r = r->next)
		r->delegated = 1;
	return true;
}

bool delegated_wait_pending(const void *owner)
{
	for (const struct waiting *w = waiting; w; w = w->next)
		if (w->dc->localinfo == owner)
			return true;
	return false;
}

void delegated_wait_drop(void *owner)
{
	struct waiting **p = &waiting;

	while (*p) {
		netsnmp_delegated_cache *dc = (*p)->dc;

		if (owner && dc->localinfo != owner) {
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
