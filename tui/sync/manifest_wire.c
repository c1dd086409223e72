/* SPDX-License-Identifier: MIT */
/* manifest_wire.c - manifest records as NUL-terminated fields. */
#include "sync/manifest_wire.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void manifest_wire_fields(const struct manifest_entry *e,
			  void (*format_time)(const struct flockd_timespec *ts,
					      char *buf, size_t size),
			  struct manifest_wire_words *w)
{
	strcpy(w->size, "-");
	strcpy(w->mtime, "-");
	strcpy(w->mode, "-");
	strcpy(w->hash, "-");
	w->error = manifest_error_name(e->err);
	if (e->have_stat) {
		if (e->kind != FLOCKD_ENTRY_TABLE)
			snprintf(w->size, sizeof w->size, "%" PRIu64,
				 e->st.size);
		format_time(&e->st.mtime, w->mtime, sizeof w->mtime);
		snprintf(w->mode, sizeof w->mode, "%o", (unsigned)e->st.mode);
	}
	if (e->have_hash)
		vhash_hex(&e->hash, w->hash);
}

static const struct {
	int err;
	const char *word;
} store_words[] = {
	{FLOCKD_ETIMEOUT, "timeout"},      {FLOCKD_ENOTFOUND, "not-found"},
	{FLOCKD_ENOTREG, "not-regular"},   {FLOCKD_EINVALID, "invalid"},
	{FLOCKD_EEXIST, "exists"},         {FLOCKD_ECONFLICT, "conflict"},
	{FLOCKD_EREADONLY, "read-only"},   {FLOCKD_ELOCKLOST, "lock-lost"},
};

#define N_STORE_WORDS (sizeof store_words / sizeof store_words[0])

const char *manifest_error_name(int err)
{
	if (err == 0)
		return "-";
	for (size_t i = 0; i < N_STORE_WORDS; i++)
		if (store_words[i].err == err)
			return store_words[i].word;
	const char *name = err > 0 ? strerrorname_np(err) : NULL;
	return name != NULL ? name : "error";
}

int manifest_error_parse(const char *word)
{
	if (strcmp(word, "-") == 0)
		return 0;
	for (size_t i = 0; i < N_STORE_WORDS; i++)
		if (strcmp(store_words[i].word, word) == 0)
			return store_words[i].err;
	for (int e = 1; e < 4096; e++) {
		const char *name = strerrorname_np(e);
		if (name != NULL && strcmp(name, word) == 0)
			return e;
	}
	return EIO;
}

int manifest_kind_parse(const char *word, enum flockd_entry_kind *kind)
{
	for (int k = 0; k < FLOCKD_ENTRY_KIND_COUNT; k++)
		if (strcmp(flockd_entry_kind_name((enum flockd_entry_kind)k),
			   word) == 0) {
			*kind = (enum flockd_entry_kind)k;
			return 0;
		}
	return EINVAL;
}

/* n decimal digits at s as a number, or -1. */
static long digits(const char *s, int n)
{
	long v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int manifest_time_parse(const char *s, size_t len,
			struct flockd_timespec *out)
{
	/* YYYY-MM-DDTHH:MM:SS[.fffffffff]Z */
	if (len < 20 || s[len - 1] != 'Z' || s[4] != '-' || s[7] != '-' ||
	    s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return EINVAL;
	long y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
	long h = digits(s + 11, 2), mi = digits(s + 14, 2);
	long sec = digits(s + 17, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 ||
	    h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60)
		return EINVAL;
	long nsec = 0;
	size_t frac = len - 20;
	if (frac > 0) {
		if (s[19] != '.' || frac < 2 || frac > 10)
			return EINVAL;
		long f = digits(s + 20, (int)(frac - 1));
		if (f < 0)
			return EINVAL;
		nsec = f;
		for (size_t i = frac - 1; i < 9; i++)
			nsec *= 10;
	}
	struct tm tm = {0};
	tm.tm_year = (int)(y - 1900);
	tm.tm_mon = (int)(mo - 1);
	tm.tm_mday = (int)d;
	tm.tm_hour = (int)h;
	tm.tm_min = (int)mi;
	tm.tm_sec = (int)sec;
	time_t t = timegm(&tm);
	if (t == (time_t)-1 && !(y == 1969 && mo == 12 && d == 31))
		return EINVAL;
	out->tv_sec = (int64_t)t;
	out->tv_nsec = nsec;
	return 0;
}

static int parse_u64(const char *s, size_t len, uint64_t *out)
{
	if (len == 0 || len > 20)
		return EINVAL;
	uint64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return EINVAL;
		uint64_t next = v * 10 + (uint64_t)(s[i] - '0');
		if (next / 10 != v)
			return EINVAL;
		v = next;
	}
	*out = v;
	return 0;
}

static int parse_mode(const char *s, size_t len, mode_t *out)
{
	if (len == 0 || len > 7)
		return EINVAL;
	unsigned v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '7')
			return EINVAL;
		v = v * 8 + (unsigned)(s[i] - '0');
	}
	*out = (mode_t)v;
	return 0;
}

static int is_dash(const char *s, size_t len)
{
	return len == 1 && s[0] == '-';
}

/* SIZE MTIME MODE: all present, or all "-". */
static int parse_facts(char **f, const size_t *l, struct manifest_entry *e)
{
	if (is_dash(f[4], l[4]) && is_dash(f[5], l[5]))
		return is_dash(f[3], l[3]) ? 0 : EPROTO;
	if (manifest_time_parse(f[4], l[4], &e->st.mtime) != 0 ||
	    parse_mode(f[5], l[5], &e->st.mode) != 0)
		return EPROTO;
	if (!is_dash(f[3], l[3]) && parse_u64(f[3], l[3], &e->st.size) != 0)
		return EPROTO;
	e->have_stat = 1;
	return 0;
}

int manifest_wire_entry(char **f, const size_t *l, struct manifest_entry *e)
{
	memset(e, 0, sizeof *e);
	e->table = f[0];
	e->name = f[2];
	if (manifest_kind_parse(f[1], &e->kind) != 0 ||
	    memchr(f[2], '/', l[2]) != NULL ||
	    (e->kind == FLOCKD_ENTRY_TABLE) != (l[2] == 0) ||
	    flockd_table_name_valid(f[0]) != FLOCKD_OK)
		return EPROTO;
	if (e->kind != FLOCKD_ENTRY_TABLE && e->kind != FLOCKD_ENTRY_KEY) {
		flockd_classify(f[2], l[2], &e->key_off, &e->key_len);
		if (e->kind == FLOCKD_ENTRY_OTHER)
			e->key_len = 0;
	}
	if (parse_facts(f, l, e) != 0)
		return EPROTO;
	if (!is_dash(f[6], l[6])) {
		if (vhash_parse(f[6], l[6], &e->hash) != 0)
			return EPROTO;
		e->have_hash = 1;
	}
	e->err = manifest_error_parse(f[7]);
	if (e->err != 0)
		e->step = "read";
	return 0;
}

struct wire_reader {
	int fd;
	char *buf;
	size_t len, cap, pos; /* bytes buf[pos..len) not yet given */
	int eof;
};

int wire_reader_new(int fd, struct wire_reader **out)
{
	struct wire_reader *r = calloc(1, sizeof *r);
	if (r == NULL)
		return ENOMEM;
	r->cap = 256 * 1024;
	r->buf = malloc(r->cap);
	if (r->buf == NULL) {
		free(r);
		return ENOMEM;
	}
	r->fd = fd;
	*out = r;
	return 0;
}

void wire_reader_free(struct wire_reader *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r);
}

/* Read more, after moving what is left to the front. */
static int fill(struct wire_reader *r)
{
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->len == r->cap)
		return EPROTO; /* one record larger than the buffer */
	for (;;) {
		ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0)
			r->eof = 1;
		r->len += (size_t)n;
		return 0;
	}
}

int wire_reader_record(struct wire_reader *r, size_t n, char **fields,
		       size_t *lens)
{
	size_t scan = r->pos, i = 0;
	while (i < n) {
		char *nul = memchr(r->buf + scan, '\0', r->len - scan);
		if (nul != NULL) {
			fields[i] = r->buf + scan;
			lens[i] = (size_t)(nul - (r->buf + scan));
			if (lens[i] > WIRE_FIELD_MAX)
				return EPROTO;
			scan = (size_t)(nul - r->buf) + 1;
			i++;
			continue;
		}
		if (r->eof)
			return i == 0 && r->len == r->pos ? MANIFEST_END
							  : EPROTO;
		int err = fill(r);
		if (err != 0)
			return err;
		/* the buffer moved: find this record's fields again */
		i = 0;
		scan = r->pos;
	}
	r->pos = scan;
	return 0;
}
