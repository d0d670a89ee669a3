/* Namespace files and directories of them (see netns.h). */
#include "netns.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

int netns_open(const char *path, struct netns_file *out)
{
	struct stat st;
	int fd;

	out->fd = -1;
	/* nsfs files are regular files: never open a device, FIFO or socket
	 * someone put in the directory (opening some devices does things),
	 * nor follow a symbolic link out of it (/proc/self/ns/net would serve
	 * our own namespace under another name; ELOOP) */
	if (lstat(path, &st) != 0)
		return errno;
	if (S_ISLNK(st.st_mode))
		return ELOOP;
	if (!S_ISREG(st.st_mode))
		return NETNS_NOT_NET;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW);
	if (fd < 0)
		return errno;
	/* NS_GET_NSTYPE answers only on nsfs files: anything else is ENOTTY */
	if (ioctl(fd, NS_GET_NSTYPE) != CLONE_NEWNET || fstat(fd, &st) != 0) {
		close(fd);
		return NETNS_NOT_NET;
	}
	out->fd = fd;
	out->id = st.st_ino;
	return 0;
}

void netns_close(struct netns_file *ns)
{
	if (ns->fd >= 0)
		close(ns->fd);
	ns->fd = -1;
}

int netns_dir_list(const char *dir, netns_entry_fn fn, void *ctx)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);

	if (n < 0)
		return errno;
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.')
			fn(ctx, dir, names[i]->d_name);
		free(names[i]);
	}
	free(names);
	return 0;
}
