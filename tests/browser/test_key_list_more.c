/* SPDX-License-Identifier: MIT */
/*
 * test_key_list_more.c - the key list's newer parts: natural order (at
 * once and in slices, with keys coming and going while it sorts), picks
 * for bulk actions that follow their keys, and the search that moves the
 * cursor without hiding rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browser/key_list.h"
#include "common/natcmp.h"

static void add(struct key_list *kl, const char *name)
{
	assert_int_equal(key_list_add(kl, name, strlen(name), 0, DT_REG, 0), 0);
}

static void add_file(struct key_list *kl, const char *name)
{
	assert_int_equal(key_list_add(kl, name, strlen(name), 1, DT_REG,
				      KL_MARK_TEMP), 0);
}

static void del(struct key_list *kl, const char *name)
{
	assert_int_equal(key_list_remove(kl, name, strlen(name), 0), 0);
}

static const char *row_name(struct key_list *kl, uint32_t r)
{
	static char buf[300];
	struct key_list_row row;
	assert_int_equal(key_list_row(kl, r, &row), 0);
	memcpy(buf, row.name, row.name_len);
	buf[row.name_len] = '\0';
	return buf;
}

static unsigned row_marks(struct key_list *kl, uint32_t r)
{
	struct key_list_row row;
	assert_int_equal(key_list_row(kl, r, &row), 0);
	return row.marks;
}

static void test_natural_at_once(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	const char *names[] = {"key10", "key2", "key1", "Key3", "key02"};
	for (int i = 0; i < 5; i++)
		add(kl, names[i]);
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_set_sort(kl, KL_SORT_NATURAL, 0), 0);
	assert_int_equal(key_list_sort_pending(kl), 0);
	assert_int_equal(key_list_sort(kl, NULL), KL_SORT_NATURAL);
	const char *want[] = {"Key3", "key1", "key02", "key2", "key10"};
	for (uint32_t r = 0; r < 5; r++)
		assert_string_equal(row_name(kl, r), want[r]);
	/* turned round at once, cursor kept */
	key_list_set_cursor(kl, 4);
	assert_int_equal(key_list_set_sort(kl, KL_SORT_NATURAL, 1), 0);
	assert_string_equal(row_name(kl, 0), "key10");
	assert_int_equal(key_list_cursor(kl), 0);
	/* a new key lands in its natural place */
	add(kl, "key9");
	assert_int_equal(key_list_commit(kl), 0);
	assert_string_equal(row_name(kl, 1), "key9");
	key_list_free(kl);
}

static int row_order_ok(struct key_list *kl)
{
	struct key_list_row a, b;
	for (uint32_t r = 1; r < key_list_rows(kl); r++) {
		key_list_row(kl, r - 1, &a);
		key_list_row(kl, r, &b);
		if (natcmp(a.name, a.name_len, b.name, b.name_len) >= 0)
			return 0;
	}
	return 1;
}

/* 60,000 keys: sorted in slices; the old order shows until it is done;
 * keys added, changed and removed meanwhile end up in place. */
static void test_natural_in_slices_with_changes(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	char name[32];
	unsigned n = 60000;
	for (unsigned i = 0; i < n; i++) {
		snprintf(name, sizeof name, "k%u", (i * 7919u) % n);
		add(kl, name);
	}
	assert_int_equal(key_list_commit(kl), 0);
	assert_string_equal(row_name(kl, 1), "k1");
	assert_string_equal(row_name(kl, 2), "k10"); /* bytewise */
	key_list_want(kl, "k12345", 6);
	assert_int_equal(key_list_set_sort(kl, KL_SORT_NATURAL, 0), 0);
	assert_true(key_list_sort_pending(kl) > 0);
	assert_int_equal(key_list_sort(kl, NULL), KL_SORT_NAME);
	int steps = 0, changed = 0;
	while (key_list_step(kl, 1024) > 0) {
		steps++;
		assert_string_equal(row_name(kl, 2), "k10"); /* old order */
		if (steps == 3) {
			add(kl, "k999999");    /* new */
			add(kl, "k5");         /* changed */
			del(kl, "k7");         /* gone */
			assert_int_equal(key_list_commit(kl), 0);
			changed = 1;
		}
		assert_true(steps < 10000);
	}
	assert_true(changed);
	assert_true(steps > 3); /* it did take slices */
	assert_int_equal(key_list_sort(kl, NULL), KL_SORT_NATURAL);
	assert_int_equal(key_list_rows(kl), n);
	assert_string_equal(row_name(kl, 2), "k2");
	assert_string_equal(row_name(kl, 7), "k8"); /* k7 went */
	assert_string_equal(row_name(kl, n - 1), "k999999");
	assert_true(row_order_ok(kl));
	assert_string_equal(row_name(kl, key_list_cursor(kl)), "k12345");
	/* choosing another sort while one runs drops the running one */
	assert_int_equal(key_list_set_sort(kl, KL_SORT_NAME, 0), 0);
	assert_int_equal(key_list_set_sort(kl, KL_SORT_NATURAL, 0), 0);
	assert_int_equal(key_list_set_sort(kl, KL_SORT_NAME, 1), 0);
	assert_int_equal(key_list_sort_pending(kl), 0);
	assert_string_equal(row_name(kl, 0), "k999999");
	key_list_free(kl);
}

static int collect(const char *name, size_t len, void *ctx)
{
	char *s = ctx;
	strncat(s, name, len);
	strcat(s, ",");
	return 0;
}

static void test_picks_follow_keys(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	add(kl, "alice");
	add(kl, "bob");
	add(kl, "carol");
	add_file(kl, "carol.kv.tmp1");
	add(kl, "dave");
	assert_int_equal(key_list_commit(kl), 0);
	int picked = -1;
	assert_int_equal(key_list_select_row(kl, 1, -1, &picked), 0);
	assert_int_equal(picked, 1);
	assert_true(row_marks(kl, 1) & KL_MARK_SELECTED);
	/* a leftover file is never picked */
	assert_int_equal(key_list_select_row(kl, 3, 1, NULL), EINVAL);
	assert_int_equal(key_list_select_row(kl, 99, 1, NULL), EINVAL);
	/* the filter shows two keys: pick them, then invert */
	assert_int_equal(key_list_set_filter(kl, "a", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 4); /* alice carol carol.kv dave */
	assert_int_equal(key_list_select_shown(kl, 1), 0);
	assert_int_equal(key_list_selected(kl), 4); /* + bob, filtered out */
	assert_int_equal(key_list_select_invert(kl), 0);
	assert_int_equal(key_list_selected(kl), 1);
	assert_int_equal(key_list_select_invert(kl), 0);
	assert_int_equal(key_list_set_filter(kl, "", NULL, 0), 0);
	/* a key that goes takes its pick with it; one that changes keeps it */
	del(kl, "carol");
	add(kl, "dave");
	add(kl, "eve");
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_selected(kl), 3);
	char seen[64] = "";
	assert_int_equal(key_list_selected_names(kl, collect, seen), 0);
	assert_string_equal(seen, "alice,bob,dave,");
	/* a re-listing keeps them */
	struct key_list *nk = key_list_new(NULL, NULL);
	add(nk, "aaron"); /* before every pick, and between them */
	add(nk, "bob");
	add(nk, "carl");
	add(nk, "dave");
	add(nk, "zed");
	assert_int_equal(key_list_commit(nk), 0);
	assert_int_equal(key_list_select_copy(kl, nk), 0);
	assert_int_equal(key_list_selected(nk), 2);
	seen[0] = '\0';
	assert_int_equal(key_list_selected_names(nk, collect, seen), 0);
	assert_string_equal(seen, "bob,dave,");
	key_list_select_none(kl);
	assert_int_equal(key_list_selected(kl), 0);
	key_list_free(nk);
	key_list_free(kl);
}

/* Compaction renumbers entries: the picks stay on their keys. */
static void test_picks_survive_compaction(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	char name[32];
	for (unsigned i = 0; i < 5000; i++) {
		snprintf(name, sizeof name, "k%05u", i);
		add(kl, name);
	}
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_select_row(kl, 4999, 1, NULL), 0);
	assert_int_equal(key_list_select_row(kl, 2500, 1, NULL), 0);
	for (unsigned i = 0; i < 2500; i++) {
		snprintf(name, sizeof name, "k%05u", i);
		del(kl, name);
	}
	assert_int_equal(key_list_commit(kl), 0); /* compacts */
	assert_int_equal(key_list_selected(kl), 2);
	assert_true(row_marks(kl, 0) & KL_MARK_SELECTED);    /* k02500 */
	assert_false(row_marks(kl, 1) & KL_MARK_SELECTED);
	assert_true(row_marks(kl, 2499) & KL_MARK_SELECTED); /* k04999 */
	key_list_free(kl);
}

static void test_search_jumps_without_hiding(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	const char *names[] = {"alpha", "beta", "Gamma", "delta", "epsilon",
			       "zeta"};
	for (int i = 0; i < 6; i++)
		add(kl, names[i]);
	assert_int_equal(key_list_commit(kl), 0);
	/* rows: Gamma alpha beta delta epsilon zeta */
	assert_int_equal(key_list_set_search(kl, "ta", NULL, 0), 0);
	assert_string_equal(key_list_search(kl), "ta");
	assert_int_equal(key_list_rows(kl), 6); /* nothing hidden */
	assert_int_equal(key_list_search_next(kl, 0, 1), 1);
	assert_string_equal(row_name(kl, key_list_cursor(kl)), "beta");
	assert_int_equal(key_list_search_next(kl, 0, 1), 1); /* stays */
	assert_string_equal(row_name(kl, key_list_cursor(kl)), "beta");
	assert_int_equal(key_list_search_next(kl, 0, 0), 1);
	assert_string_equal(row_name(kl, key_list_cursor(kl)), "delta");
	assert_int_equal(key_list_search_next(kl, 0, 0), 1);
	assert_string_equal(row_name(kl, key_list_cursor(kl)), "zeta");
	assert_int_equal(key_list_search_next(kl, 0, 0), 1); /* wraps */
	assert_string_equal(row_name(kl, key_list_cursor(kl)), "beta");
	assert_int_equal(key_list_search_next(kl, 1, 0), 1); /* back, wraps */
	assert_string_equal(row_name(kl, key_list_cursor(kl)), "zeta");
	size_t s, e;
	assert_int_equal(key_list_search_span(kl, "delta", 5, &s, &e), 1);
	assert_int_equal(s, 3);
	assert_int_equal(e, 5);
	assert_int_equal(key_list_search_span(kl, "alpha", 5, &s, &e), 0);
	/* smart case, regex spans, globs */
	assert_int_equal(key_list_set_search(kl, "gam", NULL, 0), 0);
	assert_int_equal(key_list_search_next(kl, 0, 0), 1);
	assert_string_equal(row_name(kl, key_list_cursor(kl)), "Gamma");
	assert_int_equal(key_list_set_search(kl, "re:p[a-z]", NULL, 0), 0);
	assert_int_equal(key_list_search_span(kl, "epsilon", 7, &s, &e), 1);
	assert_int_equal(s, 1);
	assert_int_equal(e, 3);
	assert_int_equal(key_list_set_search(kl, "glob:*eta", NULL, 0), 0);
	assert_int_equal(key_list_search_span(kl, "zeta", 4, &s, &e), 1);
	assert_int_equal(e, 4);
	char err[100];
	assert_int_equal(key_list_set_search(kl, "re:(", err, sizeof err),
			 EINVAL);
	assert_true(err[0] != '\0');
	assert_string_equal(key_list_search(kl), "glob:*eta"); /* kept */
	/* a key that comes is found (the matches follow commits) */
	add(kl, "theta");
	assert_int_equal(key_list_commit(kl), 0);
	key_list_set_cursor(kl, 4); /* epsilon; theta follows */
	assert_int_equal(key_list_search_next(kl, 0, 0), 1);
	assert_string_equal(row_name(kl, key_list_cursor(kl)), "theta");
	assert_int_equal(key_list_set_search(kl, "nothing", NULL, 0), 0);
	assert_int_equal(key_list_search_next(kl, 0, 0), 0);
	assert_int_equal(key_list_set_search(kl, "", NULL, 0), 0);
	assert_int_equal(key_list_search_next(kl, 0, 0), 0);
	key_list_free(kl);
}

/* Compare mode's "differences only": rows with one of the marks, on
 * top of the text filter, the cursor kept on its key. */
static void test_mark_filter(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	const char *names[] = {"a1", "a2", "b1", "b2", "c1"};
	for (int i = 0; i < 5; i++)
		add(kl, names[i]);
	assert_int_equal(key_list_commit(kl), 0);
	const char *diff[] = {"a2", "b1", "c1"};
	unsigned set[] = {KL_MARK_CMP_DIFFERS, KL_MARK_CMP_THERE,
			  KL_MARK_CMP_HERE};
	key_list_mark_names(kl, diff, 3, set, 0, NULL);
	key_list_set_cursor(kl, 2); /* b1 */
	assert_int_equal(key_list_set_mark_filter(kl, KL_MARK_CMP_DIFFERS |
						      KL_MARK_CMP_THERE |
						      KL_MARK_CMP_HERE), 0);
	assert_int_equal(key_list_rows(kl), 3);
	assert_string_equal(row_name(kl, 0), "a2");
	assert_string_equal(row_name(kl, key_list_cursor(kl)), "b1");
	/* with a text filter too */
	assert_int_equal(key_list_set_filter(kl, "b", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 1);
	assert_string_equal(row_name(kl, 0), "b1");
	assert_int_equal(key_list_set_filter(kl, "", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 3);
	/* a commit keeps it */
	add(kl, "d1");
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_rows(kl), 3);
	assert_int_equal(key_list_set_mark_filter(kl, 0), 0);
	assert_int_equal(key_list_rows(kl), 6);
	assert_int_equal(key_list_mark_filter(kl), 0);
	key_list_free(kl);
}

/* Picks carried over to a re-listing in slices: the same picks as in one
 * go; a pick changed, or a commit, between two slices starts it over (so
 * a key dropped meanwhile is not picked in the new list); a list that
 * keeps changing gets the rest at once after a few starts. */
static void test_picks_carried_in_slices(void **state)
{
	(void)state;
	const char *names[] = {"a", "b", "c", "d", "e", "f", "g", "h"};
	struct key_list *kl = key_list_new(NULL, NULL), *nk = key_list_new(NULL, NULL);
	for (int i = 0; i < 8; i++) {
		add(kl, names[i]);
		add(nk, names[i]);
	}
	add(nk, "bb"); /* only in the new list */
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_commit(nk), 0);
	for (const char *p = "bdfh"; *p; p++)
		assert_int_equal(key_list_select_name(kl, p, 1, 1), 0);

	struct kl_carry st = {0};
	int rc, slices = 0;
	while ((rc = key_list_select_copy_step(kl, nk, &st, 2)) == 0)
		slices++;
	assert_int_equal(rc, 1);
	assert_int_equal(slices, 3); /* 8 names, 2 a slice */
	char seen[64] = "";
	assert_int_equal(key_list_selected_names(nk, collect, seen), 0);
	assert_string_equal(seen, "b,d,f,h,");

	/* the user drops b after the first slice: over again, without b */
	memset(&st, 0, sizeof st);
	assert_int_equal(key_list_select_copy_step(kl, nk, &st, 2), 0);
	assert_int_equal(key_list_select_name(kl, "b", 1, 0), 0);
	while ((rc = key_list_select_copy_step(kl, nk, &st, 2)) == 0)
		;
	assert_int_equal(rc, 1);
	assert_int_equal(st.restarts, 1);
	seen[0] = '\0';
	assert_int_equal(key_list_selected_names(nk, collect, seen), 0);
	assert_string_equal(seen, "d,f,h,");

	/* a commit between slices starts over too; a list that keeps
	 * changing gets the rest at once */
	memset(&st, 0, sizeof st);
	assert_int_equal(key_list_select_copy_step(kl, nk, &st, 2), 0);
	char extra[8];
	for (int i = 0; i < KL_CARRY_RESTARTS; i++) {
		snprintf(extra, sizeof extra, "x%d", i);
		add(kl, extra);
		assert_int_equal(key_list_commit(kl), 0);
		rc = key_list_select_copy_step(kl, nk, &st, 2);
	}
	assert_int_equal(rc, 1);
	assert_int_equal(st.restarts, KL_CARRY_RESTARTS);
	seen[0] = '\0';
	assert_int_equal(key_list_selected_names(nk, collect, seen), 0);
	assert_string_equal(seen, "d,f,h,");
	key_list_free(nk);
	key_list_free(kl);
}

/* A big list keeps its lower-case copy of the names up to date batch by
 * batch (so the first case-blind search does not make it whole): names
 * of later batches, and after a compaction, are found all the same. */
static void test_case_blind_on_a_growing_list(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	char name[32];
	for (int batch = 0; batch < 3; batch++) {
		for (int i = 0; i < 40000; i++) {
			snprintf(name, sizeof name, "k%d-%05d", batch, i);
			add(kl, name);
		}
		assert_int_equal(key_list_commit(kl), 0);
	}
	add(kl, "Late-MiXed");
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_set_filter(kl, "mixed", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 1);
	assert_string_equal(row_name(kl, 0), "Late-MiXed");
	assert_int_equal(key_list_set_filter(kl, "", NULL, 0), 0);
	/* most names go: the arena is compacted, the copy made again */
	for (int i = 0; i < 40000; i++) {
		snprintf(name, sizeof name, "k0-%05d", i);
		del(kl, name);
		snprintf(name, sizeof name, "k1-%05d", i);
		del(kl, name);
	}
	add(kl, "Later-MIXED-too");
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_set_filter(kl, "mixed", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 2);
	assert_int_equal(key_list_set_filter(kl, "k2-0000", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 10);
	key_list_free(kl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_natural_at_once),
		cmocka_unit_test(test_natural_in_slices_with_changes),
		cmocka_unit_test(test_picks_follow_keys),
		cmocka_unit_test(test_picks_survive_compaction),
		cmocka_unit_test(test_search_jumps_without_hiding),
		cmocka_unit_test(test_mark_filter),
		cmocka_unit_test(test_case_blind_on_a_growing_list),
		cmocka_unit_test(test_picks_carried_in_slices),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
