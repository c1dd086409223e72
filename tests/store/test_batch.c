/* SPDX-License-Identifier: MIT */
/*
 * test_batch.c - batched writes: every value lands with the same rules as
 * a set (locks, verification, create/update meaning, mode kept), each one's
 * outcome comes back once through the callback, in order, groups larger
 * than the descriptor budget work, abort and failures leave nothing, and a
 * writer killed at any point leaves each key with its old or new value.
 */
#include "store_test.h"

#include <dirent.h>
#include <sys/resource.h>

struct outcomes {
	size_t n;
	size_t next_index;   /* callbacks come in put order */
	int in_order;
	int errors[4096];
	unsigned installed;
	char last_step[64];
};

static void collect(const struct flockd_batch_result *r, void *ctx)
{
	struct outcomes *o = ctx;
	if (r->index < o->next_index)
		o->in_order = 0;
	o->next_index = r->index + 1;
	if (r->index < 4096)
		o->errors[r->index] = r->err;
	o->installed += r->installed != 0;
	if (r->err != FLOCKD_OK)
		snprintf(o->last_step, sizeof o->last_step, "%s", r->step);
	o->n++;
}

#define MANY 2500

static void test_batch_many_keys(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *other;
	assert_int_equal(flockd_table_open(fx->db, "other",
					   FLOCKD_TABLE_CREATE_ON_WRITE, &other),
			 FLOCKD_OK);
	assert_int_equal(flockd_set(fx->root, "k7", "old", 3), FLOCKD_OK);
	char path[PATH_MAX];
	assert_int_equal(chmod(st_join(path, fx->dbpath, "k7.kv"), 0644), 0);
	struct outcomes o = {.in_order = 1};
	flockd_batch *b;
	assert_int_equal(flockd_batch_begin(0, collect, &o, &b), FLOCKD_OK);
	char key[32], val[32];
	for (int i = 0; i < MANY; i++) {
		snprintf(key, sizeof key, "k%d", i);
		snprintf(val, sizeof val, "value %d", i);
		assert_int_equal(flockd_batch_put(b, i % 2 ? other : fx->root,
						  key, val, strlen(val),
						  FLOCKD_PUT_SET), FLOCKD_OK);
	}
	assert_int_equal(flockd_batch_commit(b), FLOCKD_OK);
	assert_int_equal(o.n, MANY);
	assert_true(o.in_order);
	assert_int_equal(o.installed, MANY);
	for (int i = 0; i < MANY; i += 97) {
		snprintf(key, sizeof key, "k%d", i);
		snprintf(val, sizeof val, "value %d", i);
		assert_true(st_value_str(i % 2 ? other : fx->root, key, val));
	}
	assert_true(st_value_str(other, "k7", "value 7"));
	assert_true(st_value_str(fx->root, "k8", "value 8"));
	flockd_table_close(other);
}

static void test_batch_modes_and_mode_bits(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	assert_int_equal(flockd_set(fx->root, "exists", "old", 3), FLOCKD_OK);
	assert_int_equal(chmod(st_join(path, fx->dbpath, "exists.kv"), 0644), 0);
	struct outcomes o = {.in_order = 1};
	flockd_batch *b;
	assert_int_equal(flockd_batch_begin(0, collect, &o, &b), FLOCKD_OK);
	/* refused at once: no callback, but the index is used */
	assert_int_equal(flockd_batch_put(b, fx->root, "exists", "c", 1,
					  FLOCKD_PUT_CREATE), FLOCKD_EEXIST);
	assert_int_equal(flockd_batch_put(b, fx->root, "missing", "u", 1,
					  FLOCKD_PUT_UPDATE), FLOCKD_ENOTFOUND);
	assert_int_equal(flockd_batch_put(b, fx->root, "a/b", "x", 1,
					  FLOCKD_PUT_SET), FLOCKD_EINVALID);
	assert_int_equal(flockd_batch_put(b, fx->root, "exists", "new", 3,
					  FLOCKD_PUT_UPDATE), FLOCKD_OK);
	assert_int_equal(flockd_batch_put(b, fx->root, "late", "first", 5,
					  FLOCKD_PUT_CREATE), FLOCKD_OK);
	/* created by someone else before the batch installs it */
	assert_int_equal(flockd_set(fx->root, "late", "theirs", 6), FLOCKD_OK);
	assert_int_equal(flockd_batch_commit(b), FLOCKD_EEXIST);
	assert_int_equal(o.n, 2);
	assert_int_equal(o.errors[3], FLOCKD_OK);
	assert_int_equal(o.errors[4], FLOCKD_EEXIST);
	assert_string_equal(o.last_step, "create key");
	assert_true(st_value_str(fx->root, "exists", "new"));
	assert_true(st_value_str(fx->root, "late", "theirs"));
	struct stat st;
	assert_int_equal(lstat(st_join(path, fx->dbpath, "exists.kv"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	ST_ASSERT_ONLY(fx->dbpath, "exists.kv", "late.kv");
}

/* A locked key waits its timeout and fails alone. */
static void test_batch_locked_key(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "busy.kv");
	assert_int_equal(flockd_set(fx->root, "busy", "old", 3), FLOCKD_OK);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, path, LOCK_SH), 0);
	struct outcomes o = {.in_order = 1};
	flockd_batch *b;
	assert_int_equal(flockd_batch_begin(0, collect, &o, &b), FLOCKD_OK);
	assert_int_equal(flockd_batch_put(b, fx->root, "a", "A", 1,
					  FLOCKD_PUT_SET), FLOCKD_OK);
	assert_int_equal(flockd_batch_put(b, fx->root, "busy", "new", 3,
					  FLOCKD_PUT_SET), FLOCKD_OK);
	assert_int_equal(flockd_batch_put(b, fx->root, "c", "C", 1,
					  FLOCKD_PUT_SET), FLOCKD_OK);
	assert_int_equal(flockd_batch_commit(b), FLOCKD_ETIMEOUT);
	st_locker_stop(&lk);
	assert_int_equal(o.n, 3);
	assert_int_equal(o.errors[1], FLOCKD_ETIMEOUT);
	assert_string_equal(o.last_step, "lock");
	assert_true(st_value_str(fx->root, "a", "A"));
	assert_true(st_value_str(fx->root, "busy", "old"));
	assert_true(st_value_str(fx->root, "c", "C"));
	ST_ASSERT_ONLY(fx->dbpath, "a.kv", "busy.kv", "c.kv");
}

static void test_batch_abort_and_pieces(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *t;
	assert_int_equal(flockd_table_open(fx->db, "new",
					   FLOCKD_TABLE_CREATE_ON_WRITE, &t),
			 FLOCKD_OK);
	struct outcomes o = {.in_order = 1};
	flockd_batch *b;
	assert_int_equal(flockd_batch_begin(0, collect, &o, &b), FLOCKD_OK);
	assert_int_equal(flockd_batch_put(b, t, "x", "X", 1, FLOCKD_PUT_SET),
			 FLOCKD_OK);
	assert_int_equal(flockd_batch_put_start(b, t, "y", FLOCKD_PUT_SET),
			 FLOCKD_OK);
	assert_int_equal(flockd_batch_write(b, "Y", 1), FLOCKD_OK);
	assert_int_equal(flockd_batch_put(b, t, "z", "Z", 1, FLOCKD_PUT_SET),
			 EBUSY);
	flockd_batch_abort(b);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.errors[0], ECANCELED);
	ST_ASSERT_EMPTY_DIR(fx->dbpath); /* not even the new table */
	flockd_batch_abort(NULL);

	/* a value in pieces; a dropped one leaves nothing */
	memset(&o, 0, sizeof o);
	o.in_order = 1;
	assert_int_equal(flockd_batch_begin(0, collect, &o, &b), FLOCKD_OK);
	assert_int_equal(flockd_batch_write(b, "?", 1), EINVAL);
	assert_int_equal(flockd_batch_put_start(b, t, "p", FLOCKD_PUT_CREATE),
			 FLOCKD_OK);
	for (int i = 0; i < 100; i++)
		assert_int_equal(flockd_batch_write(b, "piece ", 6), FLOCKD_OK);
	assert_int_equal(flockd_batch_put_end(b), FLOCKD_OK);
	assert_int_equal(flockd_batch_put_start(b, t, "q", FLOCKD_PUT_SET),
			 FLOCKD_OK);
	assert_int_equal(flockd_batch_write(b, "half", 4), FLOCKD_OK);
	flockd_batch_put_cancel(b);
	assert_int_equal(flockd_batch_put_end(b), EINVAL);
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	uint64_t copied = 9;
	assert_int_equal(flockd_batch_put_from_fd(b, t, "empty", fd,
						  FLOCKD_PUT_SET, &copied),
			 FLOCKD_OK);
	close(fd);
	assert_int_equal(copied, 0);
	assert_int_equal(flockd_batch_commit(b), FLOCKD_OK);
	assert_int_equal(o.n, 2);
	void *v;
	size_t len;
	assert_int_equal(flockd_get(t, "p", &v, &len), FLOCKD_OK);
	assert_int_equal(len, 600);
	free(v);
	assert_int_equal(flockd_get(t, "q", &v, &len), FLOCKD_ENOTFOUND);
	char path[PATH_MAX];
	ST_ASSERT_ONLY(st_join(path, fx->dbpath, "new.tbl"), "p.kv", "empty.kv");
	flockd_table_close(t);
	assert_int_equal(flockd_batch_begin(1, NULL, NULL, &b), EINVAL);
}

/* A value given in pieces with the time of the copy it is: the key has
 * that time once installed, new or replacing a key (whose mode it keeps);
 * a bad time is refused and nothing changes. */
static void test_batch_put_mtime(void **state)
{
	struct st_fixture *fx = *state;
	assert_int_equal(flockd_set(fx->root, "old", "was", 3), FLOCKD_OK);
	char path[PATH_MAX];
	assert_int_equal(chmod(st_join(path, fx->dbpath, "old.kv"), 0640), 0);
	struct outcomes o = {.in_order = 1};
	flockd_batch *b;
	struct flockd_timespec when = {1700000000, 123456789};
	assert_int_equal(flockd_batch_begin(0, collect, &o, &b), FLOCKD_OK);
	assert_int_equal(flockd_batch_put_mtime(b, &when), EINVAL);
	const char *keys[] = {"new", "old"};
	for (int i = 0; i < 2; i++) {
		assert_int_equal(flockd_batch_put_start(b, fx->root, keys[i],
							FLOCKD_PUT_SET),
				 FLOCKD_OK);
		assert_int_equal(flockd_batch_put_mtime(b, &when), FLOCKD_OK);
		assert_int_equal(flockd_batch_write(b, "copied", 6), FLOCKD_OK);
		assert_int_equal(flockd_batch_put_end(b), FLOCKD_OK);
	}
	struct flockd_timespec bad = {1, 1000000000L};
	assert_int_equal(flockd_batch_put_start(b, fx->root, "bad",
						FLOCKD_PUT_SET), FLOCKD_OK);
	assert_int_equal(flockd_batch_put_mtime(b, &bad), EINVAL);
	assert_int_equal(flockd_batch_put_mtime(b, NULL), EINVAL);
	flockd_batch_put_cancel(b);
	assert_int_equal(flockd_batch_commit(b), FLOCKD_OK);
	assert_int_equal(o.n, 2);
	for (int i = 0; i < 2; i++) {
		struct flockd_stat st;
		assert_int_equal(flockd_key_stat(fx->root, keys[i], &st),
				 FLOCKD_OK);
		assert_int_equal(st.mtime.tv_sec, when.tv_sec);
		assert_int_equal(st.mtime.tv_nsec, when.tv_nsec);
		assert_true(st_value_str(fx->root, keys[i], "copied"));
		assert_int_equal(st.mode & 07777, i == 0 ? 0600 : 0640);
	}
	struct flockd_stat st;
	assert_int_equal(flockd_key_stat(fx->root, "bad", &st),
			 FLOCKD_ENOTFOUND);
}

/*
 * A writer killed at any point of a batch: every key holds its old value
 * or its new one, whole. Old values are "old-K", new ones "new-K"
 * padded to a few KiB, so a torn value shows.
 */
#define CRASH_KEYS 200
#define PAD 3000

static void make_value(char *buf, const char *what, int k)
{
	int n = snprintf(buf, PAD + 32, "%s-%d:", what, k);
	memset(buf + n, what[0], PAD);
	buf[n + PAD] = '\0';
}

/* Write every key's `what` value in one batch. */
static int write_all(flockd_table *t, const char *what)
{
	flockd_batch *b;
	if (flockd_batch_begin(0, NULL, NULL, &b) != FLOCKD_OK)
		return -1;
	char key[32], val[PAD + 32];
	for (int k = 0; k < CRASH_KEYS; k++) {
		snprintf(key, sizeof key, "k%d", k);
		make_value(val, what, k);
		if (flockd_batch_put(b, t, key, val, strlen(val),
				     FLOCKD_PUT_SET) != FLOCKD_OK) {
			flockd_batch_abort(b);
			return -1;
		}
	}
	return flockd_batch_commit(b) == FLOCKD_OK ? 0 : -1;
}

static void crash_child(struct st_fixture *fx)
{
	/* few descriptors: small groups, so kills land in every phase */
	struct rlimit rl = {96, 96};
	setrlimit(RLIMIT_NOFILE, &rl);
	flockd_db *db;
	flockd_table *t;
	if (flockd_open(fx->dbpath, 5000, 0, &db) != FLOCKD_OK ||
	    flockd_table_open(db, "", 0, &t) != FLOCKD_OK)
		_exit(1);
	_exit(write_all(t, "new") == 0 ? 0 : 2);
}

/* Count (and remove) the entries of `dir` that are not keys. */
static int not_keys(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] != '.' &&
		    (len < 3 || strcmp(e->d_name + len - 3, ".kv") != 0)) {
			unlinkat(dirfd(d), e->d_name, 0);
			n++;
		}
	}
	closedir(d);
	return n;
}

static void test_batch_crash(void **state)
{
	struct st_fixture *fx = *state;
	char key[32], old[PAD + 32], new[PAD + 32];
	unsigned seed = (unsigned)getpid();
	long long span_ms = 0; /* how long a whole batch takes here */
	for (int round = 0; round < 10; round++) {
		assert_int_equal(write_all(fx->root, "old"), 0);
		fflush(stdout);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0)
			crash_child(fx);
		long long start = st_now_ms();
		if (round == 0) { /* measure: the others kill within it */
			waitpid(pid, NULL, 0);
			span_ms = st_now_ms() - start + 1;
		} else {
			seed = seed * 1103515245u + 12345u;
			usleep((useconds_t)((seed >> 8) % (span_ms * 1000)));
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
		int news = 0;
		for (int k = 0; k < CRASH_KEYS; k++) {
			snprintf(key, sizeof key, "k%d", k);
			make_value(old, "old", k);
			make_value(new, "new", k);
			void *v;
			size_t len;
			assert_int_equal(flockd_get(fx->root, key, &v, &len),
					 FLOCKD_OK);
			int is_new = st_same(v, len, new, strlen(new));
			if (!is_new && !st_same(v, len, old, strlen(old)))
				fail_msg("round %d: %s is torn (%zu bytes)",
					 round, key, len);
			news += is_new;
			free(v);
		}
		printf("# round %d: %d of %d keys new\n", round, news,
		       CRASH_KEYS);
		if (round == 0)
			assert_int_equal(news, CRASH_KEYS);
		/* one writer, killed once: at most one temp of it can be
		 * left (with unnamed temps only in the instant between
		 * naming one and renaming it over its key) */
		int left = not_keys(fx->dbpath);
		if (left > 0)
			printf("# round %d: %d temp file(s) left\n", round, left);
		assert_true(left <= 1);

	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_batch_many_keys, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_batch_modes_and_mode_bits,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_batch_locked_key, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_batch_abort_and_pieces,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_batch_put_mtime, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_batch_crash, st_setup,
						st_teardown),
	};
	return cmocka_run_group_tests_name("store batches", tests, NULL, NULL);
}
