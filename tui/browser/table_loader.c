/* SPDX-License-Identifier: MIT */
/*
 * table_loader.c - listing a table's directory into the key list in slices.
 */
#include "browser/table_loader.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#define LOADER_BATCH 1024
#define LOADER_COMMIT_MAX 12288 /* entries queued before a commit, at most */

struct table_loader {
	flockd_scan *scan;
	uint64_t seen;
	int done;
	struct flockd_scan_entry buf[LOADER_BATCH];
};

int table_row_classify(const char *name, size_t len, unsigned char dtype,
		       struct table_row_spec *out)
{
	size_t off = 0, klen = 0;
	enum flockd_entry_kind kind = flockd_classify(name, len, &off, &klen);

	/* everything but a key shows as its file name */
	out->name = name;
	out->len = len;
	out->is_entry = 1;
	out->marks = 0;
	switch (flockd_entry_class_of(kind)) {
	case FLOCKD_CLASS_KEY:
		if (dtype == DT_DIR) { /* "x.kv/" is not a key */
			out->marks = KL_MARK_NOTREG;
			return 1;
		}
		out->name = name + off;
		out->len = klen;
		out->is_entry = 0;
		if (dtype != DT_REG && dtype != DT_UNKNOWN)
			out->marks |= KL_MARK_NOTREG;
		return 1;
	case FLOCKD_CLASS_TEMP:
		out->marks = KL_MARK_TEMP;
		return 1;
	case FLOCKD_CLASS_CONFLICT:
		out->marks = KL_MARK_CONFLICT;
		return 1;
	case FLOCKD_CLASS_BACKUP:
		out->marks = KL_MARK_BACKUP;
		return 1;
	case FLOCKD_CLASS_TOOL:
		out->marks = KL_MARK_STRAY;
		return 1;
	case FLOCKD_CLASS_OTHER:
		/* a plain directory is where nested tables live */
		if (dtype == DT_DIR)
			return 0;
		out->marks = KL_MARK_STRAY;
		return 1;
	case FLOCKD_CLASS_TABLE:
		break;
	}
	return 0;
}

/* Text appended to a caller's buffer, snprintf-style: len counts what
 * was wanted even past the end. */
struct text_buf {
	char *p;
	size_t size, len;
};

static void tb_add(struct text_buf *b, const char *fmt, ...)
{
	size_t room = b->len < b->size ? b->size - b->len : 0;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(room ? b->p + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n;
}

int table_row_describe(const char *name, size_t len, int is_entry,
		       char *buf, size_t size)
{
	struct text_buf b = {buf, size, 0};
	struct flockd_name_info in;
	if (size > 0)
		buf[0] = '\0';
	if (!is_entry) {
		tb_add(&b, "key");
		return (int)b.len;
	}
	enum flockd_entry_kind kind = flockd_classify_name(name, len, &in);
	tb_add(&b, "%s", flockd_entry_kind_name(kind));
	if (in.key_len > 0 && !(in.flags & FLOCKD_NAME_KEY_PARTIAL))
		tb_add(&b, " of %.*s", (int)in.key_len, name + in.key_off);
	if (in.who_len > 0)
		tb_add(&b, ", by %.*s", (int)in.who_len, name + in.who_off);
	if (in.when_len > 0)
		tb_add(&b, ", %.*s", (int)in.when_len, name + in.when_off);
	return (int)b.len;
}

int table_row_stat(void *ctx, const char *name, int is_entry,
		   struct key_list_stat *st)
{
	flockd_table *table = ctx;
	struct flockd_stat fs;
	int err = is_entry ? flockd_entry_stat(table, name, &fs)
			   : flockd_key_stat(table, name, &fs);
	if (err != FLOCKD_OK)
		return err;
	st->size = fs.size;
	st->mtime = (int64_t)fs.mtime.tv_sec;
	st->regular = S_ISREG(fs.mode);
	st->suspect = !is_entry && flockd_stat_suspect(&fs);
	return 0;
}

int table_loader_open(flockd_table *table, struct table_loader **out)
{
	struct table_loader *tl = calloc(1, sizeof *tl);
	int err;

	if (tl == NULL)
		return ENOMEM;
	err = flockd_scan_open(table, &tl->scan);
	if (err != FLOCKD_OK) {
		free(tl);
		return err;
	}
	*out = tl;
	return 0;
}

int table_loader_step(struct table_loader *tl, struct key_list *kl,
		      size_t max)
{
	size_t total = 0;
	int err = 0;

	while (!tl->done && total < max) {
		size_t n = 0;
		err = flockd_scan_next(tl->scan, tl->buf, LOADER_BATCH, &n);
		if (err != FLOCKD_OK || n == 0) {
			tl->done = 1;
			break;
		}
		tl->seen += n;
		total += n;
		for (size_t i = 0; i < n; i++) {
			const struct flockd_scan_entry *e = &tl->buf[i];
			struct table_row_spec r;
			if (!table_row_classify(e->name, e->name_len, e->d_type,
						&r))
				continue;
			err = key_list_add(kl, r.name, r.len, r.is_entry,
					   e->d_type, r.marks);
			if (err == EINVAL)
				err = 0; /* an over-long name: skip it */
			if (err != 0) {
				tl->done = 1;
				break;
			}
		}
	}
	/* Each commit costs a pass over the list: commit when the batch is
	 * a good part of it, so a listing costs little more than O(n log
	 * n); but never a batch so big that sorting it makes a keystroke
	 * wait (a batch of LOADER_COMMIT_MAX sorts in a few ms). */
	if (tl->done || err != 0 || key_list_count(kl) == 0 ||
	    key_list_pending(kl) * 2 >= key_list_count(kl) ||
	    key_list_pending(kl) >= LOADER_COMMIT_MAX) {
		int cerr = key_list_commit(kl);
		if (err == 0)
			err = cerr;
	}
	if (err != 0)
		return err;
	if (tl->done)
		key_list_shrink(kl);
	return tl->done ? 1 : 0;
}

uint64_t table_loader_seen(const struct table_loader *tl)
{
	return tl->seen;
}

void table_loader_close(struct table_loader *tl)
{
	if (tl == NULL)
		return;
	flockd_scan_close(tl->scan);
	free(tl);
}
