/* The undo journal of SET transactions (see sysctl_txn.h). */
#include "sysctl_txn.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "grow_array.h"
#include "sysctl_alias.h"

void sysctl_txn_clear(struct sysctl_txn *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t k = 0; k < t->writes[i].n; k++)
			free(t->writes[i].files[k].old);
		free(t->writes[i].files);
	}
	free(t->writes);
	free(t->persist_file);
	free(t->persist_old);
	*t = (struct sysctl_txn){ 0 };
}

int sysctl_txn_persist(struct sysctl_txn *t, const char *file,
		       const struct sysctl_persist_set *sets, size_t n)
{
	char *old = NULL, *name = t->persist_file ? NULL : strdup(file);
	int err;

	if (!t->persist_file && !name)
		return ENOMEM;
	if ((err = sysctl_persist_update(file, sets, n, &old))) {
		free(name);
		return err;
	}
	if (t->persist_file) {
		free(old); /* an earlier handler of the SET wrote it first */
	} else {
		t->persist_file = name;
		t->persist_old = old;
	}
	return 0;
}

struct saving {
	struct sysctl_tree *tree;
	struct sysctl_write_rec *w;
	size_t cap;
	int err;
};

static void save_one(void *ctx, struct sysctl_entry *e)
{
	struct saving *s = ctx;
	struct sysctl_saved *f;

	if (s->err)
		return;
	if (!grow_array((void **)&s->w->files, &s->cap, s->w->n + 1, sizeof(*f), 4)) {
		s->err = ENOMEM;
		return;
	}
	if (!sysctl_tree_read(s->tree, e)) {
		s->err = s->w->n ? 0 : EIO; /* an unreadable alias cannot be restored anyway */
		return;
	}
	f = &s->w->files[s->w->n];
	memcpy(f->path, e->path, e->pathlen + 1);
	if (!(f->old = strdup(e->text))) {
		s->err = ENOMEM;
		return;
	}
	s->w->n++;
}

int sysctl_txn_save(struct sysctl_txn *t, struct sysctl_tree *tree, struct sysctl_entry *e)
{
	struct saving s = { .tree = tree };

	if (!grow_array((void **)&t->writes, &t->cap, t->n + 1, sizeof(*t->writes), 4))
		return ENOMEM;
	s.w = &t->writes[t->n];
	*s.w = (struct sysctl_write_rec){ .tree = tree };
	save_one(&s, e);
	if (!s.err)
		sysctl_aliases(tree, e->path, save_one, &s);
	if (s.err) {
		for (size_t k = 0; k < s.w->n; k++)
			free(s.w->files[k].old);
		free(s.w->files);
		return s.err;
	}
	t->n++;
	return 0;
}

void sysctl_txn_touched(struct sysctl_txn *t)
{
	if (t->n)
		t->writes[t->n - 1].touched = true;
}

/* Write `old` back unless the file already holds it. */
static int restore(struct sysctl_tree *tree, const struct sysctl_saved *f, bool *changed)
{
	struct sysctl_entry *e = sysctl_tree_find(tree, f->path, strlen(f->path));
	size_t len = strlen(f->old);
	char *text;
	int err;

	*changed = false;
	if (!e)
		return 0; /* the device is gone, and its files with it */
	if (sysctl_tree_read(tree, e) && !strcmp(e->text, f->old))
		return 0;
	/* With a newline, as echo writes: an empty write is ignored. */
	if (!(text = malloc(len + 2)))
		return ENOMEM;
	memcpy(text, f->old, len);
	memcpy(text + len, "\n", 2);
	err = sysctl_tree_write(tree, e, text, len + 1, NULL);
	free(text);
	*changed = !err;
	return err;
}

unsigned sysctl_txn_undo(struct sysctl_txn *t, sysctl_undo_fn fn, void *ctx)
{
	unsigned failed = 0;

	if (t->undone)
		return 0;
	t->undone = true;
	if (t->persist_file && sysctl_persist_restore(t->persist_file, t->persist_old))
		failed++;
	for (size_t i = t->n; i-- > 0;) {
		const struct sysctl_write_rec *w = &t->writes[i];
		if (!w->touched)
			continue;
		for (size_t k = 0; k < w->n; k++) {
			bool changed;
			int err = restore(w->tree, &w->files[k], &changed);
			if (err)
				failed++;
			if ((err || changed) && fn)
				fn(ctx, w->files[k].path, w->files[k].old, err);
		}
	}
	return failed;
}
