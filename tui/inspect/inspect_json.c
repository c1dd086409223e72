/* inspect_json.c - byte-exact names in JSON. */
#include "inspect/inspect_json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

char *inspect_base64(const void *data, size_t len)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	if (len > (SIZE_MAX - 1) / 4 * 3 - 3)
		return NULL;
	const unsigned char *p = data;
	char *out = malloc((len + 2) / 3 * 4 + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0, i = 0;
	for (; i + 2 < len; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 |
			     p[i + 2];
		out[o++] = tab[v >> 18];
		out[o++] = tab[(v >> 12) & 63];
		out[o++] = tab[(v >> 6) & 63];
		out[o++] = tab[v & 63];
	}
	if (i < len) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < len)
			v |= (uint32_t)p[i + 1] << 8;
		out[o++] = tab[v >> 18];
		out[o++] = tab[(v >> 12) & 63];
		out[o++] = i + 1 < len ? tab[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return out;
}

int inspect_json_set_name(json_t *obj, const char *field, const char *s)
{
	size_t len = strlen(s);
	json_t *str = json_stringn(s, len); /* NULL unless valid UTF-8 */
	if (str != NULL)
		return json_object_set_new(obj, field, str);
	char *b64 = inspect_base64(s, len);
	size_t flen = strlen(field);
	char *bfield = malloc(flen + sizeof "_base64");
	int res = -1;
	if (b64 && bfield) {
		memcpy(bfield, field, flen);
		memcpy(bfield + flen, "_base64", sizeof "_base64");
		res = json_object_set_new(obj, bfield, json_string(b64));
	}
	free(b64);
	free(bfield);
	return res;
}

int inspect_json_print(json_t *doc, FILE *out)
{
	if (doc == NULL)
		return -1;
	int res = json_dumpf(doc, out, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(doc);
	if (res == 0 && fputc('\n', out) == EOF)
		res = -1;
	return res;
}
