/* cli_json.c - names as JSON fields, and a streaming JSON string writer. */
#include "cli/cli_json.h"

#include "cli/base64.h"
#include "common/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cli_json_field_b64(char *buf, size_t size, const char *field)
{
	int n = snprintf(buf, size, "%s_base64", field);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

int cli_json_set_name(json_t *obj, const char *field, const char *name)
{
	size_t len = strlen(name);
	char b64field[64];

	if (utf8_valid(name, len))
		return json_object_set_new(obj, field, json_stringn(name, len));
	if (cli_json_field_b64(b64field, sizeof b64field, field) != 0)
		return -1;
	char *text = malloc(base64_encoded_len(len) + 1);
	if (text == NULL)
		return -1;
	base64_encode(name, len, text);
	int rc = json_object_set_new(obj, b64field, json_string(text));
	free(text);
	return rc;
}

int cli_json_get_name(json_t *obj, const char *field, int optional,
		      char **name, const char **why)
{
	char b64field[64];
	json_t *plain = json_object_get(obj, field), *coded;
	const char *text;
	size_t len;
	char *out;

	if (cli_json_field_b64(b64field, sizeof b64field, field) != 0) {
		*why = "field name too long";
		return -1;
	}
	coded = json_object_get(obj, b64field);
	if (plain != NULL && coded != NULL) {
		*why = "both a name and its base64 form";
		return -1;
	}
	if (plain == NULL && coded == NULL && !optional) {
		*why = "no name";
		return -1;
	}
	json_t *value = plain != NULL ? plain : coded;
	if (value == NULL) {
		text = "";
		len = 0;
	} else if (!json_is_string(value)) {
		*why = "name is not a string";
		return -1;
	} else {
		text = json_string_value(value);
		len = json_string_length(value);
	}
	if (coded == NULL) {
		out = malloc(len + 1);
		if (out == NULL) {
			*why = "out of memory";
			return -1;
		}
		memcpy(out, text, len);
	} else {
		out = malloc(base64_decoded_max(len) + 1);
		if (out == NULL) {
			*why = "out of memory";
			return -1;
		}
		if (base64_decode(text, len, out, &len) != 0) {
			free(out);
			*why = "bad base64 in name";
			return -1;
		}
	}
	out[len] = '\0';
	if (strlen(out) != len) {
		free(out);
		*why = "name contains a NUL byte";
		return -1;
	}
	*name = out;
	return 0;
}

/* Code points that must not reach a terminal raw, besides C0 and DEL. */
static int cli_json_unsafe(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
	       cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

int cli_json_write_string(FILE *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0; /* s[run..i) is written as is */

	if (fputc('"', out) == EOF)
		return -1;
	while (i < len) {
		unsigned char c = s[i];
		uint32_t cp = c;
		size_t n = 1;
		if (c >= 0x80) {
			n = utf8_decode(s + i, len - i, &cp);
			if (n == 0)
				return -1; /* the caller promised UTF-8 */
		}
		int plain = c >= 0x20 && c != 0x7f && c != '"' && c != '\\' &&
			    !cli_json_unsafe(cp);
		if (plain) {
			i += n;
			continue;
		}
		if (i > run && fwrite(s + run, 1, i - run, out) != i - run)
			return -1;
		const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\"
				: c == '\n' ? "\\n" : c == '\t' ? "\\t"
				: c == '\r' ? "\\r" : NULL;
		if (esc != NULL ? fputs(esc, out) < 0
				: fprintf(out, "\\u%04x", (unsigned)cp) < 0)
			return -1;
		i += n;
		run = i;
	}
	if (i > run && fwrite(s + run, 1, i - run, out) != i - run)
		return -1;
	return fputc('"', out) == EOF ? -1 : 0;
}

size_t cli_json_dump_flags(FILE *out)
{
	size_t flags = JSON_COMPACT;

	if (isatty(fileno(out)))
		flags |= JSON_ENSURE_ASCII;
	return flags;
}
