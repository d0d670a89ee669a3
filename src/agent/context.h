/*
 * One SNMP context: what it serves, in one place.  The default context ""
 * is the process's own network namespace; every other one is a namespace
 * of netnsDir (netns_contexts.c).  A context owns its counter store and the
 * MIB views built from it, its tunable trees, its tables of the engine (one
 * set per source), its deleteTCB socket and its registrations; every
 * handler is given its context.
 */
#ifndef IPSTACK_CONTEXT_H
#define IPSTACK_CONTEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "counter_store.h"
#include "mib_view.h"
#include "registrations.h"
#include "table_set.h"

/* The engine's sources, each a table_set per context (context.c). */
enum context_source {
	SOURCE_CONN, /* the connection tables (inet_diag) */
	SOURCE_IPIF, /* interfaces and addresses (rtnetlink, dev_snmp6) */
	SOURCE_NEIGH, /* neighbours (rtnetlink) */
	SOURCE_ROUTE, /* the main routing table (rtnetlink) */
	SOURCES,
};

struct sysctl_ns;
struct conn_diag;
struct tunable_notify;

struct context {
	char *name; /* the SNMP context: "" for the default one */
	int netns_fd; /* -1: the process's own namespace (the fd is the caller's) */
	struct counter_store store;
	struct mib_view views[2]; /* the standard objects, LINUX-IPSTACK-MIB's */
	struct sysctl_ns *sysctl; /* its tunables (sysctl_agent.c) */
	struct table_set *tables[SOURCES];
	struct conn_diag *destroyer; /* deleteTCB's netlink socket, made inside */
	struct tunable_notify *notify; /* notifyTunableChanges (tunable_notify.c) */
	struct reg_list regs;
	int32_t address_spin_lock; /* ipAddressSpinLock (spin_lock.c) */
	int enter_error; /* the last failure to enter its namespace, logged once */
	uint64_t used_ms; /* when a request last asked, any of its objects */
	struct context *next;
};

/* What every context needs of the settings; kept up to date by SIGHUP. */
struct context_config {
	const char *proc_root;
	unsigned cache_ms;
};

/* The table sources, by enum context_source. */
extern const struct table_source *const context_sources[SOURCES];

/* The default context (created by context_init). */
struct context *context_default(void);
/* Every context: the default one, then the namespaces', newest first. */
struct context *context_first(void);

/* Create the default context; false when out of memory. */
bool context_init(const struct context_config *cfg);
/* A namespace's context (not yet registered); NULL when out of memory. */
struct context *context_new(const char *name, int netns_fd);
/* Unlink and free (its registrations dropped first, by the caller). */
void context_free(struct context *c);
/* New settings for every context (SIGHUP). */
void context_configure_all(const struct context_config *cfg);
const struct context_config *context_config(void);
/* Free every context, the default one last. */
void context_shutdown(void);

/* A request asks `c` now: it is in use. */
void context_touch(struct context *c);
/*
 * Contexts of namespaces nobody asked for a while give back what they
 * read (never one in use: asked, a build running, requests waiting).
 */
void context_release_idle(uint64_t now);

#endif
