/*
 * Interfaces coming and going, from libnl-3's route/link cache: the
 * per-device sysctl subtrees (conf/<dev>, neigh/<dev>) follow them.
 */
#ifndef IPSTACK_LINK_WATCH_H
#define IPSTACK_LINK_WATCH_H

/* Start watching; `changed` runs on every link added, removed or changed.
 * Returns 0, or a libnl error (logged by the caller; nothing is watched). */
int link_watch_start(void (*changed)(void));
void link_watch_stop(void);

#endif
