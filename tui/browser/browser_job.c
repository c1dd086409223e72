/*
 * browser_job.c - the controller's bulk actions: starting one, a slice
 * of it between keys, the lists following it key by key (a deleted key
 * leaves the list, a copied one arrives, a key done is unpicked), its
 * summary on the status line. And going to a key of any table (the lock
 * view and the recent changes jump there).
 */
#include "browser/browser_ctl.h"

#include "common/textsafe.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JOB_SLICE_MS 15 /* a slice of a bulk action between keys */

static int shown_is(const struct browser_ctl *c, const char *table)
{
	return table != NULL && c->cur.name != NULL &&
	       strcmp(c->cur.name, table) == 0 && c->cur.keys != NULL;
}

/* Each key as the job is done with it: the lists follow at once. */
static void job_key(void *ctx, const char *key, int err)
{
	struct browser_ctl *c = ctx;
	const struct bulk_plan *p = bulk_job_plan(c->jobs.run);
	struct key_list *kl = c->cur.keys;
	size_t len = strlen(key);
	if (err != 0)
		return; /* it stays picked, for another try */
	switch (p->op) {
	case BULK_DELETE: case BULK_DROP_TABLE:
	case BULK_MOVE: case BULK_RENAME_TABLE:
		if (shown_is(c, p->table))
			key_list_remove(kl, key, len, 0);
		break;
	case BULK_COPY: case BULK_EXPORT:
		if (shown_is(c, p->table))
			key_list_select_name(kl, key, len, 0);
		break;
	}
	if ((p->op == BULK_COPY || p->op == BULK_MOVE) &&
	    shown_is(c, p->target))
		key_list_add(kl, key, len, 0, DT_UNKNOWN, 0);
	c->cur.pending_changes = 1;
}

int ctl_job_start(struct browser_ctl *c, struct bulk_plan *plan)
{
	char why[512];
	if (c->jobs.run != NULL) {
		bulk_plan_done(plan);
		ctl_message(c, 1, "a bulk action is running (Esc stops it)");
		return FLOCKD_EEXIST;
	}
	struct bulk_env env = {
		.dir = c->src.dir,
		.timeout_ms = c->src.timeout_ms,
		.read_only = c->src.read_only,
		.fn = job_key,
		.ctx = c,
	};
	size_t n = plan->n_keys;
	enum bulk_op op = plan->op;
	int err = bulk_job_start(plan, &env, &c->jobs.run, why, sizeof why);
	if (err != 0) {
		ctl_message(c, 1, "%s", why);
		return err;
	}
	ctl_message(c, 0, "%s: %zu key%s... (Esc stops)", bulk_op_verb(op), n,
		    n == 1 ? "" : "s");
	return 0;
}

int ctl_job_step(struct browser_ctl *c)
{
	struct bulk_job *j = c->jobs.run;
	if (j == NULL)
		return 0;
	if (!bulk_job_step(j, JOB_SLICE_MS)) {
		c->dirty = 1;
		return 1;
	}
	char sum[600];
	bulk_job_summary(j, sum, sizeof sum);
	ctl_message(c, bulk_job_failed(j) > 0 || bulk_job_stopped(j), "%s",
		    sum);
	bulk_job_free(c->jobs.last);
	c->jobs.last = j;
	c->jobs.run = NULL;
	enum bulk_op op = bulk_job_plan(j)->op;
	if (op == BULK_DROP_TABLE || op == BULK_RENAME_TABLE ||
	    ((op == BULK_COPY || op == BULK_MOVE) &&
	     table_list_find(&c->tables, bulk_job_plan(j)->target) ==
		     (size_t)-1))
		ctl_reload_tables(c);
	if (op == BULK_RENAME_TABLE &&
	    table_list_goto(&c->tables, bulk_job_plan(j)->target) == 0)
		ctl_select_table(c, 0);
	ctl_refresh_marks(c);
	c->pv.stale = 1;
	return 0;
}

int ctl_job_stop(struct browser_ctl *c)
{
	if (c->jobs.run == NULL)
		return 0;
	bulk_job_stop(c->jobs.run);
	ctl_job_step(c); /* complete now: its summary */
	return 1;
}

int ctl_goto_key(struct browser_ctl *c, const char *table, const char *key)
{
	char shown[300];
	if (table_list_goto(&c->tables, table) != 0) {
		textsafe_name_buf(shown, sizeof shown, table, strlen(table),
				  textsafe_locale());
		ctl_message(c, 1, "no table %s any more", shown);
		return -1;
	}
	ctl_select_table(c, 0);
	if (c->cur.keys == NULL)
		return -1;
	if (key_list_filter(c->cur.keys)[0] != '\0')
		key_list_set_filter(c->cur.keys, "", NULL, 0);
	if (key_list_want(c->cur.keys, key, strlen(key)) == 0 &&
	    c->cur.loader == NULL && c->cur.pending_changes == 0) {
		textsafe_name_buf(shown, sizeof shown, key, strlen(key),
				  textsafe_locale());
		ctl_message(c, 1, "no key %s in the table now", shown);
	}
	c->pv.stale = 1;
	c->dirty = 1;
	return 0;
}
