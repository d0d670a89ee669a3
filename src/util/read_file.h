/*
 * Opening and reading small kernel files without ever blocking, and never
 * through a symbolic link below the directory the caller names.
 */
#ifndef IPSTACK_READ_FILE_H
#define IPSTACK_READ_FILE_H

#include <stddef.h>

/* Largest file we read; /proc/net/netstat is about 8 KiB on 6.x kernels. */
#define READ_FILE_MAX (1024 * 1024)

/*
 * Open `dir`/`name` with `flags` (O_RDONLY or O_WRONLY; non-blocking and
 * close-on-exec are added).  `dir` is trusted as given (the proc root may
 * be reached through links, and /proc/net is one); no component of `name`
 * may be a symbolic link or "..".  Returns a descriptor, or -errno (ELOOP
 * for a link).
 */
int open_beneath(const char *dir, const char *name, int flags);

/*
 * Read the open descriptor whole into a malloc'd, NUL-terminated buffer.
 * Only regular files are read (a FIFO or device could block the agent):
 * anything else gives EINVAL (EISDIR for a directory); more than
 * READ_FILE_MAX bytes gives EFBIG.  Returns 0 or an errno value; `fd` stays
 * open.
 */
int read_fd(int fd, char **buf, size_t *len);

/* For a message: what one of these errno values means for a file we read. */
const char *read_file_error(int err);

/* open_beneath(dir, name, O_RDONLY), then read_fd(). */
int read_file(const char *dir, const char *name, char **buf, size_t *len);

#endif
