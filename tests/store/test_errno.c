/* SPDX-License-Identifier: MIT */
/*
 * test_errno.c - failing system calls, made to fail by a seccomp filter in
 * a child: ENOSPC and EIO come back as themselves from every write path,
 * with the step that failed, the old value intact and no temp file left;
 * and when only the directory fsync fails, the caller can tell that the
 * new value is in place (flockd_table_installed).
 */
#include "store_test.h"

struct fault {
	const char *what;
	long nr;          /* the system call that fails */
	int err;          /* with this errno */
	const char *step; /* the step the store must name */
};

static const struct fault faults[] = {
	{"write ENOSPC", SYS_write, ENOSPC, "write temp file"},
	{"write EIO", SYS_write, EIO, "write temp file"},
	{"fsync ENOSPC", SYS_fsync, ENOSPC, "fsync temp file"},
	{"fsync EIO", SYS_fsync, EIO, "fsync temp file"},
};

#define EXPECT_FAULT(call, t, f) do {                                        \
	int got_ = (call);                                                  \
	ST_CHILD_CHECK(failures, got_ == (f)->err &&                         \
				 !strcmp(flockd_table_last_step(t), (f)->step) && \
				 !flockd_table_installed(t),                 \
		       "%s, %s: got \"%s\" at \"%s\"", #call, (f)->what,      \
		       flockd_strerror(got_), flockd_table_last_step(t));   \
} while (0)

static int open_root(const char *path, flockd_db **db, flockd_table **t)
{
	if (flockd_open(path, ST_TIMEOUT_MS, 0, db) != FLOCKD_OK)
		return -1;
	return flockd_table_open(*db, "", 0, t) == FLOCKD_OK ? 0 : -1;
}

struct fault_run {
	struct st_fixture *fx;
	const struct fault *f;
};

/* Every write path under one fault. The filter spares the descriptors
 * the test itself needs (stdout for its messages). */
static int fault_body(void *arg)
{
	struct fault_run *run = arg;
	const struct fault *f = run->f;
	int failures = 0;
	flockd_db *db;
	flockd_table *t;
	if (open_root(run->fx->dbpath, &db, &t) != 0)
		return 1;
	flockd_view *v;
	if (flockd_view_open(t, "k", &v) != FLOCKD_OK)
		return 1;
	char path[PATH_MAX];
	st_join(path, run->fx->scratch, "source");
	int src = testutil_write_file(path, "new", 3) == 0
			  ? open(path, O_RDONLY | O_CLOEXEC)
			  : -1;
	if (st_fail_syscall(f->nr, ST_FD_NOT, STDOUT_FILENO, f->err) != 0)
		return ST_CHILD_SKIP;
	/* a batch's syncfs fails alike, so it fsyncs each file to find
	 * which one failed */
	if (f->nr == SYS_fsync)
		st_fail_syscall(SYS_syncfs, ST_FD_ANY, 0, f->err);

	EXPECT_FAULT(flockd_set(t, "k", "new", 3), t, f);
	EXPECT_FAULT(flockd_create(t, "fresh", "new", 3), t, f);
	EXPECT_FAULT(flockd_update(t, "k", "new", 3), t, f);
	if (src >= 0)
		EXPECT_FAULT(flockd_put_from_fd(t, "k", src, FLOCKD_PUT_SET,
						NULL), t, f);
	EXPECT_FAULT(flockd_view_save(v, "new", 3, 0), t, f);
	ST_CHILD_CHECK(failures, flockd_view_check(v) == FLOCKD_OK,
		       "the view lost its file");

	flockd_batch *b;
	if (flockd_batch_begin(0, NULL, NULL, &b) == FLOCKD_OK) {
		int err = flockd_batch_put(b, t, "k", "new", 3, FLOCKD_PUT_SET);
		if (err == FLOCKD_OK)
			err = flockd_batch_commit(b);
		else
			flockd_batch_abort(b);
		ST_CHILD_CHECK(failures, err == f->err, "batch, %s: %s",
			       f->what, flockd_strerror(err));
	}
	ST_CHILD_CHECK(failures, st_value_str(t, "k", "old"), "old value lost");
	ST_CHILD_CHECK(failures, st_count_unexpected(run->fx->dbpath,
				     (const char *const[]){"k.kv", NULL}) == 0,
		       "leftovers");
	flockd_view_close(v);
	flockd_table_close(t);
	flockd_close(db);
	return failures;
}

static void test_errno_kept(void **state)
{
	struct st_fixture *fx = *state;
	assert_int_equal(flockd_set(fx->root, "k", "old", 3), FLOCKD_OK);
	for (size_t i = 0; i < sizeof faults / sizeof *faults; i++) {
		struct fault_run run = {fx, &faults[i]};
		st_in_child(faults[i].what, fault_body, &run);
	}
}

/* Only the directory's fsync fails: the value is in place, and the caller
 * can tell (step "fsync directory", flockd_table_installed). */
static int dir_fsync_body(void *arg)
{
	struct st_fixture *fx = arg;
	int failures = 0;
	flockd_db *db;
	flockd_table *t;
	flockd_view *v;
	if (open_root(fx->dbpath, &db, &t) != 0)
		return 1;
	if (st_fail_syscall(SYS_fsync, ST_FD_IS, flockd_table_dirfd(t), EIO) != 0)
		return ST_CHILD_SKIP;
	int err = flockd_set(t, "k", "set", 3);
	ST_CHILD_CHECK(failures, err == EIO && flockd_table_installed(t) &&
				 !strcmp(flockd_table_last_step(t),
					 "fsync directory") &&
				 st_value_str(t, "k", "set"),
		       "set: %s at %s", flockd_strerror(err),
		       flockd_table_last_step(t));
	/* the view's table has a descriptor of its own: fail that one too */
	if (flockd_view_open(t, "k", &v) != FLOCKD_OK)
		return failures + 1;
	for (int fd = 3; fd < 64; fd++)
		if (fd != flockd_table_dirfd(t) && fd != STDOUT_FILENO) {
			struct stat st, dst;
			if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) &&
			    fstat(flockd_table_dirfd(t), &dst) == 0 &&
			    st.st_ino == dst.st_ino)
				st_fail_syscall(SYS_fsync, ST_FD_IS, fd, EIO);
		}
	err = flockd_view_save(v, "view", 4, 0);
	size_t len;
	const void *shown = flockd_view_value(v, &len);
	ST_CHILD_CHECK(failures, err == EIO && flockd_table_installed(t) &&
				 st_same(shown, len, "view", 4) &&
				 st_value_str(t, "k", "view") &&
				 flockd_view_check(v) == FLOCKD_OK,
		       "view save: %s", flockd_strerror(err));
	flockd_view_close(v);
	flockd_table_close(t);
	flockd_close(db);
	return failures;
}

static void test_dir_fsync_failure_is_told_apart(void **state)
{
	struct st_fixture *fx = *state;
	assert_int_equal(flockd_set(fx->root, "k", "old", 3), FLOCKD_OK);
	st_in_child("directory fsync", dir_fsync_body, fx);
}

struct batch_outcome {
	int installed_with_error;
	int other;
};

static void count_outcome(const struct flockd_batch_result *r, void *ctx)
{
	struct batch_outcome *o = ctx;
	if (r->installed && r->err == EIO &&
	    !strcmp(r->step, "fsync directory"))
		o->installed_with_error++;
	else
		o->other++;
}

static int batch_dir_fsync_body(void *arg)
{
	struct st_fixture *fx = arg;
	int failures = 0;
	flockd_db *db;
	flockd_table *t;
	if (open_root(fx->dbpath, &db, &t) != 0)
		return 1;
	if (st_fail_syscall(SYS_fsync, ST_FD_IS, flockd_table_dirfd(t), EIO) != 0)
		return ST_CHILD_SKIP;
	struct batch_outcome o = {0, 0};
	flockd_batch *b;
	if (flockd_batch_begin(0, count_outcome, &o, &b) != FLOCKD_OK)
		return 1;
	flockd_batch_put(b, t, "k", "one", 3, FLOCKD_PUT_SET);
	flockd_batch_put(b, t, "k2", "two", 3, FLOCKD_PUT_SET);
	int err = flockd_batch_commit(b);
	ST_CHILD_CHECK(failures, err == EIO && o.installed_with_error == 2 &&
				 o.other == 0 && st_value_str(t, "k", "one") &&
				 st_value_str(t, "k2", "two"),
		       "batch: %s, %d installed with error, %d other",
		       flockd_strerror(err), o.installed_with_error, o.other);
	flockd_table_close(t);
	flockd_close(db);
	return failures;
}

static void test_batch_dir_fsync_failure(void **state)
{
	struct st_fixture *fx = *state;
	assert_int_equal(flockd_set(fx->root, "k", "old", 3), FLOCKD_OK);
	st_in_child("batch directory fsync", batch_dir_fsync_body, fx);
}

/* A replace's last two calls run in a helper child (store/handoff.c),
 * which inherits the filter: their failures come back as themselves, with
 * their step, the old value intact and no temp name left; without the
 * helper (clone refused) the store makes the calls itself. */
struct handoff_fault {
	const char *what;
	long nr[2];        /* fail these (-1: none) */
	int err;
	const char *step;  /* NULL: the set succeeds */
};

static const struct handoff_fault handoff_faults[] = {
	{"linkat EIO", {SYS_linkat, -1}, EIO, "name temp file"},
#ifdef SYS_renameat
	{"renameat ENOSPC", {SYS_renameat, SYS_renameat2}, ENOSPC,
	 "rename temp file"},
#else
	{"renameat ENOSPC", {SYS_renameat2, -1}, ENOSPC, "rename temp file"},
#endif
#ifdef SYS_clone3
	{"no helper", {SYS_clone, SYS_clone3}, EPERM, NULL},
#else
	{"no helper", {SYS_clone, -1}, EPERM, NULL},
#endif
};

struct handoff_run {
	struct st_fixture *fx;
	const struct handoff_fault *f;
};

static int handoff_body(void *arg)
{
	const struct handoff_run *run = arg;
	const struct handoff_fault *f = run->f;
	int failures = 0;
	flockd_db *db;
	flockd_table *t;
	if (open_root(run->fx->dbpath, &db, &t) != 0)
		return 1;
	for (int i = 0; i < 2; i++)
		if (f->nr[i] >= 0 &&
		    st_fail_syscall(f->nr[i], ST_FD_ANY, 0, f->err) != 0)
			return ST_CHILD_SKIP;
	int err = flockd_set(t, "k", "new", 3);
	if (f->step != NULL) {
		ST_CHILD_CHECK(failures, err == f->err &&
					 !strcmp(flockd_table_last_step(t), f->step) &&
					 !flockd_table_installed(t) &&
					 st_value_str(t, "k", "old"),
			       "%s: got \"%s\" at \"%s\"", f->what,
			       flockd_strerror(err), flockd_table_last_step(t));
	} else {
		ST_CHILD_CHECK(failures, err == FLOCKD_OK &&
					 st_value_str(t, "k", "new"),
			       "%s: %s", f->what, flockd_strerror(err));
	}
	ST_CHILD_CHECK(failures, st_count_unexpected(run->fx->dbpath,
				     (const char *const[]){"k.kv", NULL}) == 0,
		       "%s: leftovers", f->what);
	flockd_table_close(t);
	flockd_close(db);
	return failures;
}

static void test_handoff_faults(void **state)
{
	struct st_fixture *fx = *state;
	for (size_t i = 0; i < sizeof handoff_faults / sizeof *handoff_faults;
	     i++) {
		assert_int_equal(flockd_set(fx->root, "k", "old", 3), FLOCKD_OK);
		struct handoff_run run = {fx, &handoff_faults[i]};
		st_in_child(handoff_faults[i].what, handoff_body, &run);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_errno_kept, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_dir_fsync_failure_is_told_apart,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_batch_dir_fsync_failure,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_handoff_faults, st_setup,
						st_teardown),
	};
	return cmocka_run_group_tests_name("store errno", tests, NULL, NULL);
}
