/* SPDX-License-Identifier: MIT */
/*
 * settings.c - parsing and writing the settings of SETTINGS_LIST.
 */
#include "ui/settings.h"

#include "common/duration.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *def, *choices, *what;
	enum setting_type type;
	long long lo, hi;
} list[SET_COUNT] = {
#define SETTING_INFO(id, n, t, d, l, h, c, w) [SET_##id] = {n, d, c, w, t, l, h},
	SETTINGS_LIST(SETTING_INFO)
#undef SETTING_INFO
};

static int id_ok(enum setting_id id)
{
	return (int)id >= 0 && id < SET_COUNT;
}

const char *setting_name(enum setting_id id)
{
	return id_ok(id) ? list[id].name : "";
}

const char *setting_what(enum setting_id id)
{
	return id_ok(id) ? list[id].what : "";
}

const char *setting_choices(enum setting_id id)
{
	return id_ok(id) ? list[id].choices : "";
}

enum setting_type setting_type(enum setting_id id)
{
	return id_ok(id) ? list[id].type : SETTING_BOOL;
}

enum setting_id setting_by_name(const char *name)
{
	for (int i = 0; i < SET_COUNT; i++)
		if (strcmp(list[i].name, name) == 0)
			return (enum setting_id)i;
	return SET_COUNT;
}

/* The index of `word` among the space-separated `choices`, or -1. */
static int choice_index(const char *choices, const char *word)
{
	size_t wl = strlen(word);
	int i = 0;
	for (const char *p = choices; *p;) {
		size_t n = strcspn(p, " ");
		if (n == wl && wl > 0 && strncmp(p, word, n) == 0)
			return i;
		p += n;
		while (*p == ' ')
			p++;
		i++;
	}
	return -1;
}

static int parse_bool(const char *t)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < 4; i++) {
		if (strcmp(t, yes[i]) == 0)
			return 1;
		if (strcmp(t, no[i]) == 0)
			return 0;
	}
	return -1;
}

int settings_set(struct settings *s, enum setting_id id, const char *text,
		 char *why, size_t why_size)
{
	long ms;
	int v;
	if (!id_ok(id))
		return -1;
	switch (list[id].type) {
	case SETTING_DURATION: {
		if (duration_parse(text, &ms) == 0 && ms >= list[id].lo &&
		    ms <= list[id].hi) {
			s->value[id] = ms;
			return 0;
		}
		char lo[32], hi[32];
		duration_format_exact((long)list[id].lo, lo, sizeof lo);
		duration_format_exact((long)list[id].hi, hi, sizeof hi);
		snprintf(why, why_size, "a duration from %s to %s, like 500ms, "
			 "2s, 30m or 1h", lo, hi);
		return -1;
	}
	case SETTING_BOOL:
		v = parse_bool(text);
		if (v >= 0) {
			s->value[id] = v;
			return 0;
		}
		snprintf(why, why_size, "yes or no");
		return -1;
	case SETTING_CHOICE:
		v = choice_index(list[id].choices, text);
		if (v >= 0) {
			s->value[id] = v;
			return 0;
		}
		snprintf(why, why_size, "one of: %s", list[id].choices);
		return -1;
	}
	return -1;
}

void settings_init(struct settings *s)
{
	char why[128];
	for (int i = 0; i < SET_COUNT; i++) {
		s->value[i] = 0;
		/* the defaults are in the list as the config writes them */
		int rc = settings_set(s, (enum setting_id)i, list[i].def, why,
				      sizeof why);
		(void)rc;
	}
}

void settings_format(const struct settings *s, enum setting_id id, char *buf,
		     size_t size)
{
	if (size == 0)
		return;
	buf[0] = '\0';
	if (!id_ok(id))
		return;
	switch (list[id].type) {
	case SETTING_DURATION:
		duration_format_exact((long)s->value[id], buf, size);
		break;
	case SETTING_BOOL:
		snprintf(buf, size, "%s", s->value[id] ? "yes" : "no");
		break;
	case SETTING_CHOICE: {
		const char *p = list[id].choices;
		for (long long i = 0; i < s->value[id] && *p; i++) {
			p += strcspn(p, " ");
			while (*p == ' ')
				p++;
		}
		snprintf(buf, size, "%.*s", (int)strcspn(p, " "), p);
		break;
	}
	}
}

long long settings_ms(const struct settings *s, enum setting_id id)
{
	return id_ok(id) ? s->value[id] : 0;
}

int settings_on(const struct settings *s, enum setting_id id)
{
	return id_ok(id) && s->value[id] != 0;
}

int settings_choice(const struct settings *s, enum setting_id id)
{
	return id_ok(id) ? (int)s->value[id] : 0;
}

int settings_hex_width(const struct settings *s)
{
	char buf[8];
	settings_format(s, SET_HEX_WIDTH, buf, sizeof buf);
	return atoi(buf);
}
