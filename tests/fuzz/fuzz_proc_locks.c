/* SPDX-License-Identifier: MIT */
/*
 * fuzz_proc_locks.c - the /proc/locks parser (tui/inspect/proc_locks.h):
 * the input is a whole file, loaded by proc_locks_load as the lock views
 * load the kernel's (through a memory file), then turned into the set of
 * locked inodes the browser marks keys with.
 */
#include "fuzz.h"

#include "inspect/proc_locks.h"

#include <sys/mman.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static void check_set(const struct proc_locks *locks, dev_t dev)
{
	struct locked_set set;
	if (locked_set_build(locks, dev, 1, &set) != 0)
		return;
	for (size_t i = 0; i < set.n; i++) {
		FUZZ_CHECK(i == 0 || set.v[i - 1].ino < set.v[i].ino);
		FUZZ_CHECK(locked_set_find(&set, set.v[i].ino) == &set.v[i]);
	}
	locked_set_free(&set);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* one line on its own, as the parser's own entry point */
	char *line = fuzz_cstring(data, size);
	struct proc_lock one;
	if (proc_locks_parse_line(line, &one) == 0)
		FUZZ_CHECK(one.id >= 0 && (one.pid >= 0 || one.pid == -1));
	free(line);

	int fd = memfd_create("proc-locks", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	struct proc_locks locks;
	if (proc_locks_load(path, &locks) == 0) {
		for (size_t i = 0; i < locks.n; i++) {
			const struct proc_lock *l = &locks.v[i];
			FUZZ_CHECK(l->cls <= PROC_LOCK_OTHER &&
				   l->access <= PROC_LOCK_NONE);
			(void)proc_lock_class_name(l->cls);
			(void)proc_lock_mode_name(l->access);
		}
		if (locks.n > 0)
			check_set(&locks, makedev(locks.v[0].dev_major,
						  locks.v[0].dev_minor));
		check_set(&locks, makedev(0, 42));
		proc_locks_free(&locks);
	}
	close(fd);
	return 0;
}
