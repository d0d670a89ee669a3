#include "sort_in_place.h"

#include <string.h>

/* Below this many elements a run is finished by insertion sort. */
#define SHORT_RUN 12

struct sort {
	size_t size;
	sort_cmp_fn cmp;
	void *ctx;
};

static char *at(char *base, size_t i, const struct sort *s)
{
	return base + i * s->size;
}

static int cmp_at(char *base, size_t i, size_t j, const struct sort *s)
{
	return s->cmp(at(base, i, s), at(base, j, s), s->ctx);
}

static void swap_at(char *base, size_t i, size_t j, const struct sort *s)
{
	char *a = at(base, i, s), *b = at(base, j, s), t[64];

	for (size_t left = s->size, k; left; left -= k, a += k, b += k) {
		k = left < sizeof(t) ? left : sizeof(t);
		memcpy(t, a, k);
		memcpy(a, b, k);
		memcpy(b, t, k);
	}
}

static void insertion_sort(char *base, size_t n, const struct sort *s)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp_at(base, j - 1, j, s) > 0; j--)
			swap_at(base, j - 1, j, s);
}

static void sift_down(char *base, size_t root, size_t n, const struct sort *s)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && cmp_at(base, child, child + 1, s) < 0)
			child++;
		if (cmp_at(base, root, child, s) >= 0)
			return;
		swap_at(base, root, child, s);
	}
}

static void heap_sort(char *base, size_t n, const struct sort *s)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(base, i, n, s);
	for (size_t end = n; end-- > 1;) {
		swap_at(base, 0, end, s);
		sift_down(base, 0, end, s);
	}
}

/*
 * Hoare's partition around the median of the first, middle and last
 * elements, kept at 0 while the scans run: both stop at elements equal to
 * it, so runs of equal keys split in halves.  Returns the pivot's final
 * place: all before it are <= it, all after >= it.
 */
static size_t partition(char *base, size_t n, const struct sort *s)
{
	size_t mid = n / 2, i = 0, j = n;

	if (cmp_at(base, mid, 0, s) < 0)
		swap_at(base, mid, 0, s);
	if (cmp_at(base, n - 1, mid, s) < 0) {
		swap_at(base, n - 1, mid, s);
		if (cmp_at(base, mid, 0, s) < 0)
			swap_at(base, mid, 0, s);
	}
	swap_at(base, 0, mid, s);
	for (;;) {
		do
			i++;
		while (i < n && cmp_at(base, i, 0, s) < 0);
		do
			j--;
		while (cmp_at(base, j, 0, s) > 0);
		if (i >= j)
			break;
		swap_at(base, i, j, s);
	}
	swap_at(base, 0, j, s);
	return j;
}

/* The shorter side by recursion, the longer by the loop: the stack stays
 * within log2(n) frames. */
static void intro_sort(char *base, size_t n, unsigned depth, const struct sort *s)
{
	while (n > SHORT_RUN) {
		size_t p;

		if (depth-- == 0) {
			heap_sort(base, n, s);
			return;
		}
		p = partition(base, n, s);
		if (p < n - p - 1) {
			intro_sort(base, p, depth, s);
			base = at(base, p + 1, s);
			n -= p + 1;
		} else {
			intro_sort(at(base, p + 1, s), n - p - 1, depth, s);
			n = p;
		}
	}
	insertion_sort(base, n, s);
}

void sort_in_place(void *base, size_t n, size_t size, sort_cmp_fn cmp, void *ctx)
{
	struct sort s = { size, cmp, ctx };
	unsigned depth = 0;

	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	if (n > 1)
		intro_sort(base, n, depth, &s);
}
