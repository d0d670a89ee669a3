/*
 * Reading small kernel files without ever blocking: the agent answers the
 * master from a single thread, so a FIFO or a device planted where a proc
 * file should be must fail fast rather than stall every request.
 */
#include "read_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int open_regular(const char *path, int *fd)
{
	struct stat st;

	*fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (*fd < 0)
		return errno;
	if (fstat(*fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		close(*fd);
		return err;
	}
	return 0;
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

int read_file(const char *dir, const char *name, char **buf, size_t *len)
{
	char path[4096];
	int fd, err;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return ENAMETOOLONG;
	err = open_regular(path, &fd);
	if (err)
		return err;
	err = read_all(fd, buf, len);
	close(fd);
	return err;
}
