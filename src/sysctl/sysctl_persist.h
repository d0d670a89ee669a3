/*
 * persistSets: tunables set through SNMP, kept in a sysctl.d(5) file so
 * that the next boot applies them.  The file is rewritten whole for each
 * SET (a temporary file in the same directory, fsync, rename, mode 0644):
 * a reader sees the old file or the new one, never a mix.  Each tunable
 * set gets one "key = value" line, replacing the lines of the same key;
 * every other line and comment is kept.
 *
 * Keys are sysctl.d's: "net.ipv4." or "net.ipv6." and the path with '.'
 * between components, a '.' inside a component (an interface name such as
 * eth0.100) written as '/'.  A key in the file written with '/' separators
 * ("net/ipv4/ip_forward") is the same key.  No SNMP here.
 */
#ifndef IPSTACK_SYSCTL_PERSIST_H
#define IPSTACK_SYSCTL_PERSIST_H

#include <stdbool.h>
#include <stddef.h>

/* One tunable written: its path (sysctl_tree.h's) and the text written. */
struct sysctl_persist_set {
	const char *path;
	const char *text;
	size_t len;
};

/* The sysctl.d key of an entry path; false if it does not fit. */
bool sysctl_persist_key(const char *path, char *out, size_t len);

/* The file's text (malloc'd); NULL with *err set (ENOENT: there is none). */
char *sysctl_persist_read(const char *file, int *err);

/*
 * Rewrite `file` with the lines for `sets`.  *old gets the file's text
 * before (malloc'd; NULL when there was no file) for sysctl_persist_restore.
 * 0, or an errno value: then the file is as it was.
 */
int sysctl_persist_update(const char *file, const struct sysctl_persist_set *sets, size_t n,
			  char **old);

/* Put back the text update replaced (NULL: remove the file).  0 or errno. */
int sysctl_persist_restore(const char *file, const char *old);

/*
 * Whether `file` (as read into `content`) sets `path` to `value` (tabs
 * and runs of blanks compare as one space).
 */
bool sysctl_persist_holds(const char *content, const char *path, const char *value);

#endif
