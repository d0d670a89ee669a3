/* --dump: print the counter store in the kernel's layout. */
#ifndef IPSTACK_DUMP_H
#define IPSTACK_DUMP_H

#include <stdio.h>

/* Returns the exit status: 0, 1 (bad proc root) or 3 (partial). */
int dump_counters(const char *proc_root, FILE *out);

#endif
