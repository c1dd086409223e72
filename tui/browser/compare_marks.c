/*
 * compare_marks.c - compare mode's marks and only-there rows (see
 * compare_marks.h).
 */
#include "browser/compare_marks.h"

#include "inspect/inspect_views.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void compare_marks_init(struct compare_marks *cm)
{
	memset(cm, 0, sizeof *cm);
}

static void free_ghosts(struct compare_marks *cm)
{
	for (size_t i = 0; i < cm->n_ghosts; i++)
		free(cm->ghosts[i]);
	free(cm->ghosts);
	cm->ghosts = NULL;
	cm->n_ghosts = 0;
}

void compare_marks_done(struct compare_marks *cm)
{
	diff_table_free(&cm->diff);
	free_ghosts(cm);
	compare_marks_init(cm);
}

int compare_marks_compute(struct compare_marks *cm, flockd_db *here,
			  flockd_db *there, const char *table)
{
	struct diff_table d;
	int err = inspect_compare_table(here, there, table, &d);

	cm->err = err;
	diff_table_free(&cm->diff);
	cm->have = err == 0;
	if (err == 0)
		cm->diff = d;
	return err;
}

static unsigned mark_of(enum diff_status s)
{
	switch (s) {
	case DIFF_SAME: return KL_MARK_CMP_SAME;
	case DIFF_ONLY_A: return KL_MARK_CMP_HERE;
	case DIFF_ONLY_B: return KL_MARK_CMP_THERE;
	case DIFF_DIFFERS: return KL_MARK_CMP_DIFFERS;
	case DIFF_TROUBLE: break;
	}
	return 0;
}

/* Rows added for only-there keys of an earlier comparison go unless the
 * comparison still has the key: a row that exists here now lost its
 * only-there mark when it was added for real, and stays. */
static int drop_old_ghosts(struct compare_marks *cm, struct key_list *kl)
{
	int changed = 0;
	for (size_t i = 0; i < cm->n_ghosts; i++) {
		const char *g = cm->ghosts[i];
		unsigned marks;
		if (cm->have && diff_table_find(&cm->diff, g) != NULL)
			continue;
		if (key_list_marks_of(kl, g, strlen(g), 0, &marks) == 0 &&
		    (marks & KL_MARK_CMP_THERE)) {
			key_list_remove(kl, g, strlen(g), 0);
			changed = 1;
		}
	}
	free_ghosts(cm);
	return changed;
}

int compare_marks_apply(struct compare_marks *cm, struct key_list *kl)
{
	int changed = drop_old_ghosts(cm, kl);
	size_t n_there = 0;

	/* Only-there marks stay on their rows (see drop_old_ghosts). */
	key_list_clear_marks(kl, COMPARE_BITS & ~KL_MARK_CMP_THERE);
	if (!cm->have)
		return changed ? key_list_commit(kl) : 0;
	for (size_t i = 0; i < cm->diff.n; i++)
		n_there += cm->diff.keys[i].status == DIFF_ONLY_B;
	if (n_there > 0) {
		cm->ghosts = calloc(n_there, sizeof *cm->ghosts);
		if (cm->ghosts == NULL)
			return ENOMEM;
	}
	for (size_t i = 0; i < cm->diff.n; i++) {
		const struct diff_key *k = &cm->diff.keys[i];
		size_t len = strlen(k->key);
		unsigned m = mark_of(k->status);
		if (k->status != DIFF_ONLY_B) {
			if (m != 0)
				key_list_mark(kl, k->key, len, 0, m,
					      KL_MARK_CMP_THERE);
			continue;
		}
		cm->ghosts[cm->n_ghosts] = strdup(k->key);
		if (cm->ghosts[cm->n_ghosts] == NULL)
			return ENOMEM;
		cm->n_ghosts++;
		/* In the list already: our row (marked), or a key created
		 * here since the comparison (unmarked: not compared). */
		if (key_list_mark(kl, k->key, len, 0, 0, 0) == 0)
			continue;
		int err = key_list_add(kl, k->key, len, 0, DT_UNKNOWN,
				       KL_MARK_CMP_THERE);
		if (err == ENOMEM)
			return err;
		changed |= err == 0;
	}
	return changed ? key_list_commit(kl) : 0;
}

enum diff_status compare_marks_status(const struct compare_marks *cm,
				      const char *key)
{
	if (!cm->have)
		return DIFF_TROUBLE;
	return inspect_compare_status(&cm->diff, key);
}

void compare_marks_counts(const struct compare_marks *cm,
			  size_t counts[DIFF_TROUBLE + 1])
{
	for (int s = 0; s <= DIFF_TROUBLE; s++)
		counts[s] = 0;
	if (!cm->have)
		return;
	for (size_t i = 0; i < cm->diff.n; i++)
		counts[cm->diff.keys[i].status]++;
}

char compare_mark_char(unsigned marks)
{
	if (marks & KL_MARK_CMP_DIFFERS)
		return '#';
	if (marks & KL_MARK_CMP_HERE)
		return '+';
	if (marks & KL_MARK_CMP_THERE)
		return '-';
	if (marks & KL_MARK_CMP_SAME)
		return '=';
	return '?';
}

const char *compare_mark_word(unsigned marks)
{
	if (marks & KL_MARK_CMP_DIFFERS)
		return "differs";
	if (marks & KL_MARK_CMP_HERE)
		return "only here";
	if (marks & KL_MARK_CMP_THERE)
		return "only there";
	if (marks & KL_MARK_CMP_SAME)
		return "same";
	return "not compared";
}
