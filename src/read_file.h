/*
 * Reading small kernel files without ever blocking.
 */
#ifndef IPSTACK_READ_FILE_H
#define IPSTACK_READ_FILE_H

#include <stddef.h>

/* Largest file we read; /proc/net/netstat is about 8 KiB on 6.x kernels. */
#define READ_FILE_MAX (1024 * 1024)

/*
 * Read `dir`/`name` whole into a malloc'd, NUL-terminated buffer.  Only
 * regular files are read (a FIFO or device could block the agent), opened
 * non-blocking.  Returns 0, or an errno value (EFTYPE-like cases give EINVAL,
 * oversize gives EFBIG).
 */
int read_file(const char *dir, const char *name, char **buf, size_t *len);

#endif
