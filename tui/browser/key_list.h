/* SPDX-License-Identifier: MIT */
/*
 * key_list.h - the keys pane's model: the entries of one table (keys and
 * leftovers such as temp files), filtered and sorted, with a cursor that
 * stays on its key while the list changes underneath.
 *
 * Built for a million keys: names live in one arena (no malloc per key),
 * each entry costs 32 bytes plus 4 per index array (by name, rows, and by
 * size/time while such a sort is on). Sizes and times are fetched lazily
 * through a callback, for the rows on screen only, unless a size or time
 * sort needs them all (then key_list_step fetches them in slices).
 *
 * Changes come in batches: key_list_add / key_list_remove queue them (in
 * event order; the last change of a name wins) and key_list_commit applies
 * the batch, merging it into the sorted indexes without a full re-sort.
 *
 * No curses, no store: the model is tested by cmocka directly.
 */
#ifndef TUI_BROWSER_KEY_LIST_H
#define TUI_BROWSER_KEY_LIST_H

#include <stddef.h>
#include <stdint.h>

/* Per-entry marks, a bit set that later features extend (lock marks come
 * from the inspection views). */
enum key_list_mark {
	KL_MARK_CONFLICT = 1u << 0, /* a conflict copy (any sync tool) */
	KL_MARK_NOTREG = 1u << 1,   /* not a regular file */
	KL_MARK_TEMP = 1u << 2,     /* a temp file (ours, Go's, rsync's, ...) */
	KL_MARK_STALE = 1u << 3,    /* a temp file older than the stale age
				       (key_list_set_stale_age; 1h) */
	KL_MARK_LOCK_SH = 1u << 4,  /* held with a shared lock (inspection) */
	KL_MARK_LOCK_EX = 1u << 5,  /* held with an exclusive lock */
	KL_MARK_SELECTED = 1u << 6, /* picked for a bulk action (rows only:
				       the selection owns it, see below) */
	KL_MARK_GONE = 1u << 7,     /* stat found nothing (vanished) */
	KL_MARK_EMPTY = 1u << 8,    /* a value of 0 bytes */
	/* compare mode (compare_marks.h): how the key compares with the
	 * other database; none of them: not compared */
	KL_MARK_CMP_HERE = 1u << 9,    /* only here */
	KL_MARK_CMP_THERE = 1u << 10,  /* only there (a row of its own) */
	KL_MARK_CMP_DIFFERS = 1u << 11,
	KL_MARK_CMP_SAME = 1u << 12,
	KL_MARK_BACKUP = 1u << 13,  /* a backup or old version of a key */
	KL_MARK_STRAY = 1u << 14,   /* not a key nor a key's leftover: a
				       sync tool's own file, or unknown */
	KL_MARK_SUSPECT = 1u << 15, /* a value an interrupted rsync may have
				       torn (flockd_stat_suspect) */
};

enum key_list_sort {
	KL_SORT_NAME = 0,
	KL_SORT_SIZE,
	KL_SORT_MTIME,
	KL_SORT_NATURAL, /* by name, digit runs by value: key2 < key10 */
};

/* Facts of one entry from the stat callback. */
struct key_list_stat {
	uint64_t size;
	int64_t mtime; /* seconds since the epoch */
	int regular;   /* a regular file */
	int suspect;   /* a key's value that may be torn (KL_MARK_SUSPECT) */
};

/* Called for entries whose facts are needed: `name` is the key (is_entry 0)
 * or the directory entry's file name (is_entry 1). Returns 0 and fills *st,
 * or non-zero when the entry cannot be stat'ed (it is then marked GONE). */
typedef int (*key_list_stat_fn)(void *ctx, const char *name, int is_entry,
				struct key_list_stat *st);

/* One row as a view draws it. `name` is borrowed until the next change of
 * the list (add/remove/commit/filter/sort/free). */
struct key_list_row {
	const char *name;
	size_t name_len;
	int is_entry;         /* not a key: a leftover file, shown by file name */
	unsigned char dtype;  /* DT_* of the directory entry */
	unsigned marks;       /* enum key_list_mark bits */
	int have_stat;        /* size/mtime are known */
	uint64_t size;
	int64_t mtime;
	uint32_t entry;       /* stable id until the next commit */
};

#define KEY_LIST_NONE UINT32_MAX

struct key_list;

/* key_list_new - an empty list; `fn`/`ctx` fetch facts (fn may be NULL: no
 * facts). Returns NULL on ENOMEM. Free with key_list_free. */
struct key_list *key_list_new(key_list_stat_fn fn, void *ctx);

/* key_list_set_stale_age - a temp file whose mtime is more than `seconds`
 * old is marked KL_MARK_STALE when its facts are fetched (default 3600). */
void key_list_set_stale_age(struct key_list *kl, int64_t seconds);
void key_list_free(struct key_list *kl);

/*
 * key_list_add - queue "this entry exists now" (new, or changed: its facts
 * are fetched again). `len` <= 65535. key_list_remove - queue "gone".
 * Both take effect at key_list_commit. Return 0, ENOMEM or EINVAL (len).
 */
int key_list_add(struct key_list *kl, const char *name, size_t len,
		 int is_entry, unsigned char dtype, unsigned marks);
int key_list_remove(struct key_list *kl, const char *name, size_t len,
		    int is_entry);

/* key_list_commit - apply the queued changes; the cursor stays on its entry
 * or moves to the next one (the previous one at the end) when it went.
 * Returns 0 or ENOMEM (then the queue is dropped and the list unchanged). */
int key_list_commit(struct key_list *kl);

/* key_list_pending - changes queued since the last commit. */
size_t key_list_pending(const struct key_list *kl);

/* key_list_count - live entries; key_list_rows - rows after the filter;
 * key_list_count_files - of the live entries, those added with is_entry
 * (leftover files, not keys): keys are the difference. */
uint32_t key_list_count(const struct key_list *kl);
uint32_t key_list_count_files(const struct key_list *kl);
uint32_t key_list_rows(const struct key_list *kl);

/* key_list_row - fill *out for row `row` (< key_list_rows); 0 or -1. */
int key_list_row(const struct key_list *kl, uint32_t row,
		 struct key_list_row *out);

/* key_list_fetch - fetch the facts of rows [first, first + count) that have
 * none yet (the rows on screen). */
void key_list_fetch(struct key_list *kl, uint32_t first, uint32_t count);

/* key_list_invalidate_stats - forget every fetched fact (ages and sizes are
 * fetched again for the rows on screen). */
void key_list_invalidate_stats(struct key_list *kl);

/* ------------------------------------------------------------- sorting */

/* key_list_set_sort - choose the order. A size or time sort needs every
 * entry's facts, and a list of more than 20,000 entries is sorted in
 * slices: until key_list_step has fetched them and sorted, the old order
 * stays and key_list_sort_pending() is non-zero. Entries that come or
 * change meanwhile are placed when the sort finishes. Turning the order
 * round (the same sort, descending) is immediate. Returns 0 or ENOMEM. */
int key_list_set_sort(struct key_list *kl, enum key_list_sort sort,
		      int descending);
enum key_list_sort key_list_sort(const struct key_list *kl, int *descending);

/* key_list_sort_pending - roughly the entries a requested sort still
 * waits for (facts to fetch, names to place; 0: the requested order is
 * shown). */
uint32_t key_list_sort_pending(const struct key_list *kl);

/* key_list_step - a slice of a pending sort: fetch up to `budget`
 * missing facts, or else do about 16 x `budget` comparisons; apply the
 * sort once complete. Returns key_list_sort_pending() after. */
uint32_t key_list_step(struct key_list *kl, uint32_t budget);

/* ----------------------------------------------------------- filtering */

/*
 * key_list_set_filter - show only the entries matching `text`:
 *   ""            everything
 *   "re:REGEX"    POSIX extended regex (regcomp), case-sensitive
 *   "glob:PAT"    fnmatch(3) pattern over the whole name
 *   anything else a substring; case-insensitive while `text` has no
 *                 upper-case letter (less's smart case)
 * A filter that extends the previous substring narrows the current rows
 * instead of scanning all entries. The first case-blind filter builds a
 * lower-case copy of the names (kept: one more byte per name byte) so every
 * substring pass is one memmem over all names. On an invalid regex returns EINVAL, puts
 * regerror's text into err (if not NULL) and leaves the filter unchanged.
 * Returns 0, EINVAL or ENOMEM. The cursor stays on its entry if it still
 * shows, else goes to the first row.
 */
int key_list_set_filter(struct key_list *kl, const char *text, char *err,
			size_t err_size);

/* key_list_filter - the filter text in effect ("" for none). Borrowed. */
const char *key_list_filter(const struct key_list *kl);

/* key_list_matches - would entry `name` pass the current filter? */
int key_list_matches(const struct key_list *kl, const char *name,
		     size_t len);

/* -------------------------------------------------------------- cursor */

/* key_list_cursor - the cursor's row (0 when the list is empty). */
uint32_t key_list_cursor(const struct key_list *kl);

/* key_list_move - move the cursor by `delta` rows, clamped; clears a
 * pending key_list_want. */
void key_list_move(struct key_list *kl, long delta);

/* key_list_set_cursor - put the cursor on `row` (clamped). */
void key_list_set_cursor(struct key_list *kl, uint32_t row);

/* key_list_find - the row showing (name, is_entry), or KEY_LIST_NONE. */
uint32_t key_list_find(const struct key_list *kl, const char *name,
		       size_t len, int is_entry);

/* key_list_want - put the cursor on key `name` as soon as it is in the
 * list (now, or after a later commit); a cursor move cancels the wish.
 * Returns 1 when placed now, 0 when waiting, ENOMEM. */
int key_list_want(struct key_list *kl, const char *name, size_t len);

/* key_list_wanting - non-zero while a wish is waiting. */
int key_list_wanting(const struct key_list *kl);

/* key_list_scroll - the first row to show in a pane of `height` rows so the
 * cursor is visible, moving the previous top as little as possible. */
uint32_t key_list_scroll(struct key_list *kl, uint32_t height);

/* key_list_set_top - scroll the view to `top` (mouse wheel), keeping the
 * cursor inside [top, top + height). */
void key_list_set_top(struct key_list *kl, long top, uint32_t height);

/* key_list_mark - set and clear mark bits of entry (name, is_entry), for
 * features that learn facts elsewhere (the lock view marks locked keys).
 * Returns 0, or -1 when the entry is not in the list. */
int key_list_mark(struct key_list *kl, const char *name, size_t len,
		  int is_entry, unsigned set, unsigned clear);

/* key_list_mark_names - key_list_mark for `n` keys at once, in one walk
 * over the name index (a million in a few milliseconds): names[] sorted
 * bytewise (as strcmp); on each key the list has whose set[i] is not 0,
 * set[i] is set and `clear` cleared; found[i] (may be NULL) says whether
 * the list has the key. */
void key_list_mark_names(struct key_list *kl, const char *const *names,
			 size_t n, const unsigned *set, unsigned clear,
			 unsigned char *found);

/* key_list_marks_of - the mark bits of entry (name, is_entry), shown or
 * filtered out, in *marks. Returns 0, or -1 when it is not in the list. */
int key_list_marks_of(const struct key_list *kl, const char *name,
		      size_t len, int is_entry, unsigned *marks);

/* key_list_set_mark_filter - show only the rows that have one of the
 * mark bits of `mask` (0: every row), on top of the text filter: compare
 * mode's "differences only". Marks set later take effect at the next
 * rebuild of the rows (a commit, a sort, a filter, or this call again).
 * The cursor stays on its row if it is still shown. 0 or ENOMEM.
 * key_list_mark_filter - the mask in effect. */
int key_list_set_mark_filter(struct key_list *kl, unsigned mask);
unsigned key_list_mark_filter(const struct key_list *kl);

/* key_list_clear_marks - clear these mark bits on every entry. */
void key_list_clear_marks(struct key_list *kl, unsigned bits);

/* ----------------------------------------------------------- selection */

/*
 * The picked keys of a bulk action (common/selection.h over the list's
 * entries). Only keys are picked, never leftover files; a pick follows
 * its key across commits and filters, and goes when the key goes. Rows
 * show it as KL_MARK_SELECTED.
 *
 * key_list_select_row - pick (on 1), drop (0) or flip (-1) the key of
 * row `row`; *picked (may be NULL) says whether it is picked after.
 * Returns 0, EINVAL when the row is not a key (or there is no such row)
 * or ENOMEM.
 * key_list_select_shown - pick (on) or drop every key the filter shows.
 * key_list_select_invert - flip every key the filter shows.
 * key_list_select_none - drop every pick, shown or not.
 * These return 0 or ENOMEM (nothing changed).
 */
int key_list_select_row(struct key_list *kl, uint32_t row, int on,
			int *picked);
int key_list_select_shown(struct key_list *kl, int on);
/* key_list_select_name - pick (on) or drop key `name`, shown or not.
 * Returns 0, -1 when the list has no such key, or ENOMEM. */
int key_list_select_name(struct key_list *kl, const char *name, size_t len,
			 int on);
int key_list_select_invert(struct key_list *kl);
void key_list_select_none(struct key_list *kl);

/* key_list_selected - how many keys are picked (shown or filtered out). */
size_t key_list_selected(const struct key_list *kl);

/* key_list_selected_names - call fn(name, len, ctx) for every picked key,
 * in name order; a non-zero result stops the walk and is returned. The
 * name is borrowed for the call. */
int key_list_selected_names(const struct key_list *kl,
			    int (*fn)(const char *name, size_t len,
				      void *ctx),
			    void *ctx);

/* key_list_keys - the same walk over every key of the list (leftover
 * files left out), picked or not. */
int key_list_keys(const struct key_list *kl,
		  int (*fn)(const char *name, size_t len, void *ctx),
		  void *ctx);

/* key_list_files - the same over the leftover files (keys left out). */
int key_list_files(const struct key_list *kl,
		   int (*fn)(const char *name, size_t len, void *ctx),
		   void *ctx);

/* key_list_select_copy - pick in `to` every key picked in `from` that
 * `to` has (a re-listing replacing the list keeps the picks). Returns 0
 * or ENOMEM. */
int key_list_select_copy(const struct key_list *from, struct key_list *to);

/*
 * key_list_select_copy_step - the same in slices of `budget` of from's
 * names (a million picks take 0.4 s), *st zeroed before the first. A
 * slice after either list changed (a commit, a pick) starts over; after
 * KL_CARRY_RESTARTS such starts the rest is done at once. Returns 1 when
 * every pick is carried, 0 when there is more, or ENOMEM.
 */
#define KL_CARRY_RESTARTS 3
struct kl_carry {
	int started;
	unsigned restarts;
	uint32_t k, pos;             /* from's and to's name positions */
	uint64_t from_sel, from_commits, to_commits;
};
int key_list_select_copy_step(const struct key_list *from,
			      struct key_list *to, struct kl_carry *st,
			      uint32_t budget);

/* -------------------------------------------------------------- search */

/*
 * key_list_set_search - find keys without hiding any row: `text` as for
 * a filter (substring with smart case, re:, glob:; "" ends the search).
 * Returns 0, EINVAL (bad regex: regerror's words in err; the search is
 * unchanged) or ENOMEM.
 * key_list_search - the search in effect ("" for none). Borrowed.
 */
int key_list_set_search(struct key_list *kl, const char *text, char *err,
			size_t err_size);
const char *key_list_search(const struct key_list *kl);

/* key_list_search_next - move the cursor to the next row (backward: the
 * previous one) matching the search, wrapping round; `from_here`
 * includes the cursor's own row (a search as it is typed). Returns 1 when
 * it found one, 0 when no row matches. */
int key_list_search_next(struct key_list *kl, int backward, int from_here);

/* key_list_search_span - where the search matches `name`: 1 with the
 * byte range [*start, *end) (a glob: the whole name), 0 when it does not
 * match or there is no search. */
int key_list_search_span(const struct key_list *kl, const char *name,
			 size_t len, size_t *start, size_t *end);

/* key_list_shrink - give back the slack of the growing arrays (after a
 * listing completes). Keeps everything; only capacity changes. */
void key_list_shrink(struct key_list *kl);

/* key_list_memory - bytes allocated by the list (for the benchmark) and,
 * in *names, how many of them hold names. */
size_t key_list_memory(const struct key_list *kl, size_t *names);

#endif
