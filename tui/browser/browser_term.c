/* SPDX-License-Identifier: MIT */
/*
 * browser_term.c - the browser's terminal modes.
 */
#include "browser/browser_term.h"

#include "common/textsafe.h"
#include "ui/keyin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

int browser_term_check(char *why, size_t size)
{
	const char *term = getenv("TERM");
	char shown[80];
	int err = 0;
	if (term == NULL || term[0] == '\0') {
		snprintf(why, size, "TERM is not set: the browser needs to "
			 "know the terminal (flockd --help lists the commands "
			 "for scripts)");
		return -1;
	}
	textsafe_name_buf(shown, sizeof shown, term, strlen(term),
			  textsafe_locale());
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		snprintf(why, size, "cannot use the terminal: TERM=%s is %s "
			 "(flockd --help lists the commands for scripts)",
			 shown, err == 0 ? "unknown to terminfo"
					 : "a hard-copy terminal");
		return -1;
	}
	const char *cup = tigetstr("cup");
	int ok = cup != NULL && cup != (char *)-1 && tigetflag("hc") <= 0;
	del_curterm(cur_term);
	if (!ok) {
		snprintf(why, size, "the terminal TERM=%s cannot move the "
			 "cursor, and the browser needs that (use a terminal "
			 "emulator, or the commands for scripts: flockd "
			 "--help)", shown);
		return -1;
	}
	return 0;
}

void browser_term_setup(const struct ui *ui)
{
	struct termios t;
	cbreak();
	noecho();
	nonl();
	/* Ctrl-S and Ctrl-Q are keys (the search), not flow control; curses
	 * gives the terminal its own modes back when it ends. */
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= (tcflag_t)~IXON;
		if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
			def_prog_mode(); /* curses restores this mode */
	}
	keypad(stdscr, TRUE);
	curs_set(0);
	keyin_set_escdelay((int)settings_ms(ui->set, SET_ESCAPE_DELAY));
	keyin_set_paste(1);
	if (settings_on(ui->set, SET_MOUSE)) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
			  BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	} else {
		mousemask(0, NULL);
	}
}

void browser_term_after_modal(const struct ui *ui)
{
	browser_term_setup(ui);
	clearok(curscr, TRUE);
}
