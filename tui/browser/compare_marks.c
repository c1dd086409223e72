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
	replica_diff_job_free(cm->job);
	compare_marks_init(cm);
}

/* A comparison is complete: it replaces the one held. */
static void install(struct compare_marks *cm, int err, struct diff_table *d)
{
	cm->err = err;
	diff_table_free(&cm->diff);
	cm->have = err == 0;
	memset(cm->counts, 0, sizeof cm->counts);
	if (err != 0)
		return;
	cm->diff = *d;
	for (size_t i = 0; i < cm->diff.n; i++)
		cm->counts[cm->diff.keys[i].status]++;
}

int compare_marks_compute(struct compare_marks *cm, flockd_db *here,
			  flockd_db *there, const char *table)
{
	struct diff_table d;
	replica_diff_job_free(cm->job);
	cm->job = NULL;
	int err = inspect_compare_table(here, there, table, &d);
	install(cm, err, &d);
	return err;
}

int compare_marks_start(struct compare_marks *cm, flockd_db *here,
			flockd_db *there, const char *table)
{
	replica_diff_job_free(cm->job);
	cm->job = NULL;
	int err = replica_diff_start(here, there, table, FLOCKD_READ_NOWAIT,
				     &cm->job);
	if (err != 0)
		install(cm, err, NULL);
	return err;
}

int compare_marks_step(struct compare_marks *cm, long budget_ms)
{
	struct diff_table d;
	if (cm->job == NULL)
		return 1;
	int rc = replica_diff_step(cm->job, budget_ms);
	if (rc == 0)
		return 0;
	int err = rc == 1 ? replica_diff_finish(cm->job, &d) : rc;
	replica_diff_job_free(cm->job);
	cm->job = NULL;
	install(cm, err, &d);
	return err != 0 ? err : 1;
}

int compare_marks_running(const struct compare_marks *cm)
{
	return cm->job != NULL;
}

void compare_marks_progress(const struct compare_marks *cm, size_t *done,
			    size_t *total)
{
	*done = *total = 0;
	if (cm->job != NULL)
		replica_diff_progress(cm->job, done, total);
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

/* The only-there keys the list lacks, as rows of their own. */
static int add_ghosts(struct compare_marks *cm, struct key_list *kl,
		      const unsigned char *found, int *changed)
{
	size_t n_there = cm->counts[DIFF_ONLY_B];
	if (n_there > 0) {
		cm->ghosts = calloc(n_there, sizeof *cm->ghosts);
		if (cm->ghosts == NULL)
			return ENOMEM;
	}
	for (size_t i = 0; i < cm->diff.n; i++) {
		const struct diff_key *k = &cm->diff.keys[i];
		if (k->status != DIFF_ONLY_B)
			continue;
		cm->ghosts[cm->n_ghosts] = strdup(k->key);
		if (cm->ghosts[cm->n_ghosts] == NULL)
			return ENOMEM;
		cm->n_ghosts++;
		/* In the list already: our row (marked), or a key created
		 * here since the comparison (unmarked: not compared). */
		if (found[i])
			continue;
		int err = key_list_add(kl, k->key, strlen(k->key), 0,
				       DT_UNKNOWN, KL_MARK_CMP_THERE);
		if (err == ENOMEM)
			return err;
		*changed |= err == 0;
	}
	return 0;
}

int compare_marks_apply(struct compare_marks *cm, struct key_list *kl)
{
	int changed = drop_old_ghosts(cm, kl);
	size_t n = cm->diff.n;

	/* Only-there marks stay on their rows (see drop_old_ghosts). */
	key_list_clear_marks(kl, COMPARE_BITS & ~KL_MARK_CMP_THERE);
	if (!cm->have)
		return changed ? key_list_commit(kl) : 0;
	const char **names = malloc((n + 1) * sizeof *names);
	unsigned *set = malloc((n + 1) * sizeof *set);
	unsigned char *found = malloc(n + 1);
	int err = names == NULL || set == NULL || found == NULL ? ENOMEM : 0;
	for (size_t i = 0; err == 0 && i < n; i++) {
		const struct diff_key *k = &cm->diff.keys[i];
		names[i] = k->key;
		/* an only-there row keeps its marks; the others get theirs
		 * and lose an only-there mark of an earlier comparison */
		set[i] = k->status == DIFF_ONLY_B ? 0 : mark_of(k->status);
	}
	if (err == 0) {
		key_list_mark_names(kl, names, n, set, KL_MARK_CMP_THERE,
				    found);
		err = add_ghosts(cm, kl, found, &changed);
	}
	free(names);
	free(set);
	free(found);
	if (err != 0)
		return err;
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
		counts[s] = cm->have ? cm->counts[s] : 0;
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
