/* SPDX-License-Identifier: MIT */
/*
 * ask.c - bottom-line questions, drawn with curses, answered through the
 * keymap.
 */
#include "ui/ask.h"

#include "common/lineedit.h"
#include "ui/draw.h"
#include "ui/prompt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ask_message(const struct ui *ui, const char *text, int is_error)
{
	ui_line(ui, LINES - 1, text,
		is_error ? ui_attr(ui, THEME_ERROR) : A_NORMAL);
	refresh();
}

static void draw_prompt(const struct ui *ui, const char *question,
			const struct lineedit *le)
{
	move(LINES - 1, 0);
	clrtoeol();
	int qx = ui_say(ui, LINES - 1, 0, question, COLS / 2, A_BOLD);
	int room = COLS - qx - 1;
	int cx;
	/* what is typed shows as a value; the cursor stays in view */
	size_t start = lineedit_view(le, room,
				     TEXTSAFE_VALUE | textsafe_locale(), &cx);
	ui_text_as(ui, LINES - 1, qx, le->text + start, le->len - start, room,
		   TEXTSAFE_VALUE, A_NORMAL);
	move(LINES - 1, qx + cx);
	curs_set(1);
	refresh();
}

int ask_prompt(const struct ui *ui, const char *question, const char *initial,
	       const char *note, char **out)
{
	struct lineedit le;
	int result = 0;
	*out = NULL;
	if (note != NULL && LINES > 2)
		ui_line(ui, LINES - 2, note, ui_attr(ui, THEME_ERROR));
	if (lineedit_init(&le, initial))
		return ENOMEM;
	for (;;) {
		draw_prompt(ui, question, &le);
		int k = ui_key(ui, -1);
		enum prompt_result r;
		if (k == KC_PASTE) {
			size_t n;
			const char *text = ui_paste(ui, &n);
			r = prompt_paste(&le, text, n);
		} else {
			r = prompt_key(&le, ui->keys, k);
		}
		if (r == PROMPT_CANCEL)
			break;
		if (r == PROMPT_NOMEM) {
			result = ENOMEM;
			break;
		}
		if (r == PROMPT_ACCEPT) {
			*out = strdup(le.text);
			result = *out ? 1 : ENOMEM;
			break;
		}
	}
	lineedit_done(&le);
	curs_set(0);
	ui_line(ui, LINES - 1, "", A_NORMAL);
	return result;
}

int ask_yesno(const struct ui *ui, const char *question)
{
	char suffix[64], yes[KEYCODE_NAME_MAX];
	keymap_first_key(ui->keys, KV_CONFIRM, KA_YES, yes, sizeof yes);
	snprintf(suffix, sizeof suffix, " (%s/N) ", yes);
	/* a long question is cut, the answers always show */
	int sw = ui_width(suffix, strlen(suffix), TEXTSAFE_VALUE, COLS);
	int qw = ui_width(question, strlen(question), TEXTSAFE_ESCAPED, COLS);
	move(LINES - 1, 0);
	clrtoeol();
	if (qw > COLS - 1 - sw && LINES > 2) {
		/* too long for one line: it starts on the line above, cut
		 * at the last space that fits */
		size_t cut = 0;
		for (size_t i = 1; question[i] != '\0'; i++)
			if (question[i] == ' ' &&
			    ui_width(question, i, TEXTSAFE_ESCAPED, COLS) <
				    COLS)
				cut = i;
		if (cut == 0)
			cut = strlen(question) / 2;
		move(LINES - 2, 0);
		clrtoeol();
		ui_draw(ui, LINES - 2, 0, question, cut, COLS - 1, 0,
			TEXTSAFE_ESCAPED, A_BOLD);
		const char *rest = question + cut + (question[cut] == ' ');
		qw = ui_draw(ui, LINES - 1, 0, rest, strlen(rest),
			     COLS - 1 - sw, 0, TEXTSAFE_ESCAPED, A_BOLD);
	} else {
		qw = ui_say(ui, LINES - 1, 0, question, COLS - 1 - sw, A_BOLD);
	}
	ui_text_as(ui, LINES - 1, qw, suffix, strlen(suffix), sw,
		   TEXTSAFE_VALUE, A_BOLD);
	refresh();
	int k;
	/* a paste never answers a question */
	do
		k = ui_key(ui, -1);
	while (k == 0 || k == KC_RESIZE || k == KC_MOUSE || k == KC_PASTE);
	ui_line(ui, LINES - 1, "", A_NORMAL);
	return ui_action(ui, KV_CONFIRM, k) == KA_YES;
}

/* "o overwrite  r reload ..." with the user's keys; 0 when no answer
 * has a key. */
static int answers_text(const struct ui *ui, enum keymap_view v,
			const struct ask_choice *choices, size_t n,
			char *buf, size_t size)
{
	size_t o = 0;
	int any = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char key[KEYCODE_NAME_MAX];
		keymap_first_key(ui->keys, v, choices[i].action, key,
				 sizeof key);
		if (key[0] == '\0')
			continue;
		any = 1;
		int w = snprintf(buf + o, size - o, "%s%s %s", o ? "  " : "",
				 key, choices[i].label);
		if (w < 0 || (size_t)w >= size - o)
			break;
		o += (size_t)w;
	}
	return any;
}

enum keymap_action ask_choose(const struct ui *ui, enum keymap_view v,
			      const char *question,
			      const struct ask_choice *choices, size_t n)
{
	char text[1400], opts[1024];
	if (!answers_text(ui, v, choices, n, opts, sizeof opts))
		return KA_NONE;
	snprintf(text, sizeof text, "%s  %s", question, opts);
	/* too long for one line: the question goes on the line above */
	int two_lines = ui_width(text, strlen(text), TEXTSAFE_ESCAPED,
				 COLS) > COLS - 1 && LINES > 2;
	for (;;) {
		if (two_lines) {
			ui_line(ui, LINES - 2, question, A_BOLD);
			ui_line(ui, LINES - 1, opts, A_BOLD);
		} else {
			ui_line(ui, LINES - 1, text, A_BOLD);
		}
		refresh();
		int k = ui_key(ui, -1);
		if (k == KC_HANGUP) /* the terminal is gone: no answer */
			return KA_CANCEL;
		enum keymap_action a = ui_action(ui, v, k);
		for (size_t i = 0; i < n; i++) {
			if (a != KA_NONE && a == choices[i].action) {
				ui_line(ui, LINES - 1, "", A_NORMAL);
				return a;
			}
		}
	}
}
