#include "grow_array.h"

#include <stdlib.h>

bool grow_array(void **buf, size_t *cap, size_t need, size_t size, size_t first)
{
	size_t ncap = *cap ? *cap : first;
	void *n;

	if (need <= *cap)
		return true;
	while (ncap < need)
		ncap *= 2;
	n = realloc(*buf, ncap * size);
	if (!n)
		return false;
	*buf = n;
	*cap = ncap;
	return true;
}

void sort_array(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}
