/* SPDX-License-Identifier: MIT */
/*
 * test_key_list.c - the key list model: filter and sort over many names,
 * batched changes, and a cursor that stays on its key across refreshes.
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

/* Fake facts: size = the number after "k" in the name, mtime = 1000 -
 * size; "gone*" names cannot be stat'ed. */
static int fetches;

static int fake_stat(void *ctx, const char *name, int is_entry,
		     struct key_list_stat *st)
{
	(void)ctx;
	(void)is_entry;
	fetches++;
	if (strncmp(name, "gone", 4) == 0)
		return -1;
	const char *p = strpbrk(name, "0123456789");
	st->size = p ? strtoull(p, NULL, 10) : 0;
	st->mtime = 1000 - (int64_t)st->size;
	st->regular = strncmp(name, "fifo", 4) != 0;
	return 0;
}

static void add(struct key_list *kl, const char *name)
{
	assert_int_equal(key_list_add(kl, name, strlen(name), 0, DT_REG, 0), 0);
}

static void del(struct key_list *kl, const char *name)
{
	assert_int_equal(key_list_remove(kl, name, strlen(name), 0), 0);
}

static const char *row_name(struct key_list *kl, uint32_t r)
{
	struct key_list_row row;
	assert_int_equal(key_list_row(kl, r, &row), 0);
	return row.name;
}

static const char *cur_name(struct key_list *kl)
{
	return row_name(kl, key_list_cursor(kl));
}

static struct key_list *make_abc(void)
{
	struct key_list *kl = key_list_new(fake_stat, NULL);
	assert_non_null(kl);
	add(kl, "carol");
	add(kl, "alice");
	add(kl, "bob");
	add(kl, "dave");
	assert_int_equal(key_list_commit(kl), 0);
	return kl;
}

static void test_sorted_by_name(void **state)
{
	(void)state;
	struct key_list *kl = make_abc();
	assert_int_equal(key_list_count(kl), 4);
	assert_int_equal(key_list_rows(kl), 4);
	assert_string_equal(row_name(kl, 0), "alice");
	assert_string_equal(row_name(kl, 1), "bob");
	assert_string_equal(row_name(kl, 3), "dave");
	assert_int_equal(key_list_set_sort(kl, KL_SORT_NAME, 1), 0);
	assert_string_equal(row_name(kl, 0), "dave");
	key_list_free(kl);
}

/* Bytewise order, and names sharing long prefixes (the 8-byte prefix
 * shortcut must fall back to the rest). */
static void test_bytewise_long_prefixes(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	const char *names[] = {"prefix-00-b", "prefix-00-a", "prefix-00",
			       "prefix-0", "Zed", "\xc3\xa9t\xc3\xa9", "a"};
	for (size_t i = 0; i < 7; i++)
		add(kl, names[i]);
	assert_int_equal(key_list_commit(kl), 0);
	const char *want[] = {"Zed", "a", "prefix-0", "prefix-00",
			      "prefix-00-a", "prefix-00-b", "\xc3\xa9t\xc3\xa9"};
	for (uint32_t r = 0; r < 7; r++)
		assert_string_equal(row_name(kl, r), want[r]);
	key_list_free(kl);
}

static void test_many_names_in_batches(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	char name[32];
	/* 50,000 names arrive in shuffled batches of 997 */
	unsigned n = 50000;
	for (unsigned i = 0; i < n; i++) {
		unsigned k = (i * 7919u) % n;
		snprintf(name, sizeof name, "key-%06u", k);
		add(kl, name);
		if (i % 997 == 0)
			assert_int_equal(key_list_commit(kl), 0);
	}
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_count(kl), n);
	for (uint32_t r = 0; r < n; r++) {
		snprintf(name, sizeof name, "key-%06u", r);
		assert_string_equal(row_name(kl, r), name);
	}
	/* substring, regex, glob */
	assert_int_equal(key_list_set_filter(kl, "-0123", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 100);
	assert_string_equal(row_name(kl, 0), "key-012300");
	assert_int_equal(key_list_set_filter(kl, "re:7$", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), n / 10);
	assert_int_equal(key_list_set_filter(kl, "glob:key-00?0?0", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 100);
	assert_int_equal(key_list_set_filter(kl, "", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), n);
	key_list_free(kl);
}

/* The fast paths (one memmem over all names; a glob's literal picking
 * candidates) agree with testing every name. */
static void test_filters_agree_with_brute_force(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	char name[64];
	const char *words[] = {"Alpha", "beta", "GAMMA", "delta", "x[1]", "a*b"};
	for (unsigned i = 0; i < 3000; i++) {
		snprintf(name, sizeof name, "%s-%u.%s", words[i % 6], i * 37,
			 words[(i / 6) % 6]);
		add(kl, name);
	}
	assert_int_equal(key_list_commit(kl), 0);
	const char *filters[] = {
		"alpha", "Alpha", "a-1", "ta-", "glob:*-1?1.*", "glob:beta-*",
		"glob:*[0-9].GAMMA", "glob:x\\[1]*", "glob:*a\\*b*",
		"glob:*ta-2*", "re:^(beta|delta)-[0-9]+\\.a", "glob:[ab]*",
		"mm", "MM", "glob:*", "re:ta-1[0-9]+\\.", "re:^Alpha-2+",
		"re:a-9?1", "re:MM{1}A", "re:x\\[1\\]", "re:ph+a-3",
		"re:elta-[0-9]*7\\.GAMMA$", "re:[", "re:lph?a",
	};
	for (size_t f = 0; f < sizeof filters / sizeof filters[0]; f++) {
		uint32_t want = 0;
		if (key_list_set_filter(kl, filters[f], NULL, 0) == EINVAL)
			continue; /* a bad regex ("re:[") changes nothing */
		key_list_set_filter(kl, "", NULL, 0);
		uint32_t n = key_list_rows(kl);
		assert_int_equal(key_list_set_filter(kl, filters[f], NULL, 0), 0);
		for (uint32_t r = 0; r < n; r++) {
			/* brute force over the unfiltered names */
			snprintf(name, sizeof name, "%s-%u.%s", words[r % 6],
				 r * 37, words[(r / 6) % 6]);
			want += (uint32_t)key_list_matches(kl, name,
							   strlen(name));
		}
		if (key_list_rows(kl) != want)
			fail_msg("filter %s: %u rows, brute force %u",
				 filters[f], key_list_rows(kl), want);
	}
	key_list_free(kl);
}

static void test_filter_smart_case_and_narrowing(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	add(kl, "Alice");
	add(kl, "alina");
	add(kl, "bob");
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_set_filter(kl, "al", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 2); /* any case */
	assert_int_equal(key_list_set_filter(kl, "ali", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 2);
	assert_int_equal(key_list_set_filter(kl, "alin", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 1);
	assert_string_equal(row_name(kl, 0), "alina");
	assert_int_equal(key_list_set_filter(kl, "Al", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 1); /* upper case: exact */
	assert_string_equal(row_name(kl, 0), "Alice");
	assert_string_equal(key_list_filter(kl), "Al");
	key_list_free(kl);
}

static void test_bad_regex_keeps_filter(void **state)
{
	(void)state;
	char err[128];
	struct key_list *kl = make_abc();
	assert_int_equal(key_list_set_filter(kl, "o", NULL, 0), 0);
	assert_int_equal(key_list_rows(kl), 2);
	assert_int_equal(key_list_set_filter(kl, "re:(", err, sizeof err),
			 EINVAL);
	assert_true(strlen(err) > 0);
	assert_string_equal(key_list_filter(kl), "o");
	assert_int_equal(key_list_rows(kl), 2);
	key_list_free(kl);
}

static void test_sort_by_size_and_time(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(fake_stat, NULL);
	add(kl, "k30");
	add(kl, "k5");
	add(kl, "k100");
	add(kl, "k7");
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_set_sort(kl, KL_SORT_SIZE, 0), 0);
	/* needs every size first */
	assert_int_equal(key_list_sort_pending(kl), 4);
	int desc;
	assert_int_equal(key_list_sort(kl, &desc), KL_SORT_NAME);
	assert_int_equal(key_list_step(kl, 2), 2);
	assert_int_equal(key_list_step(kl, 100), 0);
	assert_int_equal(key_list_sort(kl, &desc), KL_SORT_SIZE);
	assert_string_equal(row_name(kl, 0), "k5");
	assert_string_equal(row_name(kl, 1), "k7");
	assert_string_equal(row_name(kl, 3), "k100");
	assert_int_equal(key_list_set_sort(kl, KL_SORT_SIZE, 1), 0);
	assert_string_equal(row_name(kl, 0), "k100");
	/* mtime = 1000 - size: newest first when ascending is oldest */
	assert_int_equal(key_list_set_sort(kl, KL_SORT_MTIME, 0), 0);
	assert_string_equal(row_name(kl, 0), "k100");
	assert_string_equal(row_name(kl, 3), "k5");
	/* a new key lands in its place in the size order */
	assert_int_equal(key_list_set_sort(kl, KL_SORT_SIZE, 0), 0);
	add(kl, "k6");
	assert_int_equal(key_list_commit(kl), 0);
	assert_string_equal(row_name(kl, 1), "k6");
	assert_int_equal(key_list_rows(kl), 5);
	key_list_free(kl);
}

/* `set sort = size`: the list is sorted before it is listed. */
static void test_size_sort_before_listing(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(fake_stat, NULL);
	assert_int_equal(key_list_set_sort(kl, KL_SORT_SIZE, 1), 0);
	assert_int_equal(key_list_rows(kl), 0);
	add(kl, "k5");
	add(kl, "k30");
	add(kl, "k7");
	assert_int_equal(key_list_commit(kl), 0);
	while (key_list_sort_pending(kl) > 0)
		key_list_step(kl, 100);
	int desc;
	assert_int_equal(key_list_sort(kl, &desc), KL_SORT_SIZE);
	assert_true(desc);
	assert_string_equal(row_name(kl, 0), "k30");
	assert_string_equal(row_name(kl, 2), "k5");
	key_list_free(kl);
}

static void test_cursor_stays_on_key(void **state)
{
	(void)state;
	struct key_list *kl = make_abc();
	key_list_set_cursor(kl, 2);
	assert_string_equal(cur_name(kl), "carol");
	add(kl, "aaron");
	add(kl, "bea");
	assert_int_equal(key_list_commit(kl), 0);
	assert_string_equal(cur_name(kl), "carol");
	assert_int_equal(key_list_cursor(kl), 4);
	/* removing others keeps it */
	del(kl, "aaron");
	del(kl, "alice");
	assert_int_equal(key_list_commit(kl), 0);
	assert_string_equal(cur_name(kl), "carol");
	/* a changed value (add of an existing key) keeps it too */
	add(kl, "carol");
	assert_int_equal(key_list_commit(kl), 0);
	assert_string_equal(cur_name(kl), "carol");
	assert_int_equal(key_list_count(kl), 4);
	key_list_free(kl);
}

static void test_cursor_moves_to_neighbour(void **state)
{
	(void)state;
	struct key_list *kl = make_abc();
	key_list_set_cursor(kl, 1); /* bob */
	del(kl, "bob");
	assert_int_equal(key_list_commit(kl), 0);
	assert_string_equal(cur_name(kl), "carol"); /* the next one */
	key_list_set_cursor(kl, 2);                 /* dave, the last */
	del(kl, "dave");
	del(kl, "carol");
	assert_int_equal(key_list_commit(kl), 0);
	assert_string_equal(cur_name(kl), "alice"); /* the previous one */
	del(kl, "alice");
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_rows(kl), 0);
	assert_int_equal(key_list_cursor(kl), 0);
	key_list_free(kl);
}

static void test_last_change_wins(void **state)
{
	(void)state;
	struct key_list *kl = make_abc();
	/* a temp-like create then delete in one batch: nothing */
	add(kl, "tmp");
	del(kl, "tmp");
	/* delete then re-create (rename over): present */
	del(kl, "bob");
	add(kl, "bob");
	/* remove of an unknown name: nothing */
	del(kl, "nobody");
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_count(kl), 4);
	assert_int_equal(key_list_find(kl, "tmp", 3, 0), KEY_LIST_NONE);
	assert_int_not_equal(key_list_find(kl, "bob", 3, 0), KEY_LIST_NONE);
	key_list_free(kl);
}

static void test_entries_and_keys_are_distinct(void **state)
{
	(void)state;
	struct key_list *kl = make_abc();
	/* a leftover file named like a key is another row */
	assert_int_equal(key_list_add(kl, "bob", 3, 1, DT_REG, KL_MARK_TEMP), 0);
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_count(kl), 5);
	uint32_t r = key_list_find(kl, "bob", 3, 1);
	assert_int_not_equal(r, KEY_LIST_NONE);
	struct key_list_row row;
	assert_int_equal(key_list_row(kl, r, &row), 0);
	assert_true(row.is_entry);
	assert_true(row.marks & KL_MARK_TEMP);
	key_list_free(kl);
}

static void test_lazy_facts_for_visible_rows(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(fake_stat, NULL);
	char name[32];
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "k%04d", i);
		add(kl, name);
	}
	add(kl, "gone-key");
	add(kl, "fifo1");
	assert_int_equal(key_list_commit(kl), 0);
	fetches = 0;
	key_list_fetch(kl, 10, 20);
	assert_int_equal(fetches, 20);
	key_list_fetch(kl, 10, 20); /* cached */
	assert_int_equal(fetches, 20);
	struct key_list_row row;
	assert_int_equal(key_list_row(kl, 10, &row), 0);
	assert_true(row.have_stat);
	assert_int_equal(row.size, 8); /* fifo1, gone-key, k0000.. */
	assert_int_equal(key_list_row(kl, 500, &row), 0);
	assert_false(row.have_stat);
	key_list_fetch(kl, 0, 2);
	assert_int_equal(key_list_row(kl, 0, &row), 0);
	assert_string_equal(row.name, "fifo1");
	assert_true(row.marks & KL_MARK_NOTREG);
	assert_int_equal(key_list_row(kl, 1, &row), 0);
	assert_true(row.marks & KL_MARK_GONE);
	key_list_free(kl);
}

static void test_want_places_cursor_later(void **state)
{
	(void)state;
	struct key_list *kl = make_abc();
	assert_int_equal(key_list_want(kl, "zoe", 3), 0);
	assert_true(key_list_wanting(kl));
	add(kl, "zoe");
	add(kl, "yan");
	assert_int_equal(key_list_commit(kl), 0);
	assert_false(key_list_wanting(kl));
	assert_string_equal(cur_name(kl), "zoe");
	assert_int_equal(key_list_want(kl, "bob", 3), 1);
	assert_string_equal(cur_name(kl), "bob");
	key_list_free(kl);
}

static void test_filter_keeps_cursor_if_visible(void **state)
{
	(void)state;
	struct key_list *kl = make_abc();
	key_list_set_cursor(kl, 2); /* carol */
	assert_int_equal(key_list_set_filter(kl, "a", NULL, 0), 0);
	assert_string_equal(cur_name(kl), "carol");
	assert_int_equal(key_list_set_filter(kl, "ali", NULL, 0), 0);
	assert_string_equal(cur_name(kl), "alice");
	/* a key added while filtered shows only if it matches */
	add(kl, "alina");
	add(kl, "zed");
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_rows(kl), 2);
	key_list_free(kl);
}

static void test_scroll_and_clamp(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	char name[16];
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "k%03d", i);
		add(kl, name);
	}
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_scroll(kl, 10), 0);
	key_list_move(kl, 15);
	assert_int_equal(key_list_scroll(kl, 10), 6);
	key_list_move(kl, 1000);
	assert_int_equal(key_list_cursor(kl), 99);
	assert_int_equal(key_list_scroll(kl, 10), 90);
	key_list_move(kl, -1000);
	assert_int_equal(key_list_cursor(kl), 0);
	key_list_set_top(kl, 50, 10);
	assert_int_equal(key_list_cursor(kl), 50);
	key_list_set_top(kl, 500, 10);
	assert_int_equal(key_list_scroll(kl, 10), 90);
	key_list_free(kl);
}

static void test_compaction_keeps_everything(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	char name[32];
	for (int i = 0; i < 8000; i++) {
		snprintf(name, sizeof name, "k%05d", i);
		add(kl, name);
	}
	assert_int_equal(key_list_commit(kl), 0);
	key_list_set_cursor(kl, 7999);
	for (int i = 0; i < 6000; i++) {
		snprintf(name, sizeof name, "k%05d", i);
		del(kl, name);
	}
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_count(kl), 2000);
	assert_string_equal(row_name(kl, 0), "k06000");
	assert_string_equal(cur_name(kl), "k07999");
	size_t names;
	size_t mem = key_list_memory(kl, &names);
	assert_true(names <= 2000 * 7);
	assert_true(mem > names);
	key_list_free(kl);
}

static void test_marks_for_other_features(void **state)
{
	(void)state;
	struct key_list *kl = make_abc();
	struct key_list_row row;
	assert_int_equal(key_list_mark(kl, "bob", 3, 0, KL_MARK_LOCK_EX, 0), 0);
	assert_int_equal(key_list_row(kl, key_list_find(kl, "bob", 3, 0), &row),
			 0);
	assert_true(row.marks & KL_MARK_LOCK_EX);
	assert_int_equal(key_list_mark(kl, "nobody", 6, 0, KL_MARK_LOCK_EX, 0),
			 -1);
	/* marks survive a refresh of other keys */
	add(kl, "erin");
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_row(kl, key_list_find(kl, "bob", 3, 0), &row),
			 0);
	assert_true(row.marks & KL_MARK_LOCK_EX);
	key_list_clear_marks(kl, KL_MARK_LOCK_EX | KL_MARK_LOCK_SH);
	assert_int_equal(key_list_row(kl, key_list_find(kl, "bob", 3, 0), &row),
			 0);
	assert_false(row.marks & KL_MARK_LOCK_EX);
	key_list_free(kl);
}

static void test_invalid_arguments(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(NULL, NULL);
	assert_int_equal(key_list_add(kl, "", 0, 0, DT_REG, 0), EINVAL);
	assert_int_equal(key_list_remove(kl, "", 0, 0), EINVAL);
	struct key_list_row row;
	assert_int_equal(key_list_row(kl, 0, &row), -1);
	assert_int_equal(key_list_commit(kl), 0);
	key_list_free(kl);
	key_list_free(NULL);
}

/* Leftover files are rows but not keys: counted apart, through adds,
 * re-adds, removals and a key and a file of the same name. */
static void test_counts_files_apart(void **state)
{
	(void)state;
	struct key_list *kl = key_list_new(fake_stat, NULL);
	assert_non_null(kl);
	add(kl, "a");
	add(kl, "b");
	assert_int_equal(key_list_add(kl, "a.kvX1", 6, 1, DT_REG, 0), 0);
	assert_int_equal(key_list_add(kl, "b", 1, 1, DT_REG, 0), 0);
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_count(kl), 4);
	assert_int_equal(key_list_count_files(kl), 2);
	/* changed, not new */
	assert_int_equal(key_list_add(kl, "a.kvX1", 6, 1, DT_REG, 0), 0);
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_count_files(kl), 2);
	/* removing the key "b" leaves the file "b" */
	del(kl, "b");
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_count(kl), 3);
	assert_int_equal(key_list_count_files(kl), 2);
	assert_int_equal(key_list_remove(kl, "a.kvX1", 6, 1), 0);
	assert_int_equal(key_list_remove(kl, "nothere", 7, 1), 0);
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(key_list_count(kl), 2);
	assert_int_equal(key_list_count_files(kl), 1);
	key_list_free(kl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sorted_by_name),
		cmocka_unit_test(test_counts_files_apart),
		cmocka_unit_test(test_bytewise_long_prefixes),
		cmocka_unit_test(test_many_names_in_batches),
		cmocka_unit_test(test_filters_agree_with_brute_force),
		cmocka_unit_test(test_filter_smart_case_and_narrowing),
		cmocka_unit_test(test_bad_regex_keeps_filter),
		cmocka_unit_test(test_sort_by_size_and_time),
		cmocka_unit_test(test_size_sort_before_listing),
		cmocka_unit_test(test_cursor_stays_on_key),
		cmocka_unit_test(test_cursor_moves_to_neighbour),
		cmocka_unit_test(test_last_change_wins),
		cmocka_unit_test(test_entries_and_keys_are_distinct),
		cmocka_unit_test(test_lazy_facts_for_visible_rows),
		cmocka_unit_test(test_want_places_cursor_later),
		cmocka_unit_test(test_filter_keeps_cursor_if_visible),
		cmocka_unit_test(test_scroll_and_clamp),
		cmocka_unit_test(test_compaction_keeps_everything),
		cmocka_unit_test(test_marks_for_other_features),
		cmocka_unit_test(test_invalid_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
