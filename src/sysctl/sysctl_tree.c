/*
 * Discovering, reading and writing the sysctl entries (see sysctl_tree.h).
 */
#include "sysctl_tree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read_file.h"
#include "grow_array.h"

#define IPV6_PREFIX "ipv6/"

void sysctl_tree_init(struct sysctl_tree *t, const char *proc_root)
{
	size_t len = strlen(proc_root) + sizeof("/sys/net");

	*t = (struct sysctl_tree){ .dir = malloc(len), .stale = true };
	if (t->dir)
		snprintf(t->dir, len, "%s/sys/net", proc_root);
}

const char *sysctl_tree_file(const char *path, char *buf, size_t len)
{
	if (!strncmp(path, IPV6_PREFIX, strlen(IPV6_PREFIX)))
		return path;
	snprintf(buf, len, "ipv4/%s", path);
	return buf;
}

static void clear_entries(struct sysctl_tree *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->entries[i].text);
	t->n = 0;
}

void sysctl_tree_free(struct sysctl_tree *t)
{
	clear_entries(t);
	free(t->entries);
	free(t->dir);
	*t = (struct sysctl_tree){ 0 };
}

/* rel is below net/: "ipv4/tcp_sack" is entry "tcp_sack", "ipv6/x" is "ipv6/x". */
static void add_entry(struct sysctl_tree *t, const char *rel, mode_t mode)
{
	const char *name = strncmp(rel, IPV6_PREFIX, strlen(IPV6_PREFIX)) ? rel + strlen("ipv4/")
									  : rel;
	size_t len = strlen(name);

	/* Secret (0600) and write-only (0200) entries are never served. */
	if (!(mode & S_IROTH) || len > SYSCTL_PATH_MAX)
		return;
	if (!grow_array((void **)&t->entries, &t->cap, t->n + 1, sizeof(*t->entries), 512))
		return;
	struct sysctl_entry *e = &t->entries[t->n++];
	*e = (struct sysctl_entry){ .pathlen = len, .mode = (uint16_t)(mode & 07777) };
	memcpy(e->path, name, len + 1);
	e->row = sysctl_table_find(e->path);
}

/* Walk dir/rel, at most four levels: ipv4/conf/eth0/x. */
static void walk(struct sysctl_tree *t, const char *rel, int depth)
{
	char dirpath[4096];
	DIR *d;
	struct dirent *de;

	snprintf(dirpath, sizeof(dirpath), "%s/%s", t->dir, rel);
	d = opendir(dirpath);
	if (!d)
		return;
	while ((de = readdir(d))) {
		char child[SYSCTL_PATH_MAX * 2];
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		if (snprintf(child, sizeof(child), "%s/%s", rel, de->d_name) >= (int)sizeof(child))
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth < 3)
			walk(t, child, depth + 1);
		else if (S_ISREG(st.st_mode))
			add_entry(t, child, st.st_mode);
	}
	closedir(d);
}

int sysctl_path_order(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen)
		return alen < blen ? -1 : 1;
	return memcmp(a, b, alen);
}

static int entry_cmp(const void *a, const void *b)
{
	const struct sysctl_entry *x = a, *y = b;

	return sysctl_path_order(x->path, x->pathlen, y->path, y->pathlen);
}

size_t sysctl_tree_scan(struct sysctl_tree *t)
{
	clear_entries(t);
	if (t->dir) {
		walk(t, "ipv4", 1);
		walk(t, "ipv6", 1);
	}
	sort_array(t->entries, t->n, sizeof(*t->entries), entry_cmp);
	t->stale = false;
	t->read_ms = 0;
	return t->n;
}

struct sysctl_entry *sysctl_tree_find(struct sysctl_tree *t, const char *path, size_t len)
{
	struct sysctl_entry key;

	if (len == 0 || len > SYSCTL_PATH_MAX || t->n == 0)
		return NULL;
	memcpy(key.path, path, len);
	key.path[len] = '\0';
	key.pathlen = len;
	return bsearch(&key, t->entries, t->n, sizeof(*t->entries), entry_cmp);
}

bool sysctl_tree_read(struct sysctl_tree *t, struct sysctl_entry *e)
{
	char file[SYSCTL_PATH_MAX + 8], *text;
	size_t len;

	free(e->text);
	e->text = NULL;
	e->have_text = false;
	if (read_file(t->dir, sysctl_tree_file(e->path, file, sizeof(file)), &text, &len))
		return false;
	if (len && text[len - 1] == '\n')
		text[--len] = '\0';
	e->text = text;
	e->have_text = true;
	return true;
}

/*
 * A fixture tree's file must hold just what was written, as a sysctl
 * does; proc files report size 0 and are left alone.
 */
static void trim_fixture(int fd, ssize_t written)
{
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > written &&
	    ftruncate(fd, written) < 0)
		return; /* a fixture we cannot trim keeps its tail; nothing to serve wrong */
}

int sysctl_tree_write(const struct sysctl_tree *t, const struct sysctl_entry *e, const char *text,
		      size_t len, bool *opened)
{
	char file[SYSCTL_PATH_MAX + 8];
	int fd, err = 0;
	ssize_t w;

	if (opened)
		*opened = false;
	if (!t->dir)
		return ENOMEM;
	fd = open_beneath(t->dir, sysctl_tree_file(e->path, file, sizeof(file)), O_WRONLY);
	if (fd < 0)
		return -fd;
	if (opened)
		*opened = true;
	/*
	 * One write: the kernel parses what it needs and may report less
	 * consumed (a vector longer than the entry); that is its success.
	 */
	w = write(fd, text, len);
	if (w < 0)
		err = errno;
	else
		trim_fixture(fd, w);
	if (close(fd) < 0 && !err)
		err = errno;
	return err;
}

bool sysctl_entry_writable(const struct sysctl_entry *e)
{
	return e->row && e->row->handler != SYSCTL_H_UNKNOWN && (e->mode & 0200) &&
		(e->row->mode & 0222);
}
