/* SPDX-License-Identifier: MIT */
/*
 * browser_msg.h - the message of the browser's status line: what the last
 * action or background step has to say, and for how long it shows. The
 * text is escaped text (TEXTSAFE_ESCAPED): a name in it is escaped first
 * (textsafe_name_buf). Plain C.
 */
#ifndef TUI_BROWSER_BROWSER_MSG_H
#define TUI_BROWSER_BROWSER_MSG_H

#include <stdarg.h>

#define BROWSER_MSG_MS 8000 /* how long a message replaces the hints */

struct msglog;

struct browser_msg {
	char text[512];
	int is_error;
	long long ms; /* when it was said (browser_now_ms) */
	struct msglog *log; /* every message is kept there too (may be
			       NULL) */
};

/* browser_now_ms - a monotonic clock in milliseconds. */
long long browser_now_ms(void);

/* browser_say - set the message (printf-style), and log it. */
void browser_say(struct browser_msg *m, int is_error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* browser_vsay - the same with a va_list. */
void browser_vsay(struct browser_msg *m, int is_error, const char *fmt,
		  va_list ap) __attribute__((format(printf, 3, 0)));

/* browser_show - show `text` without logging it (it was logged where it
 * was said: the editor's messages). */
void browser_show(struct browser_msg *m, int is_error, const char *text);

/* browser_msg_showing - non-zero while the message is fresh. */
int browser_msg_showing(const struct browser_msg *m, long long now_ms);

#endif
