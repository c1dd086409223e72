/* SPDX-License-Identifier: MIT */
/* test_resolve.c - conflict copies grouped by key and compared with it;
 * every choice of the plan (key, newest, largest, a named copy, only the
 * identical ones, a missing key) and its ties; applying it: the chosen
 * value installed keeping the key's mode, copies removed only after,
 * and only while unchanged; a key written meanwhile stops everything. */
#include "sync_test.h"

#include "sync/resolve.h"

#define THEIRS "k.sync-conflict-20240102-030405-AAAAAAA.kv"
#define SAME "k (conflict_on_2024-01-03).kv"
#define BIG "k (Bob's conflicted copy 2024-01-02).kv"
#define GHOST "gone.sync-conflict-20240101-000000-BBBBBBB.kv"

struct fixture {
	char *dir;
	flockd_db *db;
	flockd_table *t;
	struct leftover_opts lo;
	struct conflict_set set;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->dir = testutil_mkdtemp();
	sy_file(f->dir, "k.kv", "mine");
	sy_time(f->dir, "k.kv", 1000, 0);
	sy_file(f->dir, THEIRS, "theirs");
	sy_time(f->dir, THEIRS, 2000, 0);
	sy_file(f->dir, SAME, "mine");
	sy_time(f->dir, SAME, 500, 0);
	sy_file(f->dir, BIG, "biggest value");
	sy_time(f->dir, BIG, 100, 0);
	sy_file(f->dir, GHOST, "ghost");
	sy_time(f->dir, GHOST, 10, 0);
	sy_file(f->dir, "solo.kv", "x");
	char path[SY_PATH];
	snprintf(path, sizeof path, "%s/k.kv", f->dir);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(flockd_open(f->dir, 500, 0, &f->db), 0);
	assert_int_equal(flockd_table_open(f->db, "", 0, &f->t), 0);
	leftover_opts_init(&f->lo, NULL);
	assert_int_equal(conflicts_find(f->db, NULL, 0, NULL, 0, &f->lo,
					&f->set), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	conflict_set_free(&f->set);
	flockd_table_close(f->t);
	flockd_close(f->db);
	testutil_rm_rf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static struct conflict_group *group(struct fixture *f, const char *key)
{
	for (size_t i = 0; i < f->set.n; i++)
		if (strcmp(f->set.groups[i].key, key) == 0)
			return &f->set.groups[i];
	fail_msg("no group %s", key);
	return NULL;
}

static void test_groups(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(f->set.n, 2);
	assert_string_equal(f->set.groups[0].key, "gone");
	assert_false(f->set.groups[0].key_exists);
	assert_int_equal(f->set.groups[0].copies[0].identical, -1);
	struct conflict_group *g = group(f, "k");
	assert_true(g->key_exists);
	assert_int_equal(g->ncopies, 3);
	assert_string_equal(g->copies[0].f->name, BIG);
	assert_string_equal(g->copies[0].f->who, "Bob");
	assert_string_equal(g->copies[1].f->name, SAME);
	assert_string_equal(g->copies[2].f->name, THEIRS);
	assert_string_equal(g->copies[2].f->who, "AAAAAAA");
	assert_string_equal(g->copies[2].f->when, "20240102-030405");
	assert_int_equal(g->copies[0].identical, 0);
	assert_int_equal(g->copies[1].identical, 1);
	assert_int_equal(g->copies[2].identical, 0);
	assert_int_equal(g->copies[2].st.size, 6);
	/* only some keys, only some tables */
	struct conflict_set s;
	const char *keys[] = {"gone"};
	assert_int_equal(conflicts_find(f->db, NULL, 0, keys, 1, &f->lo, &s),
			 0);
	assert_int_equal(s.n, 1);
	conflict_set_free(&s);
	const char *tables[] = {"nope"};
	assert_int_equal(conflicts_find(f->db, tables, 1, NULL, 0, &f->lo, &s),
			 FLOCKD_ENOTFOUND);
}

/* The plan as "ACTION CHOSEN REMOVALS" (removals: one letter per copy:
 * - stays, d dropped, e dropped if equal). */
static const char *plan(struct conflict_group *g, const char *keep,
			int drop_identical)
{
	static char out[64];
	struct resolve_policy p = {RESOLVE_KEEP_NONE, NULL, drop_identical};
	if (keep != NULL)
		resolve_keep_parse(keep, &p);
	struct resolve_plan pl;
	assert_int_equal(resolve_plan_group(g, &p, &pl), 0);
	int n = snprintf(out, sizeof out, "%s %zu ",
			 resolve_action_name(pl.action), pl.chosen);
	for (size_t i = 0; i < g->ncopies; i++)
		out[n++] = "-de"[pl.removal[i]];
	out[n] = '\0';
	resolve_plan_free(&pl);
	return out;
}

static void test_plans(void **state)
{
	struct fixture *f = *state;
	struct conflict_group *k = group(f, "k"), *gone = group(f, "gone");
	assert_string_equal(plan(k, "key", 0), "keep 0 ded");
	assert_string_equal(plan(k, "newest", 0), "install 2 dde");
	assert_string_equal(plan(k, "largest", 0), "install 0 edd");
	assert_string_equal(plan(k, THEIRS, 0), "install 2 dde");
	/* choosing the copy that is the key's bytes changes nothing */
	assert_string_equal(plan(k, SAME, 0), "keep 1 ded");
	assert_string_equal(plan(k, GHOST, 0), "nothing 0 ---");
	assert_string_equal(plan(k, NULL, 1), "keep 0 -e-");
	assert_string_equal(plan(k, "newest", 1), "install 2 dde");
	assert_string_equal(plan(gone, "key", 0), "refused 0 -");
	assert_string_equal(plan(gone, NULL, 1), "nothing 0 -");
	assert_string_equal(plan(gone, "newest", 0), "install 0 e");
	/* ties: the key wins over a copy as new as it */
	k->copies[2].st.mtime = k->key_st.mtime;
	assert_string_equal(plan(k, "newest", 0), "keep 0 ded");
	/* equal sizes: the newer */
	k->copies[0].st.size = 4;
	k->copies[2].st.size = 4;
	k->copies[0].st.mtime.tv_sec = 5000;
	assert_string_equal(plan(k, "largest", 0), "install 0 edd");
}

struct removed {
	int removed, kept;
	int last_outcome;
};

static void count(const struct resolve_copy_result *r, void *ctx)
{
	struct removed *c = ctx;
	if (r->removed)
		c->removed++;
	else {
		c->kept++;
		c->last_outcome = r->outcome;
	}
}

static int apply(struct fixture *f, const char *key, const char *keep,
		 int drop, struct removed *c)
{
	struct resolve_policy p = {RESOLVE_KEEP_NONE, NULL, drop};
	if (keep != NULL)
		resolve_keep_parse(keep, &p);
	struct resolve_plan pl;
	const char *step;
	memset(c, 0, sizeof *c);
	assert_int_equal(resolve_plan_group(group(f, key), &p, &pl), 0);
	int err = resolve_apply(f->t, group(f, key), &pl, count, c, &step);
	resolve_plan_free(&pl);
	return err;
}

static void test_apply_newest(void **state)
{
	struct fixture *f = *state;
	struct removed c;
	assert_int_equal(apply(f, "k", "newest", 0, &c), 0);
	assert_int_equal(c.removed, 3);
	assert_true(sy_content(f->dir, "k.kv", "theirs"));
	assert_false(sy_exists(f->dir, THEIRS));
	assert_false(sy_exists(f->dir, SAME));
	assert_false(sy_exists(f->dir, BIG));
	assert_true(sy_exists(f->dir, GHOST));
	struct flockd_stat st;
	assert_int_equal(flockd_key_stat(f->t, "k", &st), 0);
	assert_int_equal(st.mode & 07777, 0640);
	assert_true(st.mtime.tv_sec > 2000); /* a new version: now */
	/* the missing key: created from its only copy */
	assert_int_equal(apply(f, "gone", "newest", 0, &c), 0);
	assert_true(sy_content(f->dir, "gone.kv", "ghost"));
	assert_false(sy_exists(f->dir, GHOST));
	assert_int_equal(c.removed, 1);
}

static void test_apply_drop_identical(void **state)
{
	struct fixture *f = *state;
	struct removed c;
	assert_int_equal(apply(f, "k", NULL, 1, &c), 0);
	assert_int_equal(c.removed, 1);
	assert_int_equal(c.kept, 0);
	assert_false(sy_exists(f->dir, SAME));
	assert_true(sy_exists(f->dir, THEIRS));
	assert_true(sy_exists(f->dir, BIG));
	assert_true(sy_content(f->dir, "k.kv", "mine"));
	/* the key refused: nothing happens */
	assert_int_equal(apply(f, "gone", "key", 0, &c), 0);
	assert_true(sy_exists(f->dir, GHOST));
}

static void test_apply_changed(void **state)
{
	struct fixture *f = *state;
	struct removed c;
	/* the key was written after it was looked at: nothing is done */
	sy_file(f->dir, "k.kv", "newer write");
	assert_int_equal(apply(f, "k", "newest", 0, &c), FLOCKD_ECONFLICT);
	assert_int_equal(c.removed + c.kept, 0);
	assert_true(sy_content(f->dir, "k.kv", "newer write"));
	assert_true(sy_exists(f->dir, THEIRS));
	/* keep the key: a copy changed since is kept, the others go; the
	 * identical one is compared with the key's bytes now (which
	 * differ) and kept too */
	sy_file(f->dir, BIG, "changed since");
	assert_int_equal(apply(f, "k", "key", 0, &c), 0);
	assert_int_equal(c.removed, 1);
	assert_int_equal(c.kept, 2);
	assert_true(sy_exists(f->dir, BIG));
	assert_true(sy_exists(f->dir, SAME));
	assert_false(sy_exists(f->dir, THEIRS));
	/* the chosen copy changed: nothing installed */
	sy_file(f->dir, GHOST, "other ghost");
	assert_int_equal(apply(f, "gone", "newest", 0, &c), FLOCKD_ECONFLICT);
	assert_false(sy_exists(f->dir, "gone.kv"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_newest, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_apply_drop_identical,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_changed, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
