/* SPDX-License-Identifier: MIT */
/*
 * compare_marks.c - compare mode's marks and only-there rows (see
 * compare_marks.h).
 */
#include "browser/compare_marks.h"

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
	cm->n_ghosts = cm->cap_ghosts = 0;
}

void compare_marks_done(struct compare_marks *cm)
{
	free_ghosts(cm);
	compare_marks_init(cm);
}

static unsigned mark_of(unsigned char s)
{
	switch (s) {
	case CMP_SAME: return KL_MARK_CMP_SAME;
	case CMP_ONLY_HERE: return KL_MARK_CMP_HERE;
	case CMP_ONLY_THERE: return KL_MARK_CMP_THERE;
	case CMP_DIFFERS: return KL_MARK_CMP_DIFFERS;
	default: return 0;
	}
}

/* Rows added for only-there keys of an earlier comparison go unless the
 * comparison still has the key: a row that exists here now lost its
 * only-there mark when it was added for real, and stays. */
static int drop_old_ghosts(struct compare_marks *cm,
			   const struct cmp_table *t, struct key_list *kl)
{
	int changed = 0;
	for (size_t i = 0; i < cm->n_ghosts; i++) {
		const char *g = cm->ghosts[i];
		unsigned marks;
		if (cmp_table_find(t, g) != NULL)
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

/* Keep `name` as an only-there row of ours. */
static int push_ghost(struct compare_marks *cm, const char *name)
{
	if (cm->n_ghosts == cm->cap_ghosts) {
		size_t cap = cm->cap_ghosts ? cm->cap_ghosts * 2 : 16;
		char **v = realloc(cm->ghosts, cap * sizeof *v);
		if (v == NULL)
			return ENOMEM;
		cm->ghosts = v;
		cm->cap_ghosts = cap;
	}
	if ((cm->ghosts[cm->n_ghosts] = strdup(name)) == NULL)
		return ENOMEM;
	cm->n_ghosts++;
	return 0;
}

/* Marks for t's keys [from, to), and rows for the only-there keys among
 * them that the list lacks. */
static int mark_range(struct compare_marks *cm, const struct cmp_table *t,
		      size_t from, size_t to, struct key_list *kl,
		      int *changed)
{
	size_t n = to - from;
	if (n == 0)
		return 0;
	const char **names = malloc((n + 1) * sizeof *names);
	unsigned *set = malloc((n + 1) * sizeof *set);
	unsigned char *found = malloc(n + 1);
	int err = names == NULL || set == NULL || found == NULL ? ENOMEM : 0;
	for (size_t i = 0; err == 0 && i < n; i++) {
		const struct cmp_key *k = &t->keys[from + i];
		names[i] = k->name;
		/* an only-there row keeps its marks; the others get theirs
		 * and lose an only-there mark of an earlier comparison */
		set[i] = k->status == CMP_ONLY_THERE ? 0 : mark_of(k->status);
	}
	if (err == 0)
		key_list_mark_names(kl, names, n, set, KL_MARK_CMP_THERE,
				    found);
	for (size_t i = 0; err == 0 && i < n; i++) {
		if (t->keys[from + i].status != CMP_ONLY_THERE)
			continue;
		if ((err = push_ghost(cm, names[i])) != 0)
			break;
		/* In the list already: our row (marked), or a key created
		 * here since the comparison (unmarked: not compared). */
		if (found[i])
			continue;
		int e = key_list_add(kl, names[i], strlen(names[i]), 0,
				     DT_UNKNOWN, KL_MARK_CMP_THERE);
		if (e == ENOMEM)
			err = e;
		*changed |= e == 0;
	}
	free(names);
	free(set);
	free(found);
	return err;
}

int compare_marks_apply(struct compare_marks *cm, const struct cmp_table *t,
			struct key_list *kl)
{
	int changed = drop_old_ghosts(cm, t, kl);

	/* Only-there marks stay on their rows (see drop_old_ghosts). */
	key_list_clear_marks(kl, COMPARE_BITS & ~KL_MARK_CMP_THERE);
	cm->table = t;
	cm->applied = 0;
	int err = t != NULL ? mark_range(cm, t, 0, t->n, kl, &changed) : 0;
	if (err != 0)
		return err;
	cm->applied = t != NULL ? t->n : 0;
	return changed ? key_list_commit(kl) : 0;
}

int compare_marks_extend(struct compare_marks *cm, const struct cmp_table *t,
			 struct key_list *kl)
{
	if (t == NULL || t != cm->table || t->n < cm->applied)
		return compare_marks_apply(cm, t, kl);
	if (t->n == cm->applied)
		return 0;
	int changed = 0;
	size_t upto = t->n - cm->applied > COMPARE_EXTEND_MAX
			      ? cm->applied + COMPARE_EXTEND_MAX : t->n;
	int err = mark_range(cm, t, cm->applied, upto, kl, &changed);
	if (err != 0)
		return err;
	cm->applied = upto;
	return changed ? key_list_commit(kl) : 0;
}

size_t compare_marks_pending(const struct compare_marks *cm,
			     const struct cmp_table *t)
{
	if (t == NULL)
		return 0;
	if (t != cm->table || t->n < cm->applied)
		return t->n;
	return t->n - cm->applied;
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
