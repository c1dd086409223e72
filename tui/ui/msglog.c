/* SPDX-License-Identifier: MIT */
/*
 * msglog.c - the log of messages (msglog.h).
 */
#include "ui/msglog.h"

#include <stdio.h>
#include <string.h>

void msglog_init(struct msglog *log)
{
	memset(log, 0, sizeof *log);
}

static struct msglog_entry *at(struct msglog *log, size_t i)
{
	return &log->v[(log->first + i) % MSGLOG_MAX];
}

/* Cut s to fit `size` bytes with its NUL, not inside a UTF-8 sequence. */
static void copy_cut(char *dst, size_t size, const char *s)
{
	size_t n = strlen(s);
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
}

void msglog_add(struct msglog *log, int is_error, const char *text)
{
	if (log == NULL || text == NULL || text[0] == '\0')
		return;
	char cut[MSGLOG_TEXT];
	copy_cut(cut, sizeof cut, text);
	if (log->n > 0) {
		struct msglog_entry *last = at(log, log->n - 1);
		if (last->is_error == is_error && strcmp(last->text, cut) == 0) {
			last->repeats++;
			last->when = time(NULL);
			return;
		}
	}
	struct msglog_entry *e;
	if (log->n < MSGLOG_MAX) {
		e = at(log, log->n++);
	} else {
		e = at(log, 0);
		log->first = (log->first + 1) % MSGLOG_MAX;
	}
	memcpy(e->text, cut, sizeof cut);
	e->is_error = is_error != 0;
	e->when = time(NULL);
	e->repeats = 0;
}

size_t msglog_count(const struct msglog *log)
{
	return log != NULL ? log->n : 0;
}

const struct msglog_entry *msglog_get(const struct msglog *log, size_t i)
{
	if (log == NULL || i >= log->n)
		return NULL;
	return &log->v[(log->first + i) % MSGLOG_MAX];
}

void msglog_format(const struct msglog *log, size_t i, char *buf,
		   size_t size)
{
	const struct msglog_entry *e = msglog_get(log, i);
	if (size == 0)
		return;
	if (e == NULL) {
		buf[0] = '\0';
		return;
	}
	struct tm tm;
	char when[16] = "";
	if (localtime_r(&e->when, &tm) != NULL)
		strftime(when, sizeof when, "%H:%M:%S", &tm);
	char times[32] = "";
	if (e->repeats > 0)
		snprintf(times, sizeof times, " (x%u)", e->repeats + 1);
	snprintf(buf, size, "%s %c %s%s", when, e->is_error ? '!' : ' ',
		 e->text, times);
}
