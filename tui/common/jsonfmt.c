/* SPDX-License-Identifier: MIT */
/* jsonfmt.c - names as JSON fields and safe JSON text (see jsonfmt.h). */
#include "common/jsonfmt.h"

#include "common/base64.h"
#include "common/textsafe.h"
#include "common/utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int field_b64(char *buf, size_t size, const char *field)
{
	int n = snprintf(buf, size, "%s_base64", field);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

int jsonfmt_set_name(json_t *obj, const char *field, const char *name)
{
	size_t len = strlen(name);
	char b64field[64];

	if (utf8_valid(name, len))
		return json_object_set_new(obj, field, json_stringn(name, len));
	if (field_b64(b64field, sizeof b64field, field) != 0 ||
	    len > (SIZE_MAX - 4) / 4 * 3)
		return -1;
	char *text = malloc(base64_encoded_len(len) + 1);
	if (text == NULL)
		return -1;
	base64_encode(name, len, text);
	int rc = json_object_set_new(obj, b64field, json_string(text));
	free(text);
	return rc;
}

/* The bytes of a name field: a copy of the string, or its base64 decoded. */
static char *name_bytes(const char *text, size_t len, int coded,
			const char **why)
{
	char *out = malloc((coded ? base64_decoded_max(len) : len) + 1);

	if (out == NULL) {
		*why = "out of memory";
		return NULL;
	}
	if (!coded) {
		memcpy(out, text, len);
	} else if (base64_decode(text, len, out, &len) != 0) {
		free(out);
		*why = "bad base64 in name";
		return NULL;
	}
	out[len] = '\0';
	if (strlen(out) != len) {
		free(out);
		*why = "name contains a NUL byte";
		return NULL;
	}
	return out;
}

int jsonfmt_get_name(json_t *obj, const char *field, int optional,
		     char **name, const char **why)
{
	char b64field[64];
	json_t *plain = json_object_get(obj, field), *coded;

	if (field_b64(b64field, sizeof b64field, field) != 0) {
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
	if (value != NULL && !json_is_string(value)) {
		*why = "name is not a string";
		return -1;
	}
	char *out = value == NULL ? name_bytes("", 0, 0, why)
		    : name_bytes(json_string_value(value),
				 json_string_length(value), coded != NULL, why);
	if (out == NULL)
		return -1;
	*name = out;
	return 0;
}

unsigned jsonfmt_flags(FILE *out)
{
	return isatty(fileno(out)) ? 0 : TEXTSAFE_UTF8;
}

char *jsonfmt_dumps(const json_t *doc, unsigned flags)
{
	char *raw = json_dumps(doc, JSON_COMPACT);
	if (raw == NULL)
		return NULL;
	size_t len = strlen(raw);
	char *safe = len <= (SIZE_MAX - 1) / 6
			     ? malloc(TEXTSAFE_JSON_MAX(len) + 1) : NULL;
	if (safe != NULL &&
	    textsafe_json_doc_into(safe, raw, len, flags) == (size_t)-1) {
		free(safe); /* jansson writes UTF-8: cannot happen */
		safe = NULL;
	}
	free(raw);
	return safe;
}

int jsonfmt_dumpf(const json_t *doc, FILE *out)
{
	char *text = jsonfmt_dumps(doc, jsonfmt_flags(out));
	if (text == NULL) {
		errno = ENOMEM;
		return -1;
	}
	size_t n = strlen(text);
	int rc = fwrite(text, 1, n, out) == n ? 0 : -1;
	free(text);
	return rc;
}

int jsonfmt_print(json_t *doc, FILE *out)
{
	if (doc == NULL)
		return -1;
	int rc = jsonfmt_dumpf(doc, out);
	json_decref(doc);
	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	return rc;
}

int jsonfmt_write_string(FILE *out, const void *s, size_t len)
{
	return textsafe_json_write(out, s, len, jsonfmt_flags(out));
}
