/*
 * sort_in_place.h against glibc's qsort() as the oracle, on the orders a
 * quicksort handles worst (sorted, reversed, equal keys, organ pipes), with
 * elements the size of a route row so that whole elements must move; and
 * against McIlroy's adversary ("A killer adversary for quicksort", 1999),
 * a comparison that decides values as late as it can and so drives any
 * quicksort to n^2/4 comparisons: the heapsort fallback must keep it to
 * O(n log n).
 */
#include "unit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sort_in_place.h"

struct item {
	uint32_t key;
	uint32_t seq; /* where it started: tells the elements apart */
	uint32_t check[8]; /* seq * 7 + i: an element torn in a move shows */
};

static int cmp_item(const void *x, const void *y, void *calls)
{
	const struct item *a = x, *b = y;

	++*(size_t *)calls;
	return a->key < b->key ? -1 : a->key > b->key;
}

static int cmp_item_qsort(const void *x, const void *y)
{
	size_t unused = 0;

	return cmp_item(x, y, &unused);
}

static int cmp_seq(const void *x, const void *y)
{
	const struct item *a = x, *b = y;

	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

enum shape { RANDOM, SORTED, REVERSED, EQUAL, FEW, ORGAN, SAW, SHAPES };

static uint32_t key_of(enum shape shape, size_t i, size_t n)
{
	switch (shape) {
	case RANDOM:
		return (uint32_t)random();
	case SORTED:
		return (uint32_t)i;
	case REVERSED:
		return (uint32_t)(n - i);
	case EQUAL:
		return 7;
	case FEW:
		return (uint32_t)(random() % 3);
	case ORGAN:
		return (uint32_t)(i < n / 2 ? i : n - i);
	default:
		return (uint32_t)(i % 17);
	}
}

static void check_shape(enum shape shape, size_t n)
{
	struct item *a = calloc(n + 1, sizeof(*a)), *b = calloc(n + 1, sizeof(*b));
	size_t calls = 0;

	for (size_t i = 0; i < n; i++) {
		a[i].key = key_of(shape, i, n);
		a[i].seq = (uint32_t)i;
		for (size_t k = 0; k < 8; k++)
			a[i].check[k] = (uint32_t)(i * 7 + k);
	}
	memcpy(b, a, n * sizeof(*a));
	sort_in_place(a, n, sizeof(*a), cmp_item, &calls);
	if (n)
		qsort(b, n, sizeof(*b), cmp_item_qsort);
	for (size_t i = 0; i < n; i++) {
		ck_assert_msg(a[i].key == b[i].key, "shape %d n %zu: key %zu differs", shape, n, i);
		for (size_t k = 0; k < 8; k++)
			ck_assert_uint_eq(a[i].check[k], a[i].seq * 7 + k);
	}
	/* the same elements, each once */
	if (n)
		qsort(a, n, sizeof(*a), cmp_seq);
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_eq(a[i].seq, i);
	free(a);
	free(b);
}

START_TEST(sorts_as_qsort_does)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 11, 12, 13, 14, 50, 257, 1000, 4099 };

	srandom(23);
	for (int shape = 0; shape < SHAPES; shape++)
		for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++)
			check_shape((enum shape)shape, sizes[i]);
	sort_in_place(NULL, 0, sizeof(struct item), cmp_item, NULL);
}
END_TEST

/* McIlroy's adversary: every element is "gas" until a comparison forces
 * it solid, and values are frozen so that the pivot is always the least. */
struct adversary {
	uint32_t *val;
	uint32_t gas, solid, candidate;
	size_t calls;
};

static int cmp_adversary(const void *x, const void *y, void *ctx)
{
	struct adversary *ad = ctx;
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	ad->calls++;
	if (ad->val[a] == ad->gas && ad->val[b] == ad->gas)
		ad->val[a == ad->candidate ? a : b] = ad->solid++;
	if (ad->val[a] == ad->gas)
		ad->candidate = a;
	else if (ad->val[b] == ad->gas)
		ad->candidate = b;
	return ad->val[a] < ad->val[b] ? -1 : ad->val[a] > ad->val[b];
}

START_TEST(adversary_stays_n_log_n)
{
	enum { N = 20000 };
	uint32_t *ptr = malloc(N * sizeof(*ptr));
	struct adversary ad = { malloc(N * sizeof(uint32_t)), N, 0, 0, 0 };
	size_t log2n = 0;

	for (size_t m = N; m > 1; m >>= 1)
		log2n++;
	for (uint32_t i = 0; i < N; i++)
		ptr[i] = i, ad.val[i] = ad.gas;
	sort_in_place(ptr, N, sizeof(*ptr), cmp_adversary, &ad);
	for (size_t i = 1; i < N; i++)
		ck_assert_uint_le(ad.val[ptr[i - 1]], ad.val[ptr[i]]);
	/* a plain quicksort: about N^2/4 = 10^8; introsort: a few N log2 N */
	ck_assert_msg(ad.calls < 8 * N * log2n, "%zu comparisons for %d elements", ad.calls, N);
	free(ptr);
	free(ad.val);
}
END_TEST

Suite *sort_in_place_suite(void)
{
	Suite *s = suite_create("sort_in_place");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, sorts_as_qsort_does);
	tcase_add_test(tc, adversary_stays_n_log_n);
	suite_add_tcase(s, tc);
	return s;
}
