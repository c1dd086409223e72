/* SPDX-License-Identifier: MIT */
/*
 * theme.c - the colour elements' defaults and the names of colours and
 * attributes, both ways.
 */
#include "ui/theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *what;
	struct theme_style style;
	unsigned mono;
} elements[THEME_COUNT] = {
#define THEME_INFO(id, n, fg, bg, a, m, w) [THEME_##id] = {n, w, {fg, bg, a}, m},
	THEME_ELEMENTS(THEME_INFO)
#undef THEME_INFO
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{"bold", THEME_A_BOLD},
	{"dim", THEME_A_DIM},
	{"reverse", THEME_A_REVERSE},
	{"underline", THEME_A_UNDERLINE},
	{"standout", THEME_A_STANDOUT},
	{"blink", THEME_A_BLINK},
	{"italic", THEME_A_ITALIC},
};

void theme_init(struct theme *t)
{
	for (int e = 0; e < THEME_COUNT; e++)
		t->el[e] = elements[e].style;
}

const char *theme_element_name(enum theme_element e)
{
	return (int)e >= 0 && e < THEME_COUNT ? elements[e].name : "";
}

const char *theme_element_what(enum theme_element e)
{
	return (int)e >= 0 && e < THEME_COUNT ? elements[e].what : "";
}

enum theme_element theme_element_by_name(const char *name)
{
	for (int e = 0; e < THEME_COUNT; e++)
		if (strcmp(elements[e].name, name) == 0)
			return (enum theme_element)e;
	return THEME_COUNT;
}

unsigned theme_mono_attrs(enum theme_element e)
{
	return (int)e >= 0 && e < THEME_COUNT ? elements[e].mono : 0;
}

/* 0..255 in decimal, nothing else; -1 if not. */
static int color_number(const char *s)
{
	int n = 0;
	if (*s == '\0' || strlen(s) > 3)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n <= 255 ? n : -1;
}

int theme_parse_color(const char *text, short *color)
{
	int bright = 0;
	if (strcmp(text, "default") == 0) {
		*color = THEME_DEFAULT;
		return 0;
	}
	if (strncmp(text, "color", 5) == 0 && color_number(text + 5) >= 0) {
		*color = (short)color_number(text + 5);
		return 0;
	}
	if (color_number(text) >= 0) {
		*color = (short)color_number(text);
		return 0;
	}
	if (strncmp(text, "bright-", 7) == 0) {
		bright = 8;
		text += 7;
	}
	for (int i = 0; i < 8; i++) {
		if (strcmp(text, color_names[i]) == 0) {
			*color = (short)(i + bright);
			return 0;
		}
	}
	return -1;
}

int theme_parse_attr(const char *text)
{
	if (strcmp(text, "normal") == 0)
		return 0;
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (strcmp(text, attr_names[i].name) == 0)
			return (int)attr_names[i].bit;
	return -1;
}

static void color_text(short c, char *buf, size_t size)
{
	if (c == THEME_DEFAULT)
		snprintf(buf, size, "default");
	else if (c >= 0 && c < 8)
		snprintf(buf, size, "%s", color_names[c]);
	else if (c >= 8 && c < 16)
		snprintf(buf, size, "bright-%s", color_names[c - 8]);
	else
		snprintf(buf, size, "%d", c);
}

void theme_format_style(const struct theme_style *s, char *buf, size_t size)
{
	char fg[24], bg[24];
	color_text(s->fg, fg, sizeof fg);
	color_text(s->bg, bg, sizeof bg);
	int o = snprintf(buf, size, "%s %s", fg, bg);
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++) {
		if (!(s->attrs & attr_names[i].bit) || o < 0 ||
		    (size_t)o >= size)
			continue;
		o += snprintf(buf + o, size - (size_t)o, " %s",
			      attr_names[i].name);
	}
}
