/* SPDX-License-Identifier: MIT */
/*
 * test_edsave.c - the editor's save decisions (tui/editor/edsave.h) on a
 * fake store and a scripted user: a plain save, a lock timeout (the
 * message names the user's save key), a conflict and each answer to it
 * (overwrite, overwrite racing another change, reload, reload failing,
 * save as a new key with a refused name first, then editing that key;
 * difference then cancel), a key deleted on disk (only what can work is
 * offered), a table directory gone (another table or a file), a new key,
 * a new key created meanwhile, a view lost after a failed reload, the
 * holder named on a timeout, a cancelled wait, the store's warnings said
 * once, and read-only mode refusing without touching the store.
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
	int key_gone, table_gone;      /* the disk as the flow finds it */
	char created_in[SCRIPT_MAX][64]; /* "table/key" of create_in */
	int n_create_in, create_in_rc;
	char wrote[64];                /* write_file's path */
	int write_rc;
	char switched_table[64];       /* switch_key: "" = same table */
	int switched;
	unsigned warn;
	const char *holders;
	enum keymap_view asked[SCRIPT_MAX]; /* the view of each question */
	int not_offered;               /* an answer the question lacked */
	struct edsession *s;
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

static int f_key_gone(void *ctx)
{
	return ((struct fake *)ctx)->key_gone;
}

static int f_table_gone(void *ctx)
{
	return ((struct fake *)ctx)->table_gone;
}

static int f_create_in(void *ctx, const char *table, const char *key,
		       const void *bytes, size_t len)
{
	struct fake *f = ctx;
	(void)bytes;
	(void)len;
	assert_true(f->n_create_in < SCRIPT_MAX);
	snprintf(f->created_in[f->n_create_in++], sizeof f->created_in[0],
		 "%s/%s", table, key);
	return f->create_in_rc;
}

static int f_write_file(void *ctx, const char *path, const void *bytes,
			size_t len)
{
	struct fake *f = ctx;
	(void)bytes;
	(void)len;
	snprintf(f->wrote, sizeof f->wrote, "%s", path);
	return f->write_rc;
}

/* as the real one: the session edits that key now, viewed */
static int f_switch_key(void *ctx, const char *table, const char *key)
{
	struct fake *f = ctx;
	f->switched++;
	snprintf(f->switched_table, sizeof f->switched_table, "%s",
		 table ? table : "");
	assert_int_equal(edsession_set_key(f->s, key), 0);
	f->s->is_new = 0;
	f->has_view = 1;
	return 0;
}

static unsigned f_warnings(void *ctx)
{
	return ((struct fake *)ctx)->warn;
}

static void f_holders(void *ctx, char *buf, size_t size)
{
	struct fake *f = ctx;
	snprintf(buf, size, "%s", f->holders ? f->holders : "");
}

static enum keymap_action f_choose(void *ctx, enum keymap_view v,
				   const char *question,
				   const struct ask_choice *choices, size_t n)
{
	struct fake *f = ctx;
	assert_true(f->n_choice < SCRIPT_MAX);
	f->asked[f->n_choice] = v;
	/* only answers the question offers */
	enum keymap_action a = f->choice[f->n_choice++];
	int offered = a == KA_NONE;
	for (size_t i = 0; i < n; i++)
		offered |= choices[i].action == a;
	(void)question;
	if (!offered) {
		f->not_offered = 1;
		return KA_CANCEL; /* as a user pressing a key it lacks */
	}
	return a;
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
	.has_view = f_has_view, .save = f_save, .reload = f_reload,
	.close_view = f_close_view, .open_view = f_open_view,
	.create = f_create, .set = f_set, .key_gone = f_key_gone,
	.table_gone = f_table_gone, .create_in = f_create_in,
	.write_file = f_write_file, .switch_key = f_switch_key,
	.warnings = f_warnings, .holders = f_holders, .choose = f_choose,
	.yesno = f_yesno, .prompt = f_prompt, .notice = f_notice,
	.show_diff = f_show_diff,
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
	struct editor_options opt = {0, 1500, &e->ui, "/db"};
	if (edsession_init(&e->s, NULL, "alpha", &opt) != 0)
		return -1;
	e->f.has_view = 1;
	e->f.s = &e->s;
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;
	assert_false(e->f.not_offered);
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
	assert_int_equal(run(e), EDSAVE_SAVED);
	assert_int_equal(e->f.asked[0], KV_CONFLICT);
	assert_int_equal(e->f.n_prompt, 3);
	assert_non_null(strstr(e->f.notes[1], "invalid key name"));
	if (strstr(e->f.notes[2], "beta already exists") == NULL)
		fail_msg("note: %s", e->f.notes[2]);
	assert_int_equal(e->f.n_create, 2);
	assert_string_equal(e->f.created[1], "alpha-mine");
	says(e, "saved your buffer as new key alpha-mine");
	says(e, "now editing it");
	assert_int_equal(e->s.outcome, EDITOR_CHANGED);
	/* editing the new key now, which holds the buffer */
	assert_string_equal(e->s.key, "alpha-mine");
	assert_int_equal(e->f.switched, 1);
	assert_string_equal(e->f.switched_table, "");
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
	assert_int_equal(e->f.switched, 1); /* viewed under a shared lock */
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

/* A key deleted or renamed on disk: no "reload theirs" or "overwrite"
 * that cannot work; create it again, save as new key, elsewhere, discard. */
static void test_key_gone(void **state)
{
	struct env *e = *state;
	e->f.save_rc[0] = FLOCKD_ECONFLICT;
	e->f.key_gone = 1;
	e->f.choice[0] = KA_RECREATE;
	assert_int_equal(run(e), EDSAVE_SAVED);
	assert_int_equal(e->f.asked[0], KV_GONE);
	assert_string_equal(e->f.created[0], "alpha");
	assert_int_equal(e->f.switched, 1);
	says(e, "created alpha again");
	/* reloading or overwriting a key that is gone cannot work */
	e->f.n_save = e->f.n_choice = 0;
	e->f.choice[0] = KA_RELOAD_THEIRS;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	assert_true(e->f.not_offered);
	e->f.not_offered = e->f.n_save = e->f.n_choice = 0;
	e->f.choice[0] = KA_OVERWRITE;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	assert_true(e->f.not_offered);
	e->f.not_offered = 0;
}

static void test_key_gone_new_key_or_discard(void **state)
{
	struct env *e = *state;
	e->f.save_rc[0] = FLOCKD_ECONFLICT;
	e->f.key_gone = 1;
	e->f.choice[0] = KA_SAVE_AS_NEW;
	e->f.names[0] = "alpha2";
	assert_int_equal(run(e), EDSAVE_SAVED);
	assert_string_equal(e->s.key, "alpha2");
	e->f.n_save = e->f.n_choice = 0;
	e->f.choice[0] = KA_DISCARD;
	assert_int_equal(run(e), EDSAVE_DISCARDED);
	says(e, "discarded your edits of alpha2");
}

static void test_key_gone_to_a_file(void **state)
{
	struct env *e = *state;
	e->f.save_rc[0] = FLOCKD_ECONFLICT;
	e->f.key_gone = 1;
	e->f.choice[0] = KA_SAVE_ELSEWHERE;
	e->f.choice[1] = KA_SAVE_TO_FILE;
	e->f.names[0] = "/tmp/mine.txt";
	e->f.write_rc = EEXIST;  /* refused: a new file only */
	e->f.names[1] = NULL;    /* then the user gives up */
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	assert_non_null(strstr(e->f.notes[1], "it exists"));
	says(e, "your edits are kept");
	e->f.n_save = e->f.n_choice = e->f.n_prompt = 0;
	e->f.names[0] = "/tmp/mine2.txt";
	e->f.write_rc = 0;
	assert_int_equal(run(e), EDSAVE_SAVED_AS);
	assert_int_equal(e->f.asked[1], KV_ELSEWHERE);
	assert_string_equal(e->f.wrote, "/tmp/mine2.txt");
	says(e, "saved your buffer to /tmp/mine2.txt (4 bytes); alpha is "
	     "unchanged");
}

/* The table's directory was removed or moved: nothing is tried there;
 * another table (by name, from the database's path) or a file. */
static void test_table_gone(void **state)
{
	struct env *e = *state;
	e->f.table_gone = 1;
	e->f.choice[0] = KA_SAVE_TO_TABLE;
	e->f.names[0] = "other";
	e->f.names[1] = "alpha";
	assert_int_equal(run(e), EDSAVE_SAVED);
	assert_int_equal(e->f.n_save, 0);
	assert_int_equal(e->f.asked[0], KV_ELSEWHERE);
	assert_string_equal(e->f.created_in[0], "other/alpha");
	assert_string_equal(e->f.switched_table, "other");
	assert_int_equal(e->s.outcome, EDITOR_CHANGED);
	/* cancel keeps the edits */
	e->f.n_choice = e->f.n_prompt = 0;
	e->f.choice[0] = KA_CANCEL;
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	says(e, "your edits are kept");
}

static void test_timeout_names_the_holder(void **state)
{
	struct env *e = *state;
	e->f.save_rc[0] = FLOCKD_ETIMEOUT;
	e->f.holders = "pid 4242 (flock, shared)";
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	says(e, "held by pid 4242 (flock, shared)");
	e->f.n_save = 0;
	e->f.save_rc[0] = ECANCELED; /* Esc during the wait */
	assert_int_equal(run(e), EDSAVE_NOT_SAVED);
	says(e, "stopped waiting for the lock; nothing was written");
}

static void test_warnings_said_and_saved(void **state)
{
	struct env *e = *state;
	e->f.warn = FLOCKD_WARN_OWNER;
	assert_int_equal(run(e), EDSAVE_SAVED);
	says(e, "saved alpha (4 bytes); could not keep the owner of alpha");
	assert_true(e->s.msg_err);
	e->f.n_save = 0;
	e->f.warn = FLOCKD_WARN_MODE;
	assert_int_equal(run(e), EDSAVE_SAVED);
	says(e, "could not keep the mode of alpha");
	e->f.n_save = 0;
	e->f.warn = 0;
	assert_int_equal(run(e), EDSAVE_SAVED);
	assert_false(e->s.msg_err);
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
		T(test_key_gone),
		T(test_key_gone_new_key_or_discard),
		T(test_key_gone_to_a_file),
		T(test_table_gone),
		T(test_timeout_names_the_holder),
		T(test_warnings_said_and_saved),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
