/* persistSets: the sysctl.d file of SNMP's SETs (see sysctl_persist.h). */
#include "sysctl_persist.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow_array.h"
#include "read_file.h"
#include "sysctl_tree.h"

#define KEY_MAX (SYSCTL_PATH_MAX + 16)

static const char header[] = "# Tunables set through SNMP (ipstack-agentx, persistSets).  Lines\n"
			     "# of other tunables and comments are kept as they are.\n";

/* Between '/' and '.' separators: sysctl.d reads either, the first decides. */
static void swap_separators(char *s)
{
	for (; *s; s++)
		*s = *s == '/' ? '.' : *s == '.' ? '/' : *s;
}

bool sysctl_persist_key(const char *path, char *out, size_t len)
{
	char file[SYSCTL_PATH_MAX + 8];

	if ((size_t)snprintf(out, len, "net/%s", sysctl_tree_file(path, file, sizeof(file))) >= len)
		return false;
	swap_separators(out);
	return true;
}

/* The key of one line of a sysctl.d file, in dotted form; false if none. */
static bool line_key(const char *line, size_t len, char *key, size_t keylen, size_t *value_at)
{
	size_t i = 0, start, end, eq;

	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i == len || line[i] == '#' || line[i] == ';')
		return false;
	if (line[i] == '-') /* "ignore a failure to set it" */
		i++;
	start = i;
	while (i < len && line[i] != '=')
		i++;
	if (i == len)
		return false;
	eq = i;
	end = eq;
	while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t'))
		end--;
	if (end == start || end - start >= keylen)
		return false;
	memcpy(key, line + start, end - start);
	key[end - start] = '\0';
	if (strcspn(key, "./") < strlen(key) && key[strcspn(key, "./")] == '/')
		swap_separators(key);
	*value_at = eq + 1;
	return true;
}

/* `text` with white space runs as one space, trimmed, into a new string. */
static char *normal_value(const char *text, size_t len)
{
	char *out = malloc(len + 1), *o = out;
	bool blank = false;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
			blank = o != out;
			continue;
		}
		if (blank)
			*o++ = ' ';
		blank = false;
		*o++ = text[i];
	}
	*o = '\0';
	return out;
}

/* The last set whose key is `key`, or -1. */
static long set_of(char (*keys)[KEY_MAX], size_t n, const char *key)
{
	for (size_t i = n; i-- > 0;)
		if (!strcmp(keys[i], key))
			return (long)i;
	return -1;
}

struct text {
	char *p;
	size_t len, cap;
	bool failed;
};

static void put(struct text *t, const char *s, size_t len)
{
	if (t->failed || !grow_array((void **)&t->p, &t->cap, t->len + len + 1, 1, 1024)) {
		t->failed = true;
		return;
	}
	memcpy(t->p + t->len, s, len);
	t->len += len;
	t->p[t->len] = '\0';
}

static void put_line(struct text *t, const char *key, const struct sysctl_persist_set *s)
{
	char *value = normal_value(s->text, s->len);

	if (!value) {
		t->failed = true;
		return;
	}
	put(t, key, strlen(key));
	put(t, " = ", 3);
	put(t, value, strlen(value));
	put(t, "\n", 1);
	free(value);
}

/* The new text: `old` with the lines of `sets` replaced or added. */
static char *merge(const char *old, const struct sysctl_persist_set *sets, size_t n,
		   char (*keys)[KEY_MAX])
{
	struct text t = { 0 };
	bool *done = calloc(n ? n : 1, sizeof(*done));
	const char *p = old ? old : header;

	if (!done)
		return NULL;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p), at;
		char key[KEY_MAX];
		long k;

		if (line_key(p, len, key, sizeof(key), &at) && (k = set_of(keys, n, key)) >= 0) {
			if (p[strspn(p, " \t")] == '-')
				put(&t, "-", 1); /* the line's "ignore a failure" stays */
			put_line(&t, key, &sets[k]);
			for (size_t i = 0; i < n; i++)
				done[i] |= !strcmp(keys[i], key);
		} else {
			put(&t, p, len);
			put(&t, "\n", 1);
		}
		p += len + (nl ? 1 : 0);
	}
	for (size_t i = 0; i < n; i++) {
		if (done[i] || set_of(keys, n, keys[i]) != (long)i)
			continue;
		put_line(&t, keys[i], &sets[i]);
	}
	free(done);
	if (t.failed || !t.p) {
		free(t.p);
		return t.failed ? NULL : strdup("");
	}
	return t.p;
}

/* Write `text` to `file` through a temporary file and a rename.  0 or errno. */
static int replace_file(const char *file, const char *text)
{
	char *copy = strdup(file), tmp[4096];
	const char *dir;
	size_t len = strlen(text);
	int fd, dfd, err = 0;

	if (!copy)
		return ENOMEM;
	dir = dirname(copy);
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/.ipstack-agentx.XXXXXX", dir) >= sizeof(tmp)) {
		free(copy);
		return ENAMETOOLONG;
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		err = errno;
		free(copy);
		return err;
	}
	if (write(fd, text, len) != (ssize_t)len)
		err = errno ? errno : EIO;
	else if (fchmod(fd, 0644) < 0 || fsync(fd) < 0)
		err = errno;
	if (close(fd) < 0 && !err)
		err = errno;
	if (!err && rename(tmp, file) < 0)
		err = errno;
	if (err)
		unlink(tmp);
	else if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(dfd); /* the rename itself: durable before we answer */
		close(dfd);
	}
	free(copy);
	return err;
}

char *sysctl_persist_read(const char *file, int *err)
{
	char *copy = strdup(file), *dir, *text = NULL;
	size_t len;

	if (!copy) {
		*err = ENOMEM;
		return NULL;
	}
	dir = dirname(copy);
	*err = read_file(dir, file + strlen(dir) + (strcmp(dir, "/") ? 1 : 0), &text, &len);
	free(copy);
	return *err ? NULL : text;
}

int sysctl_persist_update(const char *file, const struct sysctl_persist_set *sets, size_t n,
			  char **old)
{
	char(*keys)[KEY_MAX] = calloc(n ? n : 1, KEY_MAX);
	char *now;
	int err;

	*old = NULL;
	if (!keys)
		return ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (!sysctl_persist_key(sets[i].path, keys[i], KEY_MAX)) {
			free(keys);
			return ENAMETOOLONG;
		}
	*old = sysctl_persist_read(file, &err);
	if (err && err != ENOENT) {
		free(keys);
		return err;
	}
	now = merge(*old, sets, n, keys);
	free(keys);
	if (!now)
		err = ENOMEM;
	else
		err = replace_file(file, now);
	free(now);
	if (err) {
		free(*old);
		*old = NULL;
	}
	return err;
}

int sysctl_persist_restore(const char *file, const char *old)
{
	if (old)
		return replace_file(file, old);
	return unlink(file) < 0 && errno != ENOENT ? errno : 0;
}

bool sysctl_persist_holds(const char *content, const char *path, const char *value)
{
	char want[KEY_MAX], key[KEY_MAX], *mine, *theirs = NULL;
	const char *p = content;
	bool same;

	if (!content || !sysctl_persist_key(path, want, sizeof(want)))
		return false;
	/* the last line of the key is the one sysctl applies */
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p), at;

		if (line_key(p, len, key, sizeof(key), &at) && !strcmp(key, want)) {
			free(theirs);
			theirs = normal_value(p + at, len - at);
		}
		p += len + (nl ? 1 : 0);
	}
	if (!theirs)
		return false;
	mine = normal_value(value, strlen(value));
	same = mine && !strcmp(mine, theirs);
	free(mine);
	free(theirs);
	return same;
}
