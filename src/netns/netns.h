/*
 * Network namespaces as files: what a netnsDir holds (iproute2's
 * /run/netns, Docker's /run/docker/netns: nsfs bind mounts), and running
 * code inside one of them.
 *
 * Folder src/netns/: no net-snmp headers; may include src/util/.
 *
 * Inside a namespace, /proc/net/... (a link to /proc/self/net) and
 * /proc/sys/net/... are that namespace's, and a netlink socket created
 * there dumps its sockets: so every read of a context happens between
 * netns_enter() and netns_leave().  Files and sockets keep the namespace
 * they were opened in.
 */
#ifndef IPSTACK_NETNS_H
#define IPSTACK_NETNS_H

#include <stdbool.h>
#include <sys/types.h>

/* A namespace file, opened: its descriptor keeps the namespace alive. */
struct netns_file {
	int fd;
	ino_t id; /* the namespace's inode number: the same namespace, the same id */
};

/* netns_open(): the file is there, but it is no network namespace. */
#define NETNS_NOT_NET (-1)

/*
 * Open `path` and check it is a network namespace.  0, a positive errno
 * when it cannot be opened (ELOOP: a symbolic link, never followed), or
 * NETNS_NOT_NET: a plain file (iproute2
 * creates the file before it bind-mounts the namespace on it), another
 * bind mount, or a namespace of another type.
 */
int netns_open(const char *path, struct netns_file *out);
void netns_close(struct netns_file *ns);

/*
 * Once, before any netns_enter(): remember the namespace to come back to.
 * 0, or a positive errno; EPERM when the process may not enter namespaces
 * (setns needs CAP_SYS_ADMIN).
 */
int netns_home_init(void);
void netns_home_close(void);
/* Whether the process may still enter namespaces: 0, or a positive errno. */
int netns_enter_home_check(void);
/* Whether netns_home_init() succeeded. */
bool netns_available(void);

/*
 * Enter `ns` (fd -1: stay at home).  0, or a positive errno.  Every
 * successful call is paired with netns_leave() before anything else of
 * the process runs (the daemon is single-threaded: nothing else does).
 */
int netns_enter(int fd);
/* Back home; a failure to come back aborts: no request may run elsewhere. */
void netns_leave(int fd);

/* Names in a directory, sorted; a callback per entry that is not hidden. */
typedef void (*netns_entry_fn)(void *ctx, const char *dir, const char *name);
/* 0, or a positive errno when the directory cannot be read. */
int netns_dir_list(const char *dir, netns_entry_fn fn, void *ctx);

#endif
