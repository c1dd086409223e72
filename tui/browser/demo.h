/* SPDX-License-Identifier: MIT */
/*
 * demo.h - `flockd --demo`: a database that shows what the browser does
 * with every kind of content, created through the library in a fresh
 * temporary directory.
 */
#ifndef TUI_BROWSER_DEMO_H
#define TUI_BROWSER_DEMO_H

#include <stddef.h>

/* demo_create - make a new directory under $TMPDIR (or /tmp) and fill it.
 * On success *dir is its malloc'd path (caller frees) and 0 is returned;
 * on failure an error code with a one-line reason in msg. */
int demo_create(char **dir, char *msg, size_t size);

/* The hostile key's name (escape sequences and control bytes): the
 * end-to-end tests look for its escaped form. */
#define DEMO_HOSTILE_KEY \
	"evil\x1b]0;pwned\x07\x1b[31mred\x1b[0m\x01\x7f\x9b" "2J\xff"

#endif
