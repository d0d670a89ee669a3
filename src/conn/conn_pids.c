/*
 * The process columns (tcpConnectionProcess, tcpListenerProcess,
 * udpEndpointProcess): which process holds each socket.  The kernel's
 * inet_diag answer names the socket's inode, not its owner, so the only
 * way is to read every link in /proc/<pid>/fd ("socket:[inode]").
 *
 * That scan is what costs: it runs at most once per snapshot, only when a
 * request asks for a process column, and matches links against a sorted
 * array of the snapshot's own inodes, so its memory is one word per row
 * and nothing is ever dropped for want of room.
 *
 * A builder also remembers where its last full scan found each socket (pid
 * and descriptor): the next build checks each remembered one with a single
 * readlink, and scans everything again only when a socket is not found
 * that way (a new one, or one that moved).  On a host whose sockets stay,
 * a build reads a few links instead of every process's descriptors.
 */
#include "conn_table.h"
#include "grow_array.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* inode << 32 | row, sorted: a lookup by inode is a binary search. */
static size_t sort_inodes(struct conn_snapshot *s)
{
	size_t n = 0;

	if (!grow_array((void **)&s->by_inode, &s->by_inode_cap, s->n, sizeof(*s->by_inode), 64))
		return 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->rows[i].inode)
			s->by_inode[n++] = (uint64_t)s->rows[i].inode << 32 | i;
	sort_array(s->by_inode, n, sizeof(*s->by_inode), cmp_u64);
	return n;
}

/* The first index in by_inode[0..n) with this inode, or n. */
static size_t find_inode(const uint64_t *by_inode, size_t n, uint32_t inode)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uint32_t)(by_inode[mid] >> 32) < inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* "socket:[12345]" -> 12345; 0 for any other link. */
static uint32_t socket_inode(const char *link)
{
	unsigned long v;
	char *end;

	if (strncmp(link, "socket:[", 8) != 0 || !isdigit((unsigned char)link[8]))
		return 0;
	v = strtoul(link + 8, &end, 10);
	return *end == ']' && v <= UINT32_MAX ? (uint32_t)v : 0;
}

static int cmp_owner(const void *a, const void *b)
{
	const struct conn_owner *x = a, *y = b;

	return (x->inode > y->inode) - (x->inode < y->inode);
}

/* Remember where a socket was found (a full scan's findings, unsorted). */
static void remember(struct conn_owners *o, uint32_t inode, uint32_t pid, const char *fd_name)
{
	if (o && grow_array((void **)&o->v, &o->cap, o->n + 1, sizeof(*o->v), 64))
		o->v[o->n++] =
			(struct conn_owner){ inode, pid, (uint32_t)strtoul(fd_name, NULL, 10) };
}

static size_t scan_process(struct conn_snapshot *s, size_t n, int procfd, const char *pid_name,
			   struct conn_owners *found_at)
{
	char path[300], link[64];
	size_t found = 0;
	struct dirent *d;
	DIR *dir;
	int fd;

	snprintf(path, sizeof(path), "%s/fd", pid_name);
	fd = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || !(dir = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return 0; /* gone, or not ours to read (no CAP_SYS_PTRACE) */
	}
	while ((d = readdir(dir))) {
		ssize_t len = readlinkat(fd, d->d_name, link, sizeof(link) - 1);
		uint32_t inode;

		if (len <= 0)
			continue;
		link[len] = '\0';
		if (!(inode = socket_inode(link)))
			continue;
		for (size_t k = find_inode(s->by_inode, n, inode);
		     k < n && (uint32_t)(s->by_inode[k] >> 32) == inode; k++) {
			struct conn_row *r = &s->rows[(uint32_t)s->by_inode[k]];
			if (!r->pid) {
				r->pid = (uint32_t)strtoul(pid_name, NULL, 10);
				remember(found_at, inode, r->pid, d->d_name);
				found++;
			}
		}
	}
	closedir(dir);
	return found;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static bool seen_before(const struct conn_owners *o, uint32_t pid)
{
	return o && o->npids && bsearch(&pid, o->pids, o->npids, sizeof(pid), cmp_u32);
}

/*
 * The descriptors of every process (`only_new`: of those not seen by an
 * earlier scan); what is found, and the processes seen, are remembered in
 * `known`.
 */
static size_t scan(struct conn_snapshot *s, const char *proc_root, struct conn_owners *known,
		   bool only_new)
{
	size_t n, found = 0, npids = 0, next_cap = 0;
	uint32_t *next_pids = NULL;
	struct dirent *d;
	DIR *proc;

	n = sort_inodes(s);
	if (!n || !(proc = opendir(proc_root)))
		return 0;
	while ((d = readdir(proc))) {
		uint32_t pid;

		if (!isdigit((unsigned char)d->d_name[0]))
			continue;
		pid = (uint32_t)strtoul(d->d_name, NULL, 10);
		/* the processes there now (their list is rebuilt as it is read:
		 * entries before npids are this scan's, the old ones after) */
		if (!(only_new && seen_before(known, pid)))
			found += scan_process(s, n, dirfd(proc), d->d_name, known);
		if (known &&
		    grow_array((void **)&next_pids, &next_cap, npids + 1, sizeof(*next_pids), 64))
			next_pids[npids++] = pid;
	}
	closedir(proc);
	if (known) {
		free(known->pids);
		known->pids = next_pids;
		known->pids_cap = next_cap;
		known->npids = npids;
		sort_array(known->pids, npids, sizeof(*known->pids), cmp_u32);
	}
	return found;
}

static size_t full_scan(struct conn_snapshot *s, const char *proc_root,
			struct conn_owners *found_at)
{
	return scan(s, proc_root, found_at, false);
}

size_t conn_pids_fill(struct conn_snapshot *s, const char *proc_root)
{
	if (s->pids_filled)
		return 0;
	s->pids_filled = true;
	return full_scan(s, proc_root, NULL);
}

/* Whether descriptor `o->fd` of process `o->pid` still is socket `o->inode`. */
static bool still_there(int procfd, const struct conn_owner *o)
{
	char path[64], link[64];
	ssize_t len;

	snprintf(path, sizeof(path), "%u/fd/%u", o->pid, o->fd);
	len = readlinkat(procfd, path, link, sizeof(link) - 1);
	if (len <= 0)
		return false;
	link[len] = '\0';
	return socket_inode(link) == o->inode;
}

/* Owners from what `known` remembers; false when a socket is not found so. */
static bool fill_known(struct conn_snapshot *s, const char *proc_root,
		       const struct conn_owners *known)
{
	int procfd = open(proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool all = procfd >= 0;

	for (size_t i = 0; procfd >= 0 && i < s->n; i++) {
		struct conn_row *r = &s->rows[i];
		struct conn_owner key = { .inode = r->inode }, *o;

		if (!r->inode)
			continue; /* TIME_WAIT and request sockets have no owner */
		o = known->n ? bsearch(&key, known->v, known->n, sizeof(*o), cmp_owner) : NULL;
		if (r->pid)
			continue;
		if (o && still_there(procfd, o))
			r->pid = o->pid;
		else
			all = false;
	}
	if (procfd >= 0)
		close(procfd);
	return all;
}

/* Forget the sockets that are gone: `known` holds the current rows' only. */
static void prune(const struct conn_snapshot *s, size_t ninodes, struct conn_owners *known)
{
	size_t out = 0;

	for (size_t i = 0; i < known->n; i++) {
		size_t k = find_inode(s->by_inode, ninodes, known->v[i].inode);

		if (k < ninodes && (uint32_t)(s->by_inode[k] >> 32) == known->v[i].inode)
			known->v[out++] = known->v[i];
	}
	known->n = out;
}

size_t conn_pids_fill_known(struct conn_snapshot *s, const char *proc_root,
			    struct conn_owners *known)
{
	size_t found = s->n;

	if (s->pids_filled)
		return 0;
	s->pids_filled = true;
	if (fill_known(s, proc_root, known))
		goto done;
	/* a new socket is mostly a new process's (a poller, a daemon started) */
	scan(s, proc_root, known, true);
	sort_array(known->v, known->n, sizeof(*known->v), cmp_owner);
	if (fill_known(s, proc_root, known))
		goto done;
	for (size_t i = 0; i < s->n; i++)
		s->rows[i].pid = 0;
	known->n = 0;
	found = full_scan(s, proc_root, known);
	sort_array(known->v, known->n, sizeof(*known->v), cmp_owner);
done:
	prune(s, sort_inodes(s), known);
	return found;
}

void conn_owners_free(struct conn_owners *o)
{
	free(o->v);
	free(o->pids);
	*o = (struct conn_owners){ 0 };
}
