/* SPDX-License-Identifier: MIT */
/*
 * compare_marks.h - compare mode's marks on the key list: how each key of
 * the current table compares with the same table of the other database
 * (db_compare.h holds the comparison of every table), one mark per key,
 * plus rows for the keys that only the other database has (they do not
 * exist here: the controller reads their facts and values from there,
 * never writes them). Marks are put back cheaply on every new list. No
 * curses.
 */
#ifndef TUI_BROWSER_COMPARE_MARKS_H
#define TUI_BROWSER_COMPARE_MARKS_H

#include "flockd.h"

#include "browser/db_compare.h"
#include "browser/key_list.h"

#define COMPARE_BITS (KL_MARK_CMP_HERE | KL_MARK_CMP_THERE | \
		      KL_MARK_CMP_DIFFERS | KL_MARK_CMP_SAME)

struct compare_marks {
	char **ghosts;          /* only-there keys added to the list (owned) */
	size_t n_ghosts, cap_ghosts;
	const struct cmp_table *table; /* the results the marks are of */
	size_t applied;         /* its keys [0, applied) are marked */
};

void compare_marks_init(struct compare_marks *cm);
void compare_marks_done(struct compare_marks *cm);

/*
 * compare_marks_apply - put table `t`'s comparison (NULL: none yet) on
 * `kl`: every key gets one KL_MARK_CMP_* bit (none: not compared, e.g.
 * new since), keys only there are added as rows (marked
 * KL_MARK_CMP_THERE) and only-there rows added before that are now gone
 * from both sides are removed. Commits the list when it added or removed
 * rows. One walk over the names, not a search per key. Returns 0 or
 * ENOMEM.
 */
int compare_marks_apply(struct compare_marks *cm, const struct cmp_table *t,
			struct key_list *kl);

/*
 * compare_marks_extend - the same, cheaply, while a comparison fills
 * table `t`: only its keys that came since the last apply or extend are
 * marked, COMPARE_EXTEND_MAX at most (a keystroke never waits behind a
 * big batch: call again while compare_marks_pending says so; anything
 * else, another table or results replaced, is a whole
 * compare_marks_apply). Returns 0 or ENOMEM.
 * compare_marks_pending - keys of `t` not marked yet.
 */
#define COMPARE_EXTEND_MAX 8192
int compare_marks_extend(struct compare_marks *cm, const struct cmp_table *t,
			 struct key_list *kl);
size_t compare_marks_pending(const struct compare_marks *cm,
			     const struct cmp_table *t);

/* compare_mark_char / compare_mark_word - a row's mark and its word:
 * '+' "only here", '-' "only there", '#' "differs", '=' "same", '?' "not
 * compared". */
char compare_mark_char(unsigned marks);
const char *compare_mark_word(unsigned marks);

#endif
