/*
 * compare_marks.h - compare mode's model (`flockd --compare DIR_B DIR_A`):
 * how each key of the current table compares with the same table of
 * another database, as marks on the key list, plus rows for the keys that
 * only the other database has (they do not exist here: the controller
 * reads their facts and values from there, never writes them).
 *
 * The comparison reads both sides' values (sizes first, bytes when they
 * match, under shared locks), so it is computed on request: on a table
 * change, on a refresh, and after the list changed (rate-limited); marks
 * are put back cheaply on every new list in between. No curses.
 */
#ifndef TUI_BROWSER_COMPARE_MARKS_H
#define TUI_BROWSER_COMPARE_MARKS_H

#include "flockd.h"

#include "browser/key_list.h"
#include "inspect/replica_diff.h"

#define COMPARE_BITS (KL_MARK_CMP_HERE | KL_MARK_CMP_THERE | \
		      KL_MARK_CMP_DIFFERS | KL_MARK_CMP_SAME)

struct compare_marks {
	struct diff_table diff; /* the current table's comparison */
	int have;               /* diff holds a comparison */
	int err;                /* error of the last comparison, or 0 */
	size_t counts[DIFF_TROUBLE + 1]; /* keys of diff per status */
	char **ghosts;          /* only-there keys added to the list (owned) */
	size_t n_ghosts;
	struct replica_diff_job *job; /* a comparison running in slices */
};

void compare_marks_init(struct compare_marks *cm);
void compare_marks_done(struct compare_marks *cm);

/*
 * compare_marks_compute - compare table `table` of `here` with `there`
 * (both borrowed; the comparison waits for a lock as long as `here`'s
 * timeout). Replaces the previous comparison; the marks change at the next
 * compare_marks_apply. Returns 0 or an error code (then no comparison is
 * held and cm->err says why).
 */
int compare_marks_compute(struct compare_marks *cm, flockd_db *here,
			  flockd_db *there, const char *table);

/*
 * The same in slices (a million keys are compared while the screen keeps
 * answering): compare_marks_start replaces a comparison under way (the
 * old result stays until the new one is complete; keys a writer holds
 * are not waited for: they show as not compared); compare_marks_step
 * works for about `budget_ms` and returns 0 while it runs, 1 when the
 * new comparison took effect (apply it), or an error code (no
 * comparison held). compare_marks_running / compare_marks_progress: keys
 * compared so far and in all (0 of 0 while the tables are listed).
 */
int compare_marks_start(struct compare_marks *cm, flockd_db *here,
			flockd_db *there, const char *table);
int compare_marks_step(struct compare_marks *cm, long budget_ms);
int compare_marks_running(const struct compare_marks *cm);
void compare_marks_progress(const struct compare_marks *cm, size_t *done,
			    size_t *total);

/*
 * compare_marks_apply - put the comparison on `kl`: every key gets one
 * KL_MARK_CMP_* bit (none: not compared, e.g. new since), keys only there
 * are added as rows (marked KL_MARK_CMP_THERE) and only-there rows added
 * before that are now gone from both sides are removed. Commits the list
 * when it added or removed rows. One walk over the names, not a search
 * per key. Returns 0 or ENOMEM.
 */
int compare_marks_apply(struct compare_marks *cm, struct key_list *kl);

/* compare_marks_status - the key's status (DIFF_TROUBLE when it was not
 * compared). */
enum diff_status compare_marks_status(const struct compare_marks *cm,
				      const char *key);

/* compare_marks_counts - keys per status in the comparison (array of
 * DIFF_TROUBLE + 1 counts). */
void compare_marks_counts(const struct compare_marks *cm,
			  size_t counts[DIFF_TROUBLE + 1]);

/* compare_mark_char / compare_mark_word - a row's mark and its word:
 * '+' "only here", '-' "only there", '#' "differs", '=' "same", '?' "not
 * compared". */
char compare_mark_char(unsigned marks);
const char *compare_mark_word(unsigned marks);

#endif
