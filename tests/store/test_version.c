/* SPDX-License-Identifier: MIT */
/*
 * test_version.c - the library's version: flockd_version() and the
 * FLOCKD_VERSION_* macros both come from configure.ac's AC_INIT.
 */
#include "config.h"

#include "store_test.h"

static void test_version_matches_configure(void **state)
{
	(void)state;
	int major = -1, minor = -1, patch = -1;
	const char *v = flockd_version(&major, &minor, &patch);
	assert_string_equal(v, PACKAGE_VERSION);
	assert_string_equal(FLOCKD_VERSION_STRING, PACKAGE_VERSION);
	assert_int_equal(major, FLOCKD_VERSION_MAJOR);
	assert_int_equal(minor, FLOCKD_VERSION_MINOR);
	assert_int_equal(patch, FLOCKD_VERSION_PATCH);
	char joined[64];
	snprintf(joined, sizeof joined, "%d.%d.%d", major, minor, patch);
	assert_string_equal(joined, PACKAGE_VERSION);
	assert_int_equal(FLOCKD_VERSION_NUMBER,
			 major * 1000000L + minor * 1000L + patch);
	assert_true(FLOCKD_VERSION_NUMBER >= FLOCKD_VERSION_ENCODE(0, 1, 0));
	/* NULL parts are allowed */
	assert_ptr_equal(flockd_version(NULL, NULL, NULL), v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_matches_configure),
	};
	return cmocka_run_group_tests_name("store version", tests, NULL, NULL);
}
