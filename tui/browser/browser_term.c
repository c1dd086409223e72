/*
 * browser_term.c - the browser's terminal modes.
 */
#include "browser/browser_term.h"

#include "ui/keyin.h"

#include <termios.h>
#include <unistd.h>

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
