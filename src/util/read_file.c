/*
 * Reading small kernel files without ever blocking: the agent answers the
 * master from a single thread, so a FIFO or a device planted where a proc
 * file should be must fail fast rather than stall every request.  Names
 * below the proc root are resolved by the kernel with symbolic links
 * refused, so an entry of a fixture tree (or a file swapped for a link
 * after the scan) can never make us read or write another file.
 */
#include "read_file.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int open_beneath(const char *dir, const char *name, int flags)
{
	struct open_how how = {
		.flags = (unsigned)(flags | O_NONBLOCK | O_CLOEXEC | O_NOCTTY),
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	static bool no_openat2; /* before Linux 5.6, or under valgrind 3.19 */
	int dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	int fd = -1, err;

	if (dfd < 0)
		return -errno;
	if (!no_openat2) {
		fd = (int)syscall(SYS_openat2, dfd, name, &how, sizeof(how));
		no_openat2 = fd < 0 && errno == ENOSYS;
	}
	if (no_openat2) /* then the last component at least is no link */
		fd = openat(dfd, name, (int)how.flags | O_NOFOLLOW);
	err = errno;
	close(dfd);
	return fd < 0 ? -err : fd;
}

/* proc files report size 0, so read until EOF with a growing buffer. */
static int read_all(int fd, char **buf, size_t *len)
{
	size_t cap = 16384, n = 0;
	char *b = malloc(cap);

	if (!b)
		return ENOMEM;
	for (;;) {
		if (n + 1 == cap) {
			if (cap >= READ_FILE_MAX) {
				free(b);
				return EFBIG;
			}
			char *nb = realloc(b, cap * 2);
			if (!nb) {
				free(b);
				return ENOMEM;
			}
			b = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, b + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int err = errno;
			free(b);
			return err;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

int read_fd(int fd, char **buf, size_t *len)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return errno;
	if (!S_ISREG(st.st_mode))
		return S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	return read_all(fd, buf, len);
}

int read_file(const char *dir, const char *name, char **buf, size_t *len)
{
	int fd = open_beneath(dir, name, O_RDONLY);
	int err;

	if (fd < 0)
		return -fd;
	err = read_fd(fd, buf, len);
	close(fd);
	return err;
}

const char *read_file_error(int err)
{
	switch (err) {
	case EINVAL: /* read_fd()'s answer for what is not a regular file */
		return "not a regular file";
	case ELOOP:
		return "a symbolic link, not followed";
	default:
		return strerror(err);
	}
}
