/*
 * Network namespaces as SNMP contexts: the namespace files of the
 * configured directories (netnsDir) that netnsContexts chooses, each
 * registered as the context named like its file, followed as they come and
 * go (inotify, served from net-snmp's main loop).
 */
#ifndef IPSTACK_NETNS_CONTEXTS_H
#define IPSTACK_NETNS_CONTEXTS_H

#include "settings.h"

/* At start, after the default context's objects are registered. */
void netns_contexts_start(struct settings *s);
/* The configuration was re-read (SIGHUP): directories and choice again. */
void netns_contexts_reconfigure(void);
/*
 * Whether namespaces can still be entered (snmpd gives up root after
 * loading its modules): if not, say so once and unregister every context.
 */
void netns_contexts_recheck(void);
/* Unregister every context (exit, module unload). */
void netns_contexts_stop(void);

#endif
