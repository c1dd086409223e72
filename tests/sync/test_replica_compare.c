/* SPDX-License-Identifier: MIT */
/* test_replica_compare.c - two replicas compared: every status (same,
 * only-a/b, differs by size and content, suspect by epoch and by same
 * mtime, conflict copies, leftovers, tables on one side, a key whose lock
 * does not come), newer sides; the same comparison with one side "remote"
 * (its manifest given by a fake remote shell) by hashes; a remote
 * manifest cut short or out of order; writing through a replica with
 * times carried; and sync's plan and copy. */
#include "sync_test.h"

#include "cli/cli_common.h"
#include "sync/manifest_wire.h"
#include "sync/replica_compare.h"
#include "sync/sync_plan.h"

#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#define CONFLICT "same.sync-conflict-20240102-030405-ABCDEFG.kv"

struct fixture {
	char *top, a[PATH_MAX], b[PATH_MAX];
	pid_t locker;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->top = testutil_mkdtemp();
	snprintf(f->a, sizeof f->a, "%s/a", f->top);
	snprintf(f->b, sizeof f->b, "%s/b", f->top);
	sy_file(f->a, "same.kv", "x");
	sy_file(f->b, "same.kv", "x");
	sy_file(f->a, "diff.kv", "hello");
	sy_file(f->b, "diff.kv", "hellO");
	sy_time(f->a, "diff.kv", 100, 0);
	sy_time(f->b, "diff.kv", 200, 0);
	sy_file(f->a, "size.kv", "abc");
	sy_file(f->b, "size.kv", "abcd");
	sy_time(f->a, "size.kv", 3000, 0);
	sy_time(f->b, "size.kv", 3001, 0);
	sy_file(f->a, "onlya.kv", "1");
	sy_file(f->b, "onlyb.kv", "2");
	sy_file(f->a, "torn.kv", "whole value");
	sy_file(f->b, "torn.kv", "whole");
	sy_time(f->b, "torn.kv", 0, 0);
	sy_file(f->a, "pair.kv", "full value");
	sy_file(f->b, "pair.kv", "full");
	/* the same second, one side without sub-seconds (a tool that keeps
	 * seconds only): suspect; both precise and different would be two
	 * writes, not a tear (test_classify) */
	sy_time(f->a, "pair.kv", 5000, 0);
	sy_time(f->b, "pair.kv", 5000, 2);
	sy_file(f->a, CONFLICT, "y");
	sy_file(f->b, "diff.kvAb12Cd34", "hel");
	sy_file(f->a, "onlya.tbl/k.kv", "k");
	sy_file(f->a, "shared.tbl/k.kv", "k");
	sy_file(f->b, "shared.tbl/k.kv", "k");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->locker > 0) {
		kill(f->locker, SIGKILL);
		waitpid(f->locker, NULL, 0);
	}
	testutil_rm_rf(f->top);
	free(f->top);
	free(f);
	return 0;
}

/* A writer in another process holding an exclusive lock on `path` until
 * the teardown kills it; returns once the lock is held. */
static void hold_lock(struct fixture *f, const char *path)
{
	int p[2];
	assert_int_equal(pipe(p), 0);
	f->locker = fork();
	if (f->locker == 0) {
		int fd = open(path, O_RDWR);
		flock(fd, LOCK_EX);
		if (write(p[1], "!", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	char c;
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	close(p[1]);
}

static struct replica *open_replica(const char *arg, const char *rsh,
				    const char *prog, int writable)
{
	struct replica_opts o = {rsh, prog, 300, writable, 0};
	struct replica *r;
	const char *why;
	assert_int_equal(replica_open(arg, &o, &r, &why), 0);
	return r;
}

/* The comparison as lines "STATUS TABLE NAME REASON NEWER". */
static int compare(struct replica *a, struct replica *b, int leftovers,
		   char *out, size_t size)
{
	struct rc_opts o = {.leftovers = leftovers};
	struct replica_compare *c;
	char side;
	const char *why;
	assert_int_equal(replica_compare_open(a, b, &o, &c, &side, &why), 0);
	struct rc_record r;
	int res;
	out[0] = '\0';
	while ((res = replica_compare_next(c, &r)) == 0) {
		size_t n = strlen(out);
		snprintf(out + n, size - n, "%s %s %s %s%s %c%s\n",
			 rc_status_name(r.status), *r.table ? r.table : "/",
			 *r.name ? r.name : "-", rc_reason_name(r.reason),
			 r.status == RC_SUSPECT
				 ? (r.values_differ ? "+" : "=") : "",
			 r.newer ? r.newer : '.',
			 r.status == RC_TROUBLE ? " trouble" : "");
	}
	replica_compare_close(c);
	return res;
}

static const char *const want_all =
	"table / -  .\n"
	"differs / diff content b\n"
	"only-a / onlya  .\n"
	"only-b / onlyb  .\n"
	"suspect / pair same-mtime+ b\n"
	"same / same  =\n"
	"differs / size size b\n"
	"suspect / torn epoch+ a\n"
	"leftover / diff.kvAb12Cd34  .\n"
	"conflict / " CONFLICT "  .\n"
	"table-only-a onlya -  .\n"
	"only-a onlya k  .\n"
	"table shared -  .\n"
	"same shared k  =\n";

/* Equal values written a few ns apart on the two sides: made equal in
 * time too, so that "newer" is '=' */
static void align_times(struct fixture *f)
{
	sy_time(f->a, "same.kv", 3000, 0);
	sy_time(f->b, "same.kv", 3000, 0);
	sy_time(f->a, "shared.tbl/k.kv", 3000, 0);
	sy_time(f->b, "shared.tbl/k.kv", 3000, 0);
}

static void test_local(void **state)
{
	struct fixture *f = *state;
	align_times(f);
	struct replica *a = open_replica(f->a, NULL, NULL, 0);
	struct replica *b = open_replica(f->b, NULL, NULL, 0);
	char got[4096];
	assert_int_equal(compare(a, b, 1, got, sizeof got), MANIFEST_END);
	assert_string_equal(got, want_all);
	/* without leftovers */
	assert_int_equal(compare(a, b, 0, got, sizeof got), MANIFEST_END);
	assert_null(strstr(got, "conflict"));
	assert_null(strstr(got, "leftover"));
	assert_non_null(strstr(got, "suspect / torn"));
	replica_close(a);
	replica_close(b);
}

/* A manifest of `dir` as `flockd manifest -a -z` writes it, in a file. */
static void write_manifest(const char *dir, const char *file, int cut,
			   int swap)
{
	flockd_db *db;
	assert_int_equal(flockd_open(dir, 1000, FLOCKD_OPEN_READONLY, &db), 0);
	struct manifest_opts o = {.flags = MANIFEST_HASH | MANIFEST_ALL};
	struct manifest *m;
	assert_int_equal(manifest_open(db, &o, &m), 0);
	FILE *out = fopen(file, "w");
	struct manifest_entry e;
	int n = 0;
	char held[1024];
	size_t heldlen = 0;
	while (manifest_next(m, &e) == 0) {
		struct manifest_wire_words w;
		manifest_wire_fields(&e, cli_format_time, &w);
		char rec[1024];
		int len = snprintf(rec, sizeof rec, "%s%c%s%c%s%c%s%c%s%c%s%c"
				   "%s%c%s%c", e.table, 0,
				   flockd_entry_kind_name(e.kind), 0, e.name,
				   0, w.size, 0, w.mtime, 0, w.mode, 0,
				   w.hash, 0, w.error, 0);
		if (swap && n == 1) { /* hold the first key back */
			memcpy(held, rec, (size_t)len);
			heldlen = (size_t)len;
		} else {
			fwrite(rec, 1, (size_t)len, out);
		}
		if (swap && n == 2)
			fwrite(held, 1, heldlen, out);
		n++;
	}
	if (!cut)
		fwrite("\0end\0\0-\0-\0-\0-\0-\0", 1, 16, out);
	fclose(out);
	manifest_close(m);
	flockd_close(db);
}

/* The fake remote shell (runs its last argument here) and a "remote
 * flockd" that prints a canned manifest whatever it is asked. */
static const char *fake_rsh(struct fixture *f)
{
	return sy_fake_rsh(f->top);
}

static void test_remote_by_hashes(void **state)
{
	struct fixture *f = *state;
	align_times(f);
	char file[SY_PATH], prog[SY_PATH + 32], got[4096];
	snprintf(file, sizeof file, "%s/b.manifest", f->top);
	write_manifest(f->b, file, 0, 0);
	snprintf(prog, sizeof prog, "cat '%s' #", file);
	struct replica *a = open_replica(f->a, NULL, NULL, 0);
	struct replica *b = open_replica("host:/b", fake_rsh(f), prog, 0);
	assert_true(replica_is_remote(b));
	assert_null(replica_db(b));
	assert_int_equal(compare(a, b, 1, got, sizeof got), MANIFEST_END);
	assert_string_equal(got, want_all);
	/* both sides remote: the same */
	struct replica *a2 = open_replica("host:/b", fake_rsh(f), prog, 0);
	assert_int_equal(compare(a2, b, 1, got, sizeof got), MANIFEST_END);
	assert_null(strstr(got, "differs"));
	replica_close(a2);
	/* cut short: an error, never a shorter comparison */
	write_manifest(f->b, file, 1, 0);
	assert_int_equal(compare(a, b, 1, got, sizeof got), EPROTO);
	/* out of order */
	write_manifest(f->b, file, 0, 1);
	assert_int_equal(compare(a, b, 1, got, sizeof got), EPROTO);
	/* the remote command fails: its status and messages */
	replica_close(b);
	b = open_replica("host:/b", fake_rsh(f),
			 "echo 'no such dir' >&2; exit 3; :", 0);
	assert_int_equal(compare(a, b, 1, got, sizeof got), FLOCKD_ENOTFOUND);
	char *m = replica_messages(b);
	assert_string_equal(m, "no such dir\n");
	free(m);
	assert_null(replica_messages(b));
	replica_close(a);
	replica_close(b);
}

static void test_trouble(void **state)
{
	struct fixture *f = *state;
	/* an exclusive lock on A's same.kv that does not go away */
	char path[SY_PATH];
	snprintf(path, sizeof path, "%s/same.kv", f->a);
	hold_lock(f, path);
	struct replica *a = open_replica(f->a, NULL, NULL, 0);
	struct replica *b = open_replica(f->b, NULL, NULL, 0);
	struct rc_opts o = {0};
	const char *keys[] = {"same", "size"}, *root[] = {""};
	o.keys = keys;
	o.nkeys = 2;
	o.tables = root;
	o.ntables = 1;
	struct replica_compare *cmp;
	char side;
	const char *why;
	assert_int_equal(replica_compare_open(a, b, &o, &cmp, &side, &why), 0);
	struct rc_record r;
	assert_int_equal(replica_compare_next(cmp, &r), 0);
	assert_int_equal(r.status, RC_TABLE);
	assert_int_equal(replica_compare_next(cmp, &r), 0);
	assert_int_equal(r.status, RC_TROUBLE);
	assert_string_equal(r.name, "same");
	assert_int_equal(r.err, FLOCKD_ETIMEOUT);
	assert_int_equal(r.err_side, 'A');
	assert_int_equal(replica_compare_next(cmp, &r), 0);
	assert_int_equal(r.status, RC_DIFFERS);
	assert_int_equal(replica_compare_next(cmp, &r), MANIFEST_END);
	assert_true(replica_compare_progress(cmp) >= 4);
	replica_compare_close(cmp);
	/* cancelled */
	volatile sig_atomic_t stop = 1;
	o.cancel = &stop;
	assert_int_equal(replica_compare_open(a, b, &o, &cmp, &side, &why), 0);
	assert_int_equal(replica_compare_next(cmp, &r), ECANCELED);
	replica_compare_close(cmp);
	replica_close(a);
	replica_close(b);
}

/* Many keys, so that records are judged by two threads ahead of the
 * one given: every fifth the same, differing in content, only in A,
 * only in B, differing in size; a table after the root; B's k-0300
 * locked by a writer. Records come in order, each judged right, the
 * locked key's as trouble in its place. Then a cancel in the middle. */
#define MANY 700

static void many_side(const char *dir, int side)
{
	char name[64], value[64];
	for (int i = 0; i < MANY; i++) {
		int kind = i % 5;
		if ((kind == 2 && side == 'B') || (kind == 3 && side == 'A'))
			continue;
		snprintf(name, sizeof name, "k-%04d.kv", i);
		snprintf(value, sizeof value, "value %04d%s", i,
			 kind == 1 && side == 'B' ? "!"
			 : kind == 1		  ? "?"
			 : kind == 4 && side == 'B' ? "longer" : "");
		sy_file(dir, name, value);
		sy_time(dir, name, (side == 'A' ? 4000 : 9000) + i, 0);
	}
	sy_file(dir, "z.tbl/k.kv", "z");
}

static void test_many_in_order(void **state)
{
	struct fixture *f = *state;
	char *top = testutil_mkdtemp(), a_dir[PATH_MAX], b_dir[PATH_MAX];
	snprintf(a_dir, sizeof a_dir, "%s/a", top);
	snprintf(b_dir, sizeof b_dir, "%s/b", top);
	many_side(a_dir, 'A');
	many_side(b_dir, 'B');
	char path[SY_PATH];
	snprintf(path, sizeof path, "%s/k-0300.kv", b_dir);
	hold_lock(f, path);
	struct replica *a = open_replica(a_dir, NULL, NULL, 0);
	struct replica *b = open_replica(b_dir, NULL, NULL, 0);
	static const enum rc_status want[] = {RC_SAME, RC_DIFFERS, RC_ONLY_A,
					      RC_ONLY_B, RC_DIFFERS};
	volatile sig_atomic_t stop = 0;
	struct rc_opts o = {.cancel = &stop};
	struct replica_compare *cmp;
	char side, name[64];
	const char *why;
	assert_int_equal(replica_compare_open(a, b, &o, &cmp, &side, &why), 0);
	struct rc_record r;
	assert_int_equal(replica_compare_next(cmp, &r), 0);
	assert_int_equal(r.status, RC_TABLE);
	for (int i = 0; i < MANY; i++) {
		assert_int_equal(replica_compare_next(cmp, &r), 0);
		snprintf(name, sizeof name, "k-%04d", i);
		assert_string_equal(r.name, name);
		assert_string_equal(r.table, "");
		if (i == 300) {
			assert_int_equal(r.status, RC_TROUBLE);
			assert_int_equal(r.err_side, 'B');
			continue;
		}
		assert_int_equal(r.status, want[i % 5]);
		assert_int_equal(r.reason, i % 5 == 1   ? RC_REASON_CONTENT
					   : i % 5 == 4 ? RC_REASON_SIZE
							: RC_REASON_NONE);
		if (i % 5 < 2 || i % 5 == 4) {
			assert_int_equal(r.newer, 'b');
			assert_int_equal(r.a.st.mtime.tv_sec, 4000 + i);
		}
	}
	assert_int_equal(replica_compare_next(cmp, &r), 0);
	assert_int_equal(r.status, RC_TABLE);
	assert_string_equal(r.table, "z");
	assert_int_equal(replica_compare_next(cmp, &r), 0);
	assert_int_equal(r.status, RC_SAME);
	assert_int_equal(replica_compare_next(cmp, &r), MANIFEST_END);
	replica_compare_close(cmp);
	/* cancelled part way: the next call says so, close returns */
	assert_int_equal(replica_compare_open(a, b, &o, &cmp, &side, &why), 0);
	for (int i = 0; i < 50; i++)
		assert_int_equal(replica_compare_next(cmp, &r), 0);
	stop = 1;
	assert_int_equal(replica_compare_next(cmp, &r), ECANCELED);
	replica_compare_close(cmp);
	replica_close(a);
	replica_close(b);
	testutil_rm_rf(top);
	free(top);
}

struct results {
	int n, errors;
	char last[256];
};

static void collect(const struct replica_result *res, void *ctx)
{
	struct results *r = ctx;
	r->n++;
	r->errors += res->err != 0;
	snprintf(r->last, sizeof r->last, "%s %s %d", res->key,
		 res->is_delete ? "delete" : "put", res->err);
}

static void test_writer_and_sync(void **state)
{
	struct fixture *f = *state;
	struct replica *a = open_replica(f->a, NULL, NULL, 0);
	struct replica *b = open_replica(f->b, NULL, NULL, 1);
	struct results res = {0};
	struct replica_writer *w;
	assert_int_equal(replica_writer_open(a, collect, &res, &w), EINVAL);
	assert_int_equal(replica_writer_open(b, collect, &res, &w), 0);
	struct flockd_timespec t = {1234567890, 42};
	assert_int_equal(replica_put_start(w, "new", "k", FLOCKD_PUT_CREATE,
					   &t, 5), 0);
	assert_int_equal(replica_put_write(w, "va", 2), 0);
	assert_int_equal(replica_put_write(w, "lue", 3), 0);
	assert_int_equal(replica_put_end(w), 0);
	/* a cut value is never stored */
	assert_int_equal(replica_put_start(w, "new", "cut", FLOCKD_PUT_SET,
					   NULL, 10), 0);
	assert_int_equal(replica_put_write(w, "short", 5), 0);
	assert_int_equal(replica_put_end(w), EPROTO);
	assert_int_equal(res.errors, 1);
	/* nor a longer one */
	assert_int_equal(replica_put_start(w, "new", "long", FLOCKD_PUT_SET,
					   NULL, 2), 0);
	assert_int_equal(replica_put_write(w, "abc", 3), EOVERFLOW);
	assert_int_equal(replica_delete(w, "", "onlyb"), 0);
	assert_int_equal(replica_writer_close(w), EPROTO);
	assert_string_equal(res.last, "k put 0");
	assert_true(sy_content(f->b, "new.tbl/k.kv", "value"));
	assert_false(sy_exists(f->b, "new.tbl/cut.kv"));
	assert_false(sy_exists(f->b, "new.tbl/long.kv"));
	assert_false(sy_exists(f->b, "onlyb.kv"));
	struct stat st;
	char path[SY_PATH];
	snprintf(path, sizeof path, "%s/new.tbl/k.kv", f->b);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mtim.tv_sec, 1234567890);
	assert_int_equal(st.st_mtim.tv_nsec, 42);

	/* sync A into B: copy what differs or is missing, with times */
	struct sync_opts so = {.missing = 1, .differs = 1};
	memset(&res, 0, sizeof res);
	assert_int_equal(replica_writer_open(b, collect, &res, &w), 0);
	struct rc_opts o = {0};
	struct replica_compare *c;
	char side;
	const char *why, *step;
	assert_int_equal(replica_compare_open(a, b, &o, &c, &side, &why), 0);
	struct rc_record r;
	while (replica_compare_next(c, &r) == 0) {
		enum sync_action act = sync_plan_record(&r, &so, &why);
		if (act == SYNC_CREATE || act == SYNC_UPDATE)
			assert_int_equal(sync_copy(a, w, &r, act, &step), 0);
	}
	replica_compare_close(c);
	assert_int_equal(replica_writer_close(w), 0);
	assert_true(sy_content(f->b, "diff.kv", "hello"));
	assert_true(sy_content(f->b, "size.kv", "abc"));
	assert_true(sy_content(f->b, "onlya.kv", "1"));
	assert_true(sy_content(f->b, "pair.kv", "full value"));
	assert_true(sy_content(f->b, "torn.kv", "whole value"));
	assert_true(sy_content(f->b, "onlya.tbl/k.kv", "k"));
	assert_false(sy_exists(f->b, CONFLICT));
	snprintf(path, sizeof path, "%s/diff.kv", f->b);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mtim.tv_sec, 100);
	replica_close(a);
	replica_close(b);
}

static void test_plan(void **state)
{
	(void)state;
	struct sync_opts o;
	assert_int_equal(sync_only_parse("differs", &o), 0);
	assert_true(o.differs && !o.missing);
	assert_int_equal(sync_only_parse("missing,differs", &o), 0);
	assert_true(o.differs && o.missing);
	assert_int_equal(sync_only_parse("differs,", &o), EINVAL);
	assert_int_equal(sync_only_parse("all", &o), EINVAL);
	assert_int_equal(sync_only_parse("", &o), EINVAL);
	o = (struct sync_opts){.missing = 1, .differs = 0, .delete = 0};
	struct rc_record r = {0};
	const char *why;
	r.status = RC_ONLY_A;
	r.a.present = 1;
	assert_int_equal(sync_plan_record(&r, &o, &why), SYNC_CREATE);
	r.status = RC_DIFFERS;
	r.b.present = 1;
	assert_int_equal(sync_plan_record(&r, &o, &why), SYNC_NONE);
	o.differs = 1;
	assert_int_equal(sync_plan_record(&r, &o, &why), SYNC_UPDATE);
	r.status = RC_ONLY_B;
	r.a.present = 0;
	assert_int_equal(sync_plan_record(&r, &o, &why), SYNC_NONE);
	o.delete = 1;
	assert_int_equal(sync_plan_record(&r, &o, &why), SYNC_DELETE);
	/* a torn source is never copied; a torn replica is repaired */
	r.status = RC_SUSPECT;
	r.a.present = r.b.present = 1;
	r.values_differ = 1;
	r.a.suspect = 1;
	assert_int_equal(sync_plan_record(&r, &o, &why), SYNC_NONE);
	assert_non_null(strstr(why, "suspect"));
	r.a.suspect = 0;
	r.b.suspect = 1;
	assert_int_equal(sync_plan_record(&r, &o, &why), SYNC_UPDATE);
	r.values_differ = 0;
	assert_int_equal(sync_plan_record(&r, &o, &why), SYNC_NONE);
	r.status = RC_CONFLICT;
	assert_int_equal(sync_plan_record(&r, &o, &why), SYNC_NONE);
	assert_non_null(strstr(why, "resolve"));
	r.status = RC_TROUBLE;
	assert_int_equal(sync_plan_record(&r, &o, &why), SYNC_NONE);
	assert_string_equal(sync_action_name(SYNC_DELETE), "delete");
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_local, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remote_by_hashes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_trouble, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_and_sync, setup,
						teardown),
		cmocka_unit_test(test_plan),
		cmocka_unit_test_setup_teardown(test_many_in_order, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
