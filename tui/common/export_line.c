/* SPDX-License-Identifier: MIT */
/*
 * export_line.c - the export format's lines (export_line.h). The small
 * fields go through jansson; the value, which may be hundreds of
 * megabytes, is streamed straight from the caller's buffer.
 */
#include "common/export_line.h"

#include "common/base64.h"
#include "common/jsonfmt.h"
#include "common/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* An object with the format's version first, as every JSON object. */
static json_t *versioned_object(void)
{
	json_t *obj = json_object();
	if (obj != NULL &&
	    json_object_set_new(obj, "format_version",
				json_integer(EXPORT_FORMAT_VERSION)) != 0) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

void export_format_time(const struct flockd_timespec *ts, char *buf,
			size_t size)
{
	time_t sec = (time_t)ts->tv_sec;
	struct tm tm;
	char date[32];

	if ((int64_t)sec != ts->tv_sec || gmtime_r(&sec, &tm) == NULL ||
	    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
		snprintf(buf, size, "@%lld.%09ld", (long long)ts->tv_sec,
			 ts->tv_nsec);
		return;
	}
	snprintf(buf, size, "%s.%09ldZ", date, ts->tv_nsec);
}

/* Write the value as base64 in pieces (a multiple of 3 bytes each). */
static int write_base64(FILE *out, const unsigned char *value, size_t len)
{
	char text[4096 + 1];
	const size_t piece = 3072;

	if (fputs("\"", out) < 0)
		return -1;
	for (size_t off = 0; off < len; off += piece) {
		size_t n = len - off < piece ? len - off : piece;
		base64_encode(value + off, n, text);
		size_t tlen = base64_encoded_len(n);
		if (fwrite(text, 1, tlen, out) != tlen)
			return -1;
	}
	return fputs("\"", out) < 0 ? -1 : 0;
}

/* Write one object: the fields in `head` (without its closing brace),
 * then the value. Returns 0, or -1 (errno set) on failure. */
static int write_line(FILE *out, json_t *head, const void *value, size_t len)
{
	char *text = jsonfmt_dumps(head, jsonfmt_flags(out));
	size_t tlen = text ? strlen(text) : 0;
	int text_value = utf8_valid(value, len);
	int rc = -1;

	if (text == NULL || tlen < 2 || text[tlen - 1] != '}') {
		errno = ENOMEM;
		goto out;
	}
	if (fwrite(text, 1, tlen - 1, out) != tlen - 1 ||
	    fputs(tlen > 2 ? "," : "", out) < 0 ||
	    fputs(text_value ? "\"value\":" : "\"value_base64\":", out) < 0)
		goto out;
	if (text_value ? jsonfmt_write_string(out, value, len)
		       : write_base64(out, value, len))
		goto out;
	rc = fputs("}\n", out) < 0 ? -1 : 0;
out:
	free(text);
	return rc;
}

int export_line_key(FILE *out, const char *table, const char *key,
		    const void *value, size_t len,
		    const struct flockd_timespec *mtime)
{
	char when[EXPORT_TIME_LEN];
	json_t *head = versioned_object();
	int bad = head == NULL || jsonfmt_set_name(head, "table", table) ||
		  jsonfmt_set_name(head, "key", key) ||
		  json_object_set_new(head, "size",
				      json_integer((json_int_t)len));
	if (!bad && mtime != NULL) {
		export_format_time(mtime, when, sizeof when);
		bad = json_object_set_new(head, "mtime", json_string(when));
	}
	int rc = -1;
	if (bad)
		errno = ENOMEM;
	else
		rc = write_line(out, head, value, len);
	json_decref(head);
	return rc;
}

int export_line_table(FILE *out, const char *table)
{
	json_t *obj = versioned_object();
	int rc = -1;

	if (obj == NULL || jsonfmt_set_name(obj, "table", table) != 0)
		errno = ENOMEM;
	else if (jsonfmt_dumpf(obj, out) == 0 && fputc('\n', out) != EOF)
		rc = 0;
	json_decref(obj);
	return rc;
}
