/* SPDX-License-Identifier: MIT */
/*
 * msglog.h - the messages the program said (status line, editor), newest
 * last, so that one cut at the screen's edge or replaced a moment later
 * can still be read in full (the `messages` action shows them). A ring of
 * the last MSGLOG_MAX; a message equal to the one before is counted, not
 * kept twice. Plain C.
 */
#ifndef TUI_UI_MSGLOG_H
#define TUI_UI_MSGLOG_H

#include <stddef.h>
#include <time.h>

#define MSGLOG_MAX 200
#define MSGLOG_TEXT 512

struct msglog_entry {
	char text[MSGLOG_TEXT]; /* escaped text, as it was shown */
	int is_error;
	time_t when;
	unsigned repeats; /* said again this many more times in a row */
};

struct msglog {
	struct msglog_entry v[MSGLOG_MAX];
	size_t first, n; /* the ring: n entries from first */
};

/* msglog_init - empty. */
void msglog_init(struct msglog *log);

/* msglog_add - keep `text` (cut to MSGLOG_TEXT - 1 bytes on a character
 * boundary); "" is not kept. `log` may be NULL (nothing kept). */
void msglog_add(struct msglog *log, int is_error, const char *text);

/* msglog_count - how many are kept; msglog_get - the i-th, 0 the oldest;
 * NULL out of range. Borrowed until the next msglog_add. */
size_t msglog_count(const struct msglog *log);
const struct msglog_entry *msglog_get(const struct msglog *log, size_t i);

/* msglog_format - "14:02:33  text (x3)" for entry i into buf (a ! marks
 * errors: "14:02:33 ! text"). */
void msglog_format(const struct msglog *log, size_t i, char *buf,
		   size_t size);

#endif
