/* SPDX-License-Identifier: MIT */
/* edjson.c - JSON validity and reformatting of a gap buffer's text. */
#include "editor/edjson.h"

#include <jansson.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int edjson_looks(const struct gapbuf *gb)
{
	size_t len = gapbuf_len(gb), lim = len < 4096 ? len : 4096;
	for (size_t i = 0; i < lim; i++) {
		unsigned char c = gapbuf_at(gb, i);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		return c == '{' || c == '[';
	}
	return 0;
}

/* jansson reads the buffer span by span: no copy, no gap move */
struct reader {
	const struct gapbuf *gb;
	size_t pos;
};

static size_t read_span(void *buf, size_t size, void *data)
{
	struct reader *r = data;
	size_t len = gapbuf_len(r->gb);
	if (r->pos >= len)
		return 0;
	size_t n = gapbuf_copy(r->gb, r->pos, buf, size);
	r->pos += n;
	return n;
}

static json_t *parse(const struct gapbuf *gb, char *why, size_t why_size)
{
	struct reader r = {gb, 0};
	json_error_t e;
	json_t *doc = json_load_callback(read_span, &r,
					 JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
	if (doc == NULL && why_size > 0)
		snprintf(why, why_size, "line %d, column %d: %s", e.line,
			 e.column, e.text);
	return doc;
}

enum edjson_state edjson_check(const struct gapbuf *gb, char *why,
			       size_t why_size)
{
	if (why_size > 0)
		why[0] = '\0';
	if (!edjson_looks(gb))
		return EDJSON_NOT_JSON;
	json_t *doc = parse(gb, why, why_size);
	json_decref(doc);
	return doc != NULL ? EDJSON_VALID : EDJSON_INVALID;
}

int edjson_format(const struct gapbuf *gb, int pretty, char **out,
		  size_t *out_len, char *why, size_t why_size)
{
	if (why_size > 0)
		why[0] = '\0';
	json_t *doc = parse(gb, why, why_size);
	if (doc == NULL)
		return EINVAL;
	size_t flags = JSON_ENCODE_ANY | JSON_PRESERVE_ORDER |
		       (pretty ? JSON_INDENT(2) : JSON_COMPACT);
	char *text = json_dumps(doc, flags);
	json_decref(doc);
	if (text == NULL)
		return ENOMEM;
	size_t len = gapbuf_len(gb), n = strlen(text);
	int newline = pretty || (len > 0 && gapbuf_at(gb, len - 1) == '\n');
	char *s = realloc(text, n + 2);
	if (s == NULL) {
		free(text);
		return ENOMEM;
	}
	if (newline)
		s[n++] = '\n';
	s[n] = '\0';
	*out = s;
	*out_len = n;
	return 0;
}
