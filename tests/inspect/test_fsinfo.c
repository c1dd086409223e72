/* SPDX-License-Identifier: MIT */
/* test_fsinfo.c - file system names and lock meanings, mountinfo lookup on
 * a fixture, and the counts of a scratch database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "flockd.h"
#include "inspect/fsinfo.h"
#include "lib/testutil.h"

#include <sys/sysmacros.h>

static const char *fixture(const char *name)
{
	const char *src = getenv("top_srcdir");
	static char path[4096];
	snprintf(path, sizeof path, "%s/tests/inspect/fixtures/%s",
		 src ? src : ".", name);
	return path;
}

static void test_names_and_meanings(void **state)
{
	(void)state;
	assert_string_equal(fsinfo_type_name(0xef53), "ext4");
	assert_string_equal(fsinfo_type_name(0x58465342), "xfs");
	assert_string_equal(fsinfo_type_name(FSINFO_BTRFS_MAGIC), "btrfs");
	assert_string_equal(fsinfo_type_name(0x01021994), "tmpfs");
	assert_string_equal(fsinfo_type_name(0x6969), "nfs");
	assert_string_equal(fsinfo_type_name(0xff534d42), "cifs");
	assert_string_equal(fsinfo_type_name(0xfe534d42), "smb2");
	assert_string_equal(fsinfo_type_name(0x65735546), "fuse");
	assert_string_equal(fsinfo_type_name(0x794c7630), "overlay");
	assert_null(fsinfo_type_name(0x12345678));
	assert_int_equal(fsinfo_locks_of(0xef53), FS_LOCKS_LOCAL);
	assert_int_equal(fsinfo_locks_of(0x6969), FS_LOCKS_NFS);
	assert_int_equal(fsinfo_locks_of(0x65735546), FS_LOCKS_FUSE);
	assert_int_equal(fsinfo_locks_of(0xff534d42), FS_LOCKS_MANDATORY);
	assert_int_equal(fsinfo_locks_of(0x12345678), FS_LOCKS_UNKNOWN);
	assert_non_null(strstr(fsinfo_locks_meaning(FS_LOCKS_FUSE),
			       "this machine only"));
	assert_non_null(strstr(fsinfo_locks_meaning(FS_LOCKS_NFS),
			       "across NFS clients"));
	assert_non_null(strstr(fsinfo_locks_meaning(FS_LOCKS_MANDATORY),
			       "mandatory"));
	assert_string_equal(fsinfo_locks_label(FS_LOCKS_LOCAL), "local");
}

static void test_mountinfo(void **state)
{
	(void)state;
	struct fs_mount m;
	const char *mi = fixture("mountinfo.txt");
	assert_int_equal(fsinfo_mount_of(mi, makedev(0, 46), NULL, &m), 0);
	assert_string_equal(m.fstype, "fuse.sshfs");
	assert_string_equal(m.mount_point, "/srv/sshfs");
	assert_string_equal(m.source, "user@host:/data");
	/* octal escapes in mount points are decoded */
	assert_int_equal(fsinfo_mount_of(mi, makedev(0, 45), NULL, &m), 0);
	assert_string_equal(m.fstype, "cifs");
	assert_string_equal(m.mount_point, "/mnt/my share");
	/* no optional fields before the separator */
	assert_int_equal(fsinfo_mount_of(mi, makedev(0, 47), NULL, &m), 0);
	assert_string_equal(m.fstype, "nfs4");
	/* a bind mount: the longest mount point containing the path wins */
	assert_int_equal(fsinfo_mount_of(mi, makedev(254, 0), "/srv/bind/db",
					 &m), 0);
	assert_string_equal(m.mount_point, "/srv/bind");
	assert_int_equal(fsinfo_mount_of(mi, makedev(254, 0), "/home/db", &m),
			 0);
	assert_string_equal(m.mount_point, "/");
	assert_int_equal(fsinfo_mount_of(mi, makedev(7, 7), NULL, &m), ENOENT);
	assert_int_equal(fsinfo_mount_of("/nonexistent", makedev(7, 7), NULL,
					 &m), ENOENT);
}

static void test_counts_and_facts(void **state)
{
	(void)state;
	char *dir = testutil_mkdtemp();
	char p[4096];
	snprintf(p, sizeof p, "%s/a.kv", dir);
	testutil_write_file(p, "12345", 5);
	snprintf(p, sizeof p, "%s/b.kv", dir);
	testutil_write_file(p, "", 0);
	snprintf(p, sizeof p, "%s/a.kvTMP", dir);
	testutil_write_file(p, "temp", 4);
	snprintf(p, sizeof p, "%s/x.tbl", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/x.tbl/c.kv", dir);
	testutil_write_file(p, "123", 3);
	flockd_db *db;
	assert_int_equal(flockd_open(dir, 1000, FLOCKD_OPEN_READONLY, &db), 0);
	struct fs_counts c;
	assert_int_equal(fsinfo_count(db, &c), 0);
	assert_int_equal(c.tables, 2);
	assert_int_equal(c.keys, 3);
	assert_int_equal(c.bytes, 8);
	assert_int_equal(c.unreadable, 0);
	flockd_close(db);

	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct fs_facts f;
	assert_int_equal(fsinfo_facts(fd, dir, FSINFO_MOUNTINFO_PATH, &f), 0);
	assert_true(f.f_type != 0);
	/* whatever the test machine has, it is named and explained */
	assert_non_null(fsinfo_locks_meaning(f.locks));
	close(fd);
	testutil_rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_and_meanings),
		cmocka_unit_test(test_mountinfo),
		cmocka_unit_test(test_counts_and_facts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
