/* Amortised growth of a heap array, shared by every table the daemon
 * rebuilds: capacity doubles, so a refresh of the same size reallocates
 * nothing. */
#ifndef IPSTACK_GROW_ARRAY_H
#define IPSTACK_GROW_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* Make *buf hold at least NEED elements of SIZE bytes; *cap counts
 * elements and starts at FIRST.  False (and *buf untouched) when out of
 * memory. */
bool grow_array(void **buf, size_t *cap, size_t need, size_t size, size_t first);

/* qsort() that accepts an empty array, whose buffer may still be NULL
 * (qsort's own contract forbids NULL even for no elements). */
void sort_array(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

#endif
