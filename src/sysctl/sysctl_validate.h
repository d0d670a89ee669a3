/*
 * The kernel's verdict on a write, predicted: would writing this text to
 * this sysctl succeed?  Mirrors the proc handlers' parsing (proc_get_long:
 * leading white space skipped, "0x" hex and leading-0 octal accepted, '+'
 * refused, a number must be followed by white space) and their range and
 * overflow checks, including the cross-field checks of the port ranges.
 */
#ifndef IPSTACK_SYSCTL_VALIDATE_H
#define IPSTACK_SYSCTL_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "sysctl_table.h"

enum sysctl_verdict {
	SYSCTL_ACCEPT,
	SYSCTL_WRONG_VALUE, /* the kernel would answer EINVAL/ERANGE/ENOENT/EPERM */
	SYSCTL_WRONG_LENGTH, /* longer than the kernel's buffer */
	SYSCTL_READ_ONLY, /* the handler takes no writes */
};

/*
 * What the cross-field checks read: the tree below <proc_root>/sys/net, and
 * for an IPv6 device's MTU the current network namespace's device.
 */
struct sysctl_env {
	const char *proc_root;
	bool init_netns; /* outside it, only allowed congestion controls */
};

/* Longest text we pass to the kernel (DisplayString's limit). */
#define SYSCTL_TEXT_MAX 255

/*
 * The verdict on writing `len` bytes of `text` to the entry `path` (as in
 * sysctl_tree.h), whose row is `row`; `why` gets a one-line reason.
 */
enum sysctl_verdict sysctl_validate(const struct sysctl_row *row, const char *path,
				    const char *text, size_t len, const struct sysctl_env *env,
				    char *why, size_t whylen);

#endif
