/* SPDX-License-Identifier: MIT */
/*
 * fmt.h - short human forms of sizes, ages and counts for the browser's
 * columns ("312 B", "1.2K", "2m", "1,204"). Plain C, no curses.
 */
#ifndef TUI_BROWSER_FMT_H
#define TUI_BROWSER_FMT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* fmt_size - "0 B", "312 B", "1.2K", "45K", "3.4M", "12G": at most 6
 * characters. */
void fmt_size(uint64_t size, char *buf, size_t bufsize);

/* fmt_age - the age of `then` at `now`: "now", "42s", "5m", "3h", "2d",
 * "7w", "3y"; a time in the future is "future". At most 6 characters. */
void fmt_age(time_t then, time_t now, char *buf, size_t bufsize);

/* fmt_count - a count with thousands separators: "1,204". */
void fmt_count(uint64_t n, char *buf, size_t bufsize);

#endif
