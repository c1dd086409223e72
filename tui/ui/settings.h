/* SPDX-License-Identifier: MIT */
/*
 * settings.h - the interactive program's settings (`set NAME = VALUE` in
 * the config file): one X-macro list with each setting's type, default,
 * bounds and meaning; parsing a value and writing it back the way the
 * config reads it. Plain C. The command line's commands for scripts do
 * not read the config: only the browser, the editor and the views use
 * these.
 *
 * Adding a setting: a line in SETTINGS_LIST, a getter call where it takes
 * effect, and a line in flockd(1) under CONFIGURATION.
 */
#ifndef TUI_UI_SETTINGS_H
#define TUI_UI_SETTINGS_H

#include <stddef.h>

enum setting_type {
	SETTING_DURATION, /* milliseconds within [lo, hi] */
	SETTING_BOOL,     /* yes/no */
	SETTING_CHOICE,   /* one of the words of `choices` */
};

/* S(ID, name, type, default, lo, hi, choices, what) */
#define SETTINGS_LIST(S)                                                      \
	S(TIMEOUT, "timeout", SETTING_DURATION, "2s", 1, 86400000LL, "",      \
	  "how long the browser and the editor wait for a lock "             \
	  "(--timeout wins)")                                                 \
	S(WRAP, "wrap", SETTING_BOOL, "no", 0, 0, "",                         \
	  "the editor opens a value with long lines soft-wrapped")            \
	S(HEX_WIDTH, "hex-width", SETTING_CHOICE, "16", 0, 0, "4 8 16",       \
	  "bytes per row of a hex dump at most (fewer on a narrow screen)")  \
	S(STALE_AGE, "stale-age", SETTING_DURATION, "1h", 1000, 31536000000LL, \
	  "", "a temp file older than this is marked stale (a red ~)")        \
	S(ESCAPE_DELAY, "escape-delay", SETTING_DURATION, "25ms", 0, 5000, "", \
	  "how long after Esc a key still makes Alt+key or a function key")   \
	S(MOUSE, "mouse", SETTING_BOOL, "yes", 0, 0, "",                      \
	  "clicks select and the wheel scrolls (the editor: a drag selects)") \
	S(SORT, "sort", SETTING_CHOICE, "name", 0, 0,                         \
	  "name name-desc natural natural-desc size size-desc time time-desc", \
	  "the key list's sort when the browser starts (natural: key2 "      \
	  "before key10)")                                                   \
	S(CLIPBOARD_OSC52, "clipboard-osc52", SETTING_BOOL, "yes", 0, 0, "",  \
	  "copy-out hands text to the terminal's clipboard (OSC 52)")         \
	S(LONG_LOCK, "long-lock", SETTING_DURATION, "1m", 1000, 86400000LL,   \
	  "", "an editor holding a value's shared lock this long says that "  \
	  "writers wait")

enum setting_id {
#define SETTING_ENUM(id, n, t, d, lo, hi, c, w) SET_##id,
	SETTINGS_LIST(SETTING_ENUM)
#undef SETTING_ENUM
	SET_COUNT
};

struct settings {
	long long value[SET_COUNT]; /* ms, 0/1, or a choice's index */
};

/* settings_init - every setting at its default. */
void settings_init(struct settings *s);

/* Facts of the list: static strings ("" out of range). by_name:
 * SET_COUNT when unknown. */
const char *setting_name(enum setting_id id);
const char *setting_what(enum setting_id id);
const char *setting_choices(enum setting_id id);
enum setting_type setting_type(enum setting_id id);
enum setting_id setting_by_name(const char *name);

/*
 * settings_set - parse `text` as the value of `id` and store it. Returns 0,
 * or -1 with what a value must be in `why` ("a duration from 1s to 365d,
 * like 30m", "yes or no", "one of: 4 8 16") and the value unchanged.
 */
int settings_set(struct settings *s, enum setting_id id, const char *text,
		 char *why, size_t why_size);

/* settings_format - the value of `id` as the config writes it ("2s",
 * "yes", "16"). */
void settings_format(const struct settings *s, enum setting_id id, char *buf,
		     size_t size);

/* Getters: a duration in ms, a yes/no as 0/1, a choice's index. */
long long settings_ms(const struct settings *s, enum setting_id id);
int settings_on(const struct settings *s, enum setting_id id);
int settings_choice(const struct settings *s, enum setting_id id);

/* settings_hex_width - hex-width as a number of bytes (4, 8, 16). */
int settings_hex_width(const struct settings *s);

#endif
