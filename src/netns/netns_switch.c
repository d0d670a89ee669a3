/* Entering a namespace and coming back (see netns.h). */
#include "netns.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int home = -1;

int netns_home_init(void)
{
	int err;

	if (home >= 0)
		return 0;
	/* thread-self: the namespace of this thread, the one setns() changes */
	home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home < 0)
		return errno;
	/* Entering the namespace we are in asks for the same privilege as any other. */
	if ((err = netns_enter_home_check()) != 0)
		netns_home_close();
	return err;
}

void netns_home_close(void)
{
	if (home >= 0)
		close(home);
	home = -1;
}

int netns_enter_home_check(void)
{
	if (home < 0)
		return EPERM;
	return setns(home, CLONE_NEWNET) == 0 ? 0 : errno;
}

bool netns_available(void)
{
	return home >= 0;
}

int netns_enter(int fd)
{
	if (fd < 0)
		return 0;
	if (home < 0)
		return EPERM;
	return setns(fd, CLONE_NEWNET) == 0 ? 0 : errno;
}

void netns_leave(int fd)
{
	if (fd < 0)
		return;
	if (setns(home, CLONE_NEWNET) != 0) {
		/* Every later read would be another namespace's: stop here. */
		fprintf(stderr, "ipstack-agentx: cannot return to the home network namespace\n");
		abort();
	}
}
