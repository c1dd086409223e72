/* SPDX-License-Identifier: MIT */
/*
 * browser_msg.c - the status line's message and the browser's clock.
 */
#include "browser/browser_msg.h"

#include "ui/msglog.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

long long browser_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void browser_vsay(struct browser_msg *m, int is_error, const char *fmt,
		  va_list ap)
{
	vsnprintf(m->text, sizeof m->text, fmt, ap);
	m->is_error = is_error;
	m->ms = browser_now_ms();
	msglog_add(m->log, is_error, m->text);
}

void browser_say(struct browser_msg *m, int is_error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	browser_vsay(m, is_error, fmt, ap);
	va_end(ap);
}

void browser_show(struct browser_msg *m, int is_error, const char *text)
{
	snprintf(m->text, sizeof m->text, "%s", text);
	m->is_error = is_error;
	m->ms = browser_now_ms();
}

int browser_msg_showing(const struct browser_msg *m, long long now_ms)
{
	return m->text[0] != '\0' && now_ms - m->ms < BROWSER_MSG_MS;
}
