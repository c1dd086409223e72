/* SPDX-License-Identifier: MIT */
/*
 * test_extedit.c - the $EDITOR runner and the store round trip: the editor
 * child gets a private 0600 copy in $TMPDIR as its own argument, inherits
 * no descriptor of the locked key file, a non-zero exit saves nothing, the
 * copy is removed; and bytes saved through a view session are exactly the
 * bytes of the buffer (NUL, CR, invalid UTF-8, no final newline).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "flockd.h"
#include "editor/edbuf.h"
#include "editor/extedit.h"
#include "lib/testutil.h"

struct fixture {
	char *dir;     /* scratch root */
	char db[512];  /* database directory */
	char tmp[512]; /* $TMPDIR for the copies */
	char script[512];
	char seen[512];
	flockd_db *fdb;
	flockd_table *table;
};

static char *orig_tmpdir; /* $TMPDIR before the tests changed it */

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (orig_tmpdir != NULL)
		setenv("TMPDIR", orig_tmpdir, 1);
	else
		unsetenv("TMPDIR");
	f->dir = testutil_mkdtemp();
	if (f->dir == NULL)
		return -1;
	snprintf(f->db, sizeof f->db, "%s/db", f->dir);
	snprintf(f->tmp, sizeof f->tmp, "%s/tmp", f->dir);
	snprintf(f->script, sizeof f->script, "%s/fake-editor", f->dir);
	snprintf(f->seen, sizeof f->seen, "%s/seen", f->dir);
	mkdir(f->tmp, 0700);
	setenv("TMPDIR", f->tmp, 1);
	unsetenv("VISUAL");
	if (flockd_open(f->db, 5000, 0, &f->fdb) ||
	    flockd_table_open(f->fdb, "", 0, &f->table))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	flockd_table_close(f->table);
	flockd_close(f->fdb);
	testutil_rm_rf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static void write_script(struct fixture *f, const char *body)
{
	char text[4096];
	snprintf(text, sizeof text, "#!/bin/sh\nSEEN='%s'\n%s\n", f->seen, body);
	assert_int_equal(testutil_write_file(f->script, text, strlen(text)), 0);
	assert_int_equal(chmod(f->script, 0755), 0);
	/* a path with a space: the command goes through sh -c like git's */
	setenv("EDITOR", f->script, 1);
}

/* The fake editor: records how it was called and whether any descriptor
 * it inherited refers to the key's file, then writes new bytes. */
static const char *const probe =
	"exec 9>/dev/null\n"
	"{ echo \"argc=$#\"; echo \"arg=$1\"; stat -c 'mode=%a' \"$1\";\n"
	"  for fd in /proc/$$/fd/*; do readlink \"$fd\"; done | grep -c 'db/k\\.kv' \n"
	"} > \"$SEEN\" 2>&1\n"
	"printf 'edited\\r\\n\\000\\377tail' > \"$1\"\n"
	"exit 0";

static void test_editor_inherits_no_lock(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(flockd_set(f->table, "k", "old\n", 4), 0);
	flockd_view *view;
	assert_int_equal(flockd_view_open(f->table, "k", &view), 0);
	write_script(f, probe);
	size_t len;
	const void *val = flockd_view_value(view, &len);
	void *out = NULL;
	size_t out_len = 0;
	int status = -1;
	char path[4096];
	assert_int_equal(extedit_run(val, len, "k", NULL, &status, &out,
				     &out_len, path), 0);
	assert_int_equal(status, 0);
	size_t n;
	char *seen = testutil_read_file(f->seen, &n);
	assert_non_null(seen);
	/* one argument, the private copy in $TMPDIR, mode 0600, and no
	 * descriptor of the key file (count 0) */
	char want[4200];
	snprintf(want, sizeof want, "argc=1\narg=%s\nmode=600\n0\n", path);
	assert_string_equal(seen, want);
	assert_memory_equal(path, f->tmp, strlen(f->tmp));
	free(seen);
	assert_int_equal(out_len, 14);
	assert_memory_equal(out, "edited\r\n\0\xfftail", 14);
	/* the copy stays until its text is saved, then goes */
	assert_int_equal(testutil_count_entries(f->tmp, NULL), 1);
	/* saving it through the view writes exactly those bytes */
	assert_int_equal(flockd_view_save(view, out, out_len, 0), 0);
	char kv[600];
	snprintf(kv, sizeof kv, "%s/k.kv", f->db);
	char *disk = testutil_read_file(kv, &n);
	assert_int_equal(n, 14);
	assert_memory_equal(disk, "edited\r\n\0\xfftail", 14);
	free(disk);
	free(out);
	extedit_remove(path);
	assert_int_equal(testutil_count_entries(f->tmp, NULL), 0);
	flockd_view_close(view);
}

/* The probe can fail: a descriptor of the key opened without O_CLOEXEC is
 * seen by the editor child. */
static void test_probe_detects_a_leak(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(flockd_set(f->table, "k", "old\n", 4), 0);
	char kv[600];
	snprintf(kv, sizeof kv, "%s/k.kv", f->db);
	int leaky = open(kv, O_RDONLY); /* deliberately inheritable */
	assert_true(leaky >= 0);
	write_script(f, probe);
	void *out = NULL;
	size_t out_len;
	int status;
	assert_int_equal(extedit_run("old\n", 4, "k", NULL, &status, &out,
				     &out_len, NULL), 0);
	close(leaky);
	free(out);
	size_t n;
	char *seen = testutil_read_file(f->seen, &n);
	assert_non_null(seen);
	assert_non_null(strstr(seen, "mode=600\n1\n"));
	free(seen);
}

static int hooks_called;
static void count_hook(void *ctx)
{
	(void)ctx;
	hooks_called++;
}

/* An editor that fails still leaves the user's text: it is read back and
 * the copy stays (the caller decides); an editor that cannot run leaves
 * only our copy, which goes. */
static void test_failing_editor_keeps_the_text(void **state)
{
	struct fixture *f = *state;
	write_script(f, "echo changed > \"$1\"; exit 3");
	struct extedit_hooks hooks = { count_hook, count_hook, NULL };
	hooks_called = 0;
	void *out = NULL;
	size_t out_len = 99;
	int status = -1;
	char path[4096];
	assert_int_equal(extedit_run("v", 1, "../we ird/\x1b", &hooks, &status,
				     &out, &out_len, path), 0);
	assert_int_equal(status, 3);
	assert_int_equal(out_len, 8);
	assert_memory_equal(out, "changed\n", 8);
	free(out);
	assert_int_equal(hooks_called, 2); /* terminal given and taken back */
	/* the name is made safe, the copy holds the text */
	assert_null(strstr(path + strlen(f->tmp), "/we"));
	size_t n;
	char *kept = testutil_read_file(path, &n);
	assert_int_equal(n, 8);
	free(kept);
	extedit_remove(path);
	assert_int_equal(testutil_count_entries(f->tmp, NULL), 0);
	/* an editor that cannot be found: status 127, our bytes back */
	setenv("EDITOR", "/nonexistent/editor-xyz", 1);
	assert_int_equal(extedit_run("v", 1, "k", NULL, &status, &out,
				     &out_len, NULL), 0);
	assert_int_equal(status, 127);
	assert_int_equal(out_len, 1);
	free(out);
	assert_int_equal(testutil_count_entries(f->tmp, NULL), 0);
}

static void test_editor_choice(void **state)
{
	(void)state;
	setenv("VISUAL", "vis", 1);
	setenv("EDITOR", "ed", 1);
	assert_string_equal(extedit_command(), "vis");
	setenv("VISUAL", "", 1);
	assert_string_equal(extedit_command(), "ed");
	unsetenv("VISUAL");
	unsetenv("EDITOR");
	assert_string_equal(extedit_command(), "vi");
}

static void test_store_roundtrip(void **state)
{
	struct fixture *f = *state;
	static const char value[] = "a\r\nNUL\0here \xff\xfe caf\xc3\xa9\xe2\x82 no nl";
	size_t vlen = sizeof value - 1;
	assert_int_equal(flockd_set(f->table, "rt", value, vlen), 0);
	flockd_view *view;
	assert_int_equal(flockd_view_open(f->table, "rt", &view), 0);
	size_t len;
	const void *val = flockd_view_value(view, &len);
	struct edbuf eb;
	assert_int_equal(edbuf_init(&eb, val, len), 0);
	/* an edit and its undo leave the bytes as they were */
	assert_int_equal(edbuf_insert(&eb, 3, "zz", 2, EDBUF_MERGE_TYPING), 0);
	size_t cur;
	assert_int_equal(edbuf_undo(&eb, &cur), 1);
	assert_int_equal(flockd_view_save(view, gapbuf_contents(&eb.gb),
					  edbuf_len(&eb), 0), 0);
	edbuf_done(&eb);
	flockd_view_close(view);
	char kv[600];
	snprintf(kv, sizeof kv, "%s/rt.kv", f->db);
	size_t n;
	char *disk = testutil_read_file(kv, &n);
	assert_int_equal(n, vlen);
	assert_memory_equal(disk, value, vlen);
	free(disk);
}

int main(void)
{
	if (getenv("TMPDIR") != NULL)
		orig_tmpdir = strdup(getenv("TMPDIR"));
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_editor_inherits_no_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_detects_a_leak, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failing_editor_keeps_the_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_editor_choice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_roundtrip, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
