/*
 * Memory of the route snapshots (bench/routes.sh): four builds of the
 * namespace's routes into two snapshots, alternately, as the table engine
 * keeps the one served and fills the other.  Prints the resident set
 * after each build and the bytes per route of one snapshot and of the
 * peak.  Linked with the build's libipstack-core.a:
 *
 *   route-builds            (in the namespace whose routes to read)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "route.h"
#include "rtnl_dump.h"

/* A field of /proc/self/status in KiB ("VmRSS", "VmHWM"). */
static long status_kib(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	size_t len = strlen(field);
	char line[256];
	long kib = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, field, len) && line[len] == ':')
			kib = atol(line + len + 1);
	if (f)
		fclose(f);
	return kib;
}

int main(void)
{
	struct route_snap snap[2] = { { 0 }, { 0 } };
	void *sock = rtnl_builder_new();
	long start = status_kib("VmRSS"), rss[4];
	size_t n = 0;

	if (!sock) {
		fprintf(stderr, "route-builds: no netlink socket\n");
		return 1;
	}
	for (int i = 0; i < 4; i++) {
		int err = route_build(sock, &snap[i % 2]);

		if (err < 0) {
			fprintf(stderr, "route-builds: %s\n", rtnl_strerror(err));
			return 1;
		}
		n = snap[i % 2].n;
		rss[i] = status_kib("VmRSS");
	}
	printf("RSS after builds 1-4 (KiB): %ld %ld %ld %ld, peak %ld; %zu rows: one snapshot "
	       "%.0f B a row, the peak %.0f B a row above the start\n",
	       rss[0], rss[1], rss[2], rss[3], status_kib("VmHWM"), n,
	       (double)(rss[0] - start) * 1024 / (double)(n ? n : 1),
	       (double)(status_kib("VmHWM") - start) * 1024 / (double)(n ? n : 1));
	route_snap_free(&snap[0]);
	route_snap_free(&snap[1]);
	rtnl_builder_free(sock);
	return 0;
}
