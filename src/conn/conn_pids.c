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
 */
#include "conn_table.h"
#include "grow_array.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
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

static size_t scan_process(struct conn_snapshot *s, size_t n, int procfd, const char *pid_name)
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
				found++;
			}
		}
	}
	closedir(dir);
	return found;
}

size_t conn_pids_fill(struct conn_snapshot *s, const char *proc_root)
{
	size_t n, found = 0;
	struct dirent *d;
	DIR *proc;

	if (s->pids_filled)
		return 0;
	s->pids_filled = true;
	n = sort_inodes(s);
	if (!n || !(proc = opendir(proc_root)))
		return 0;
	while ((d = readdir(proc)))
		if (isdigit((unsigned char)d->d_name[0]))
			found += scan_process(s, n, dirfd(proc), d->d_name);
	closedir(proc);
	return found;
}
