/* Known tunable texts and the notification rate limit (see tunable_watch.h). */
#include "tunable_watch.h"

#include <stdlib.h>
#include <string.h>

#include "grow_array.h"
#include "sysctl_tree.h"

struct item {
	char *path;
	char *text; /* as last read */
	char *sent; /* as last notified (or first seen) */
	uint64_t sent_ms; /* when last notified; 0: never */
	bool held; /* a change waits for its second to end */
	enum tunable_source held_source;
};

struct tunable_watch {
	struct item *items; /* in the sysctl tree's index order: appends while polling */
	size_t n, cap;
};

struct tunable_watch *tunable_watch_new(void)
{
	return calloc(1, sizeof(struct tunable_watch));
}

void tunable_watch_free(struct tunable_watch *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++) {
		free(w->items[i].path);
		free(w->items[i].text);
		free(w->items[i].sent);
	}
	free(w->items);
	free(w);
}

size_t tunable_watch_count(const struct tunable_watch *w)
{
	return w->n;
}

/* The item of `path`, made (with no text yet) when `make`; NULL otherwise. */
static struct item *item_of(struct tunable_watch *w, const char *path, bool make)
{
	size_t lo = 0, hi = w->n, len = strlen(path);
	struct item *it;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = sysctl_path_order(w->items[mid].path, strlen(w->items[mid].path), path,
					  len);

		if (!c)
			return &w->items[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!make || !grow_array((void **)&w->items, &w->cap, w->n + 1, sizeof(*w->items), 64))
		return NULL;
	memmove(&w->items[lo + 1], &w->items[lo], (w->n - lo) * sizeof(*w->items));
	it = &w->items[lo];
	*it = (struct item){ .path = strdup(path) };
	if (!it->path) {
		memmove(&w->items[lo], &w->items[lo + 1], (w->n - lo) * sizeof(*w->items));
		return NULL;
	}
	w->n++;
	return it;
}

static bool replace(char **dst, const char *text)
{
	char *copy = strdup(text);

	if (!copy)
		return false;
	free(*dst);
	*dst = copy;
	return true;
}

static void send(struct item *it, enum tunable_source source, uint64_t now, tunable_emit_fn emit,
		 void *ctx)
{
	emit(ctx, it->path, it->sent ? it->sent : "", it->text, source);
	replace(&it->sent, it->text);
	it->sent_ms = now ? now : 1;
	it->held = false;
}

void tunable_watch_seen(struct tunable_watch *w, const char *path, const char *text,
			enum tunable_source source, uint64_t now, tunable_emit_fn emit, void *ctx)
{
	struct item *it = item_of(w, path, true);

	if (!it)
		return;
	if (!it->text) { /* first sight */
		replace(&it->text, text);
		replace(&it->sent, text);
		return;
	}
	if (!strcmp(it->text, text))
		return;
	replace(&it->text, text);
	if (it->sent_ms && now - it->sent_ms < TUNABLE_NOTIFY_GAP_MS) {
		it->held = true;
		it->held_source = source;
		return;
	}
	send(it, source, now, emit, ctx);
}

void tunable_watch_know(struct tunable_watch *w, const char *path, const char *text)
{
	struct item *it = item_of(w, path, true);

	if (it && replace(&it->text, text) && !it->held)
		replace(&it->sent, text);
}

void tunable_watch_flush(struct tunable_watch *w, uint64_t now, tunable_emit_fn emit, void *ctx)
{
	for (size_t i = 0; i < w->n; i++) {
		struct item *it = &w->items[i];

		if (!it->held || now - it->sent_ms < TUNABLE_NOTIFY_GAP_MS)
			continue;
		if (it->sent && !strcmp(it->sent, it->text))
			it->held = false; /* it went back: nothing to tell */
		else
			send(it, it->held_source, now, emit, ctx);
	}
}
