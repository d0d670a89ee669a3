/* The unit-test runner's suites, one per source file under test. */
#ifndef IPSTACK_TESTS_UNIT_H
#define IPSTACK_TESTS_UNIT_H

#include <check.h>
#include <stddef.h>

Suite *proc_counters_suite(void);
Suite *counter_store_suite(void);
Suite *mib_view_suite(void);
Suite *sysctl_suite(void);
Suite *mib_private_suite(void);
Suite *conn_table_suite(void);
Suite *config_file_suite(void);
Suite *sysctl_txn_suite(void);
Suite *tunable_watch_suite(void);
Suite *table_set_suite(void);
Suite *handlers_suite(void);
Suite *rtnl_suite(void);
Suite *sort_in_place_suite(void);

/* $TESTS_DATA/<rel>, in a static buffer. */
const char *test_data(const char *rel);
/* Write `text` to dir/name (created or truncated) with `mode`; aborts the test on failure. */
void test_write(const char *dir, const char *name, const char *text, unsigned mode);
/* Whole file into a malloc'd buffer (NUL-terminated); aborts the test on failure. */
char *test_slurp(const char *path, size_t *len);

#endif
