/*
 * test_edsave.c - the editor's save decisions (tui/editor/edsave.h) on a
 * fake store and a scripted user: a plain save, a lock timeout (the
 * message names the user's save key), a conflict and each answer to it
 * (overwrite, overwrite racing another change, reload, reload failing,
 * save as a new key with a refused name first, difference then cancel),
 * a new key, a new key created meanwhile, a view lost after a failed
 * reload, and read-only mode refusing without touching the store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "editor/edsave.h"
#include "ui/ui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRIPT_MAX 8

/* The fake store's answers and the user's, in order, and what was done. */
struct fake {
	int has_view;
	int save_rc[SCRIPT_MAX];   /* successive flockd_view_save results */
	int n_save;
	int saved_force[SCRIPT_MAX];
	int reload_rc, open_rc, set_rc;
	int create_rc[SCRIPT_MAX];
	int n_create;
	char created[SCRIPT_MAX][64];
	enum keymap_action choice[SCRIPT_MAX];
	int n_choice;
	int yes;
	const char *names[SCRIPT_MAX]; /* answers to prompts; NULL cancels */
	int n_prompt;
	char notes[SCRIPT_MAX][600];   /* the note shown with each prompt */
	int closed, opened, sets, diffs, notices, reloads;
};

static int f_has_view(void *ctx)
{
	return ((struct fake *)ctx)->has_view;
}

static int f_save(void *ctx, const void *bytes, size_t len, int force)
{
	struct fake *f = ctx;
	(void)bytes;
	(void)len;
	assert_true(f->n_save < SCRIPT_MAX);
	f->saved_force[f->n_save] = force;
	return f->save_rc[f->n_save++];
}

static int f_reload(void *ctx)
{
	struct fake *f = ctx;
	f->reloads++;
	return f->reload_rc;
}

static void f_close_view(void *ctx)
{
	struct fake *f = ctx;
	f->closed++;
	f->has_view = 0;
}

static int f_open_view(void *ctx)
{
	struct fake *f = ctx;
	f->opened++;
	return f->open_rc;
}

static int f_create(void *ctx, const char *key, const void *bytes, size_t len)
{
	struct fake *f = ctx;
	(void)bytes;
	(void)len;
	assert_true(f->n_create < SCRIPT_MAX);
	snprintf(f->created[f->n_create], sizeof f->created[0], "%s", key);
	return f->create_rc[f->n_create++];
}

static int f_set(void *ctx, const void *bytes, size_t len)
{
	struct fake *f = ctx;
	(void)bytes;
	(void)len;
	f->sets++;
	return f->set_rc;
}

static enum keymap_action f_choose(void *ctx, const char *question)
{
	struct fake *f = ctx;
	assert_non_null(strstr(question, "changed on disk"));
	assert_true(f->n_choice < SCRIPT_MAX);
	return f->choice[f->n_choice++];
}

static int f_yesno(void *ctx, const char *question)
{
	(void)question;
	return ((struct fake *)ctx)->yes;
}

static int f_prompt(void *ctx, const char *question, const char *initial,
		    const char *note, char **out)
{
	struct fake *f = ctx;
	(void)question;
	(void)initial;
	assert_true(f->n_prompt < SCRIPT_MAX);
	snprintf(f->notes[f->n_prompt], sizeof f->notes[0], "%s",
		 note ? note : "");
	const char *name = f->names[f->n_prompt++];
	if (name == NULL)
		return 0;
	*out = strdup(name);
	return 1;
}

static void f_notice(void *ctx, const char *text, int is_error)
{
	(void)text;
	(void)is_error;
	((struct fake *)ctx)->notices++;
}

static void f_show_diff(void *ctx, const void *bytes, size_t len)
{
	(void)bytes;
	(void)len;
	((struct fake *)ctx)->diffs++;
}

static const struct edsave_ops ops = {
	f_has_view, f_save, f_reload, f_close_view, f_open_view, f_create,
	f_set, f_choose, f_yesno, f_prompt, f_notice, f_show_diff,
};

struct env {
	struct keymap km;
	struct settings set;
	struct ui ui;
	struct edsession s;
	struct fake f;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);
	if (e == NULL || keymap_init(&e->km) != 0)
		return -1;
	settings_init(&e->set);
	ui_init(&e->ui, &e->km, &e->set);
	struct editor_options opt = {0, 1500, &e->ui};
	if (edsession_init(&e->s, NULL, "alpha", &opt) != 0)
		return -1;
	e->f.has_view = 1;
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;
	edsession_done(&e->s);
	keymap_done(&e->km);
	free(e);
	return 0;
}

static enum edsave_result run(struct env *e)
{
	return edsave_flow(&e->s, &ops, &e->f, "mine", 4);
}

static void says(const struct env *e, const char *part)
{
	if (strstr(e->s.msg, part) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", e->s.msg, part);
}

static void test_saved(void **state)
{
	struct env *e = *state;
	assert_int_equal(run(e), EDSAVE_SAVED);
	assert_int_equal(e->f.n_save, 1);
	assert_int_equal(e->f.saved_force[0], 0);
	assert_int_equal(e->s.outcome, EDITOR_CHANGED);
	says(e, "saved alpha (4 bytes)");
	assert_int_equal(e->f.notices, 1); /* "waiting for the lock" */
}

static void test_timeout_names_the_users_key(void **state)
{
	struct env *e = *state;
	e->f.save_rc[0] = FLOCKD_ETIMEOUT;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	assert_int_equal(e->s.outcome, EDITOR_UNCHANGED);
	assert_true(e->s.msg_err);
	says(e, "did not come within 1.5s");
	says(e, "your edits are kept, <C-s> retries");
	/* the user's binding, not the default */
	assert_int_equal(keymap_bind(&e->km, KV_EDITOR, KC_CTRL('S'), KA_NONE),
			 0);
	assert_int_equal(keymap_bind(&e->km, KV_EDITOR, KC_F(2), KA_SAVE), 0);
	e->f.n_save = 0;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	says(e, "<F2> retries");
}

static void test_conflict_overwrite(void **state)
{
	struct env *e = *state;
	e->f.save_rc[0] = FLOCKD_ECONFLICT;
	/* changed again between the question and the forced save: ask again */
	e->f.save_rc[1] = FLOCKD_ECONFLICT;
	e->f.choice[0] = KA_OVERWRITE;
	e->f.choice[1] = KA_OVERWRITE;
	assert_int_equal(run(e), EDSAVE_SAVED);
	assert_int_equal(e->f.n_choice, 2);
	assert_int_equal(e->f.n_save, 3);
	assert_int_equal(e->f.saved_force[1], 1);
	assert_int_equal(e->f.saved_force[2], 1);
	says(e, "overwrote alpha");
	assert_int_equal(e->s.outcome, EDITOR_CHANGED);
}

static void test_conflict_overwrite_fails(void **state)
{
	struct env *e = *state;
	e->f.save_rc[0] = FLOCKD_ECONFLICT;
	e->f.save_rc[1] = EIO;
	e->f.choice[0] = KA_OVERWRITE;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	says(e, "alpha: overwrite failed");
	assert_int_equal(e->s.outcome, EDITOR_UNCHANGED);
}

static void test_conflict_reload(void **state)
{
	struct env *e = *state;
	e->f.save_rc[0] = FLOCKD_ECONFLICT;
	e->f.choice[0] = KA_RELOAD_THEIRS;
	assert_int_equal(run(e), EDSAVE_RELOADED);
	assert_int_equal(e->f.reloads, 1);
	says(e, "your edits were dropped");
	assert_int_equal(e->s.outcome, EDITOR_UNCHANGED);
	/* a reload that fails closes the view: a later save asks first */
	e->f.n_save = e->f.n_choice = 0;
	e->f.reload_rc = FLOCKD_ENOTFOUND;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	assert_int_equal(e->f.closed, 1);
	says(e, "alpha: reload failed");
	e->f.yes = 0;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	assert_int_equal(e->f.sets, 0);
	says(e, "not saved");
	e->f.yes = 1;
	assert_int_equal(run(e), EDSAVE_SAVED);
	assert_int_equal(e->f.sets, 1);
	assert_int_equal(e->f.opened, 1);
	says(e, "saved alpha");
}

static void test_conflict_save_as_new(void **state)
{
	struct env *e = *state;
	e->f.save_rc[0] = FLOCKD_ECONFLICT;
	e->f.choice[0] = KA_SAVE_AS_NEW;
	e->f.names[0] = "bad/name";   /* refused: invalid */
	e->f.names[1] = "beta";       /* refused: exists */
	e->f.names[2] = "alpha-mine";
	e->f.create_rc[0] = FLOCKD_EEXIST;
	e->f.create_rc[1] = FLOCKD_OK;
	assert_int_equal(run(e), EDSAVE_SAVED_AS);
	assert_int_equal(e->f.n_prompt, 3);
	assert_non_null(strstr(e->f.notes[1], "invalid key name"));
	if (strstr(e->f.notes[2], "beta already exists") == NULL)
		fail_msg("note: %s", e->f.notes[2]);
	assert_int_equal(e->f.n_create, 2);
	assert_string_equal(e->f.created[1], "alpha-mine");
	says(e, "saved your buffer as new key alpha-mine");
	assert_int_equal(e->s.outcome, EDITOR_CHANGED);
	assert_string_equal(e->s.key, "alpha"); /* still editing alpha */
}

static void test_conflict_diff_then_cancel(void **state)
{
	struct env *e = *state;
	e->f.save_rc[0] = FLOCKD_ECONFLICT;
	e->f.choice[0] = KA_SHOW_DIFF;
	e->f.choice[1] = KA_CANCEL;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	assert_int_equal(e->f.diffs, 1);
	assert_int_equal(e->f.n_save, 1);
	says(e, "unchanged on disk (theirs); your edits are kept");
	/* no answer at all (the config left none a key) is a cancel */
	e->f.n_save = e->f.n_choice = 0;
	e->f.choice[0] = KA_NONE;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	assert_int_equal(e->f.n_save, 1);
	assert_int_equal(e->s.outcome, EDITOR_UNCHANGED);
}

static void test_new_key(void **state)
{
	struct env *e = *state;
	e->s.is_new = 1;
	e->f.has_view = 0;
	assert_int_equal(run(e), EDSAVE_SAVED);
	assert_string_equal(e->f.created[0], "alpha");
	assert_int_equal(e->f.opened, 1);
	assert_false(e->s.is_new);
	says(e, "created alpha (4 bytes)");
}

static void test_new_key_created_meanwhile(void **state)
{
	struct env *e = *state;
	e->s.is_new = 1;
	e->f.create_rc[0] = FLOCKD_EEXIST;
	e->f.names[0] = "gamma";
	assert_int_equal(run(e), EDSAVE_SAVED);
	assert_string_equal(e->s.key, "gamma");
	assert_int_equal(e->f.notices, 1);
	says(e, "saved your buffer as new key gamma");
	/* and when the user gives up, nothing is saved */
	teardown(state);
	setup(state);
	e = *state;
	e->s.is_new = 1;
	e->f.create_rc[0] = FLOCKD_EEXIST;
	e->f.names[0] = NULL;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	assert_true(e->s.is_new);
	assert_int_equal(e->s.outcome, EDITOR_UNCHANGED);
}

static void test_read_only(void **state)
{
	struct env *e = *state;
	e->s.read_only = 1;
	e->s.is_new = 1;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	assert_int_equal(e->f.n_save + e->f.n_create + e->f.sets, 0);
	says(e, "read-only mode: alpha cannot be saved");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_saved),
		T(test_timeout_names_the_users_key),
		T(test_conflict_overwrite),
		T(test_conflict_overwrite_fails),
		T(test_conflict_reload),
		T(test_conflict_save_as_new),
		T(test_conflict_diff_then_cancel),
		T(test_new_key),
		T(test_new_key_created_meanwhile),
		T(test_read_only),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
