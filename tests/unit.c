/* One libcheck runner for every unit suite. */
#include "unit.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *test_data(const char *rel)
{
	static char path[4096];
	const char *dir = getenv("TESTS_DATA");

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/data", rel);
	return path;
}

void test_write(const char *dir, const char *name, const char *text, unsigned mode)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, (mode_t)mode);
	ck_assert_msg(fd >= 0, "cannot create %s", path);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	chmod(path, (mode_t)mode); /* past the umask */
}

char *test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);

	ck_assert_msg(f != NULL, "cannot open %s", path);
	for (size_t r; (r = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
		n += r;
		if (n + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int main(void)
{
	SRunner *sr = srunner_create(proc_counters_suite());
	int failed;

	srunner_add_suite(sr, counter_store_suite());
	srunner_add_suite(sr, mib_view_suite());
	srunner_add_suite(sr, sysctl_suite());
	srunner_add_suite(sr, mib_private_suite());
	srunner_add_suite(sr, conn_table_suite());
	srunner_add_suite(sr, config_file_suite());
	srunner_add_suite(sr, sysctl_txn_suite());
	srunner_add_suite(sr, tunable_watch_suite());
	srunner_add_suite(sr, table_set_suite());
	srunner_add_suite(sr, handlers_suite());
	srunner_add_suite(sr, rtnl_suite());
	srunner_add_suite(sr, sort_in_place_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
