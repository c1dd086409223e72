/* SPDX-License-Identifier: MIT */
/*
 * sync_test.h - what the tests of tui/sync share: scratch databases made
 * of plain files (so a test states exactly what is on disk), times set
 * on them, and a fake remote shell that runs the "remote" command on
 * this machine. Header-only.
 */
#ifndef TESTS_SYNC_SYNC_TEST_H
#define TESTS_SYNC_SYNC_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "flockd.h"
#include "lib/testutil.h"

/* Room for a path below a scratch path. */
#define SY_PATH (2 * PATH_MAX + 64)

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

/* sy_file - write `data` (a string) to DIR/REL, making parent dirs. */
static inline void sy_file(const char *dir, const char *rel,
			   const char *data)
{
	char path[SY_PATH];
	mkdir(dir, 0755);
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	for (char *p = path + strlen(dir) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	assert_int_equal(testutil_write_file(path, data, strlen(data)), 0);
}

/* sy_time - set DIR/REL's modification time to `sec`.`nsec`. */
static inline void sy_time(const char *dir, const char *rel, time_t sec,
			    long nsec)
{
	char path[SY_PATH];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	struct timespec ts[2] = {{sec, nsec}, {sec, nsec}};
	assert_int_equal(utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW),
			 0);
}

/* sy_exists - does DIR/REL exist (without following a symlink)? */
static inline int sy_exists(const char *dir, const char *rel)
{
	char path[SY_PATH];
	struct stat st;
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	return lstat(path, &st) == 0;
}

/* sy_content - DIR/REL's bytes equal `want`? */
static inline int sy_content(const char *dir, const char *rel,
			     const char *want)
{
	char path[SY_PATH];
	size_t len;
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	char *got = testutil_read_file(path, &len);
	int same = got != NULL && len == strlen(want) &&
		   memcmp(got, want, len) == 0;
	free(got);
	return same;
}

/* sy_fake_rsh - a fake remote shell in DIR: it drops its options and the
 * host and runs its last argument (the remote command) with sh, here.
 * Returns its path (a static buffer). */
static inline const char *sy_fake_rsh(const char *dir)
{
	static char path[SY_PATH];
	snprintf(path, sizeof path, "%s/fake-ssh", dir);
	const char *script = "#!/bin/sh\n"
			     "while [ $# -gt 1 ]; do shift; done\n"
			     "exec sh -c \"$1\"\n";
	assert_int_equal(testutil_write_file(path, script, strlen(script)),
			 0);
	assert_int_equal(chmod(path, 0755), 0);
	return path;
}

#endif
