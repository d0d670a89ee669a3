/*
 * IP-MIB's ipAddressSpinLock (4.33.0), a TestAndIncr (RFC 2579) per
 * context: a SET of its current value succeeds and advances it, any other
 * value is inconsistentValue.  Managers use it to serialise their changes
 * of ipAddressTable; the agent keeps it, nothing of the kernel's is behind
 * it (ipAddressTable takes no SETs here).
 */
#ifndef IPSTACK_SPIN_LOCK_H
#define IPSTACK_SPIN_LOCK_H

#include "context.h"

/* ipAddressSpinLock in context `c`, into c->regs. */
void spin_lock_register(struct context *c, int priority);

#endif
