/*
 * duration.h - parsing of human durations for --timeout and --older-than:
 * "500ms", "2s", "1.5s", "3m", "1h", "2d"; a bare number means seconds.
 */
#ifndef TUI_COMMON_DURATION_H
#define TUI_COMMON_DURATION_H

/* duration_parse - parse `text` into milliseconds. Returns 0 and sets *ms on
 * success; returns -1 (and leaves *ms alone) for an empty, malformed,
 * negative or overflowing duration. */
int duration_parse(const char *text, long *ms);

/* duration_format - write a short human form of `ms` ("450ms", "2.5s",
 * "3m", "2h", "4d") into buf (at most `size` bytes, NUL-terminated). */
void duration_format(long ms, char *buf, unsigned long size);

/* duration_format_exact - `ms` in the largest unit that holds it exactly
 * ("90s", "2h", "1500ms", "0s"), so duration_parse reads back the same
 * value: what a config dump writes. */
void duration_format_exact(long ms, char *buf, unsigned long size);

#endif
