/*
 * What this process may do to the kernel: SETs of tunables and deleteTCB
 * need CAP_NET_ADMIN.  Said once at start, not at each refused SET.
 */
#ifndef IPSTACK_PRIVILEGES_H
#define IPSTACK_PRIVILEGES_H

#include "settings.h"

/* Log one line if the configuration allows writes the kernel will refuse. */
void privileges_warn(const struct settings *s);

#endif
