/*
 * A sort that takes no memory: glibc's qsort() is a merge sort with a
 * buffer of the array's size (two pointers an element for elements over 32
 * bytes), which at a million routes is 16 MB on top of the two snapshots a
 * build holds, and stays in the heap once freed.  This one is an
 * introsort: quicksort with a median of three, insertion sort for short
 * runs, heapsort past 2 log2(n) levels, so O(n log n) in every case and
 * O(log n) stack.  Not stable.
 */
#ifndef IPSTACK_SORT_IN_PLACE_H
#define IPSTACK_SORT_IN_PLACE_H

#include <stddef.h>

typedef int (*sort_cmp_fn)(const void *a, const void *b, void *ctx);

/* Order the N elements of SIZE bytes at BASE (NULL when N is 0) by CMP,
 * which is handed CTX. */
void sort_in_place(void *base, size_t n, size_t size, sort_cmp_fn cmp, void *ctx);

#endif
