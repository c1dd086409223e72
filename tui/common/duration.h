/* SPDX-License-Identifier: MIT */
/*
 * duration.h - human durations for --timeout, --older-than and the
 * browser's --timeout: "500ms", "2s", "1.5s", "3m", "1h", "2d"; a bare
 * number means seconds.
 *
 * The grammar is strict and does not depend on the locale:
 *   DURATION = DIGITS [ "." DIGITS ] [ "ms" | "s" | "m" | "h" | "d" ]
 * with ASCII digits only: no sign, no spaces, no exponent ("1e3s"), no hex
 * ("0x10s"), no empty part (".5s", "1.s", "s"), and "." is the decimal
 * point whatever LC_NUMERIC says ("1,5s" is refused everywhere).
 */
#ifndef TUI_COMMON_DURATION_H
#define TUI_COMMON_DURATION_H

/* The longest duration: 100 years (of 365 days), in milliseconds. Longer
 * ones are clamped to it, so that a deadline computed from now never
 * overflows the clock's arithmetic (nanoseconds in 64 bits reach 292
 * years). On a system with a 32-bit long, LONG_MAX (24.8 days) instead. */
#define DURATION_MAX_MS 3153600000000LL

/* duration_parse - parse `text` into milliseconds. Returns 0 and sets *ms
 * on success: the duration rounded to the nearest millisecond (half up),
 * at least 1 when any digit is not zero, at most DURATION_MAX_MS (clamped,
 * never an error). Returns -1 and leaves *ms alone when `text` is NULL or
 * does not follow the grammar above. "0" and "0s" are valid (0). */
int duration_parse(const char *text, long *ms);

/* duration_format - write a short human form of `ms` ("450ms", "2.5s",
 * "3m", "2h", "4d") into buf (at most `size` bytes, NUL-terminated). */
void duration_format(long ms, char *buf, unsigned long size);

/* duration_format_exact - `ms` in the largest unit that holds it exactly
 * ("90s", "2h", "1500ms", "0s"), so duration_parse reads back the same
 * value: what a config dump writes. */
void duration_format_exact(long ms, char *buf, unsigned long size);

#endif
