/*
 * browser_term.c - the browser's terminal modes.
 */
#include "browser/browser_term.h"

#include "ui/keyin.h"

void browser_term_setup(const struct ui *ui)
{
	cbreak();
	noecho();
	nonl();
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
