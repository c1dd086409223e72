/* inspect_text.c - escaping of untrusted names, text tables and ages. */
#include "inspect/inspect_text.h"

#include "common/utf8.h"

#include <errno.h>
#include <langinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

/* Code points that must never reach a terminal as themselves. */
static int cp_is_hostile(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       cp == 0x2028 || cp == 0x2029 || /* line/paragraph separator */
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

char *inspect_escape(const char *s, size_t len, int utf8)
{
	static const char hex[] = "0123456789abcdef";
	/* worst case: every byte becomes \xHH */
	if (len > (SIZE_MAX - 1) / 4)
		return NULL;
	char *out = malloc(len * 4 + 1);
	if (out == NULL)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t n = utf8 || p[i] < 0x80 ? utf8_decode(p + i, len - i, &cp)
					       : 0;
		if (n > 0 && !cp_is_hostile(cp) && cp != '\\') {
			memcpy(out + o, p + i, n);
			o += n;
			i += n;
			continue;
		}
		if (n == 1 && (cp == '\\' || cp == '\n' || cp == '\t' ||
			       cp == '\r')) {
			out[o++] = '\\';
			out[o++] = cp == '\\' ? '\\'
				 : cp == '\n' ? 'n'
				 : cp == '\t' ? 't'
					      : 'r';
			i++;
			continue;
		}
		/* hostile or invalid: escape every byte of it */
		size_t m = n > 0 ? n : 1;
		for (size_t k = 0; k < m; k++, i++) {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[p[i] >> 4];
			out[o++] = hex[p[i] & 15];
		}
	}
	out[o] = '\0';
	return out;
}

int inspect_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs != NULL && (strcasecmp(cs, "UTF-8") == 0 ||
			      strcasecmp(cs, "utf8") == 0);
}

char *inspect_esc_dup(const char *s)
{
	return inspect_escape(s, strlen(s), inspect_locale_utf8());
}

size_t inspect_display_width(const char *s)
{
	size_t width = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t len = strlen(s);
	while (len > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			width++;
			s++;
			len--;
			continue;
		}
		int w = wcwidth(wc);
		width += w < 0 ? 1 : (size_t)w;
		s += n;
		len -= n;
	}
	return width;
}

void inspect_format_age(const struct timespec *then, time_t now, char *buf,
			size_t size)
{
	long long age = (long long)now - (long long)then->tv_sec;
	if (age < 0)
		age = 0;
	if (age < 120)
		snprintf(buf, size, "%llds", age);
	else if (age < 2 * 3600)
		snprintf(buf, size, "%lldm", age / 60);
	else if (age < 2 * 86400)
		snprintf(buf, size, "%lldh", age / 3600);
	else
		snprintf(buf, size, "%lldd", age / 86400);
}

void text_table_init(struct text_table *t, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
}

int text_table_add(struct text_table *t, const char *const *row)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
		if (cells == NULL)
			return ENOMEM;
		t->cells = cells;
		t->cap = cap;
	}
	char **dst = t->cells + t->nrows * t->ncols;
	for (size_t c = 0; c < t->ncols; c++) {
		dst[c] = strdup(row[c] != NULL ? row[c] : "");
		if (dst[c] == NULL) {
			while (c-- > 0)
				free(dst[c]);
			return ENOMEM;
		}
	}
	t->nrows++;
	return 0;
}

void text_table_print(const struct text_table *t, FILE *out)
{
	size_t *widths = calloc(t->ncols ? t->ncols : 1, sizeof *widths);
	for (size_t r = 0; widths != NULL && r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t w = inspect_display_width(
				t->cells[r * t->ncols + c]);
			if (w > widths[c])
				widths[c] = w;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		/* no padding after the last non-empty cell */
		size_t last = t->ncols;
		while (last > 1 && t->cells[r * t->ncols + last - 1][0] == '\0')
			last--;
		for (size_t c = 0; c < last; c++) {
			const char *cell = t->cells[r * t->ncols + c];
			fputs(cell, out);
			if (c + 1 == last)
				break;
			size_t pad = widths != NULL ? widths[c] -
				inspect_display_width(cell) : 0;
			fprintf(out, "%*s", (int)(pad + 2), "");
		}
		fputc('\n', out);
	}
	free(widths);
}

void text_table_done(struct text_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}
