/*
 * table_loader.c - listing a table's directory into the key list in slices.
 */
#include "browser/table_loader.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#define LOADER_BATCH 1024

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

	out->marks = 0;
	switch (kind) {
	case FLOCKD_ENTRY_KEY:
		if (dtype == DT_DIR) {
			/* "x.kv/" is not a key: show the odd entry as is. */
			out->name = name;
			out->len = len;
			out->is_entry = 1;
			out->marks = KL_MARK_NOTREG;
			return 1;
		}
		out->name = name + off;
		out->len = klen;
		out->is_entry = 0;
		if (flockd_conflict_of(out->name, out->len) > 0)
			out->marks |= KL_MARK_CONFLICT;
		if (dtype != DT_REG && dtype != DT_UNKNOWN)
			out->marks |= KL_MARK_NOTREG;
		return klen > 0;
	case FLOCKD_ENTRY_TEMP:
	case FLOCKD_ENTRY_RSYNC_TEMP:
	case FLOCKD_ENTRY_RSYNC_DIR:
	case FLOCKD_ENTRY_SYNCTHING_TEMP:
	case FLOCKD_ENTRY_UNISON_TEMP:
		out->name = name;
		out->len = len;
		out->is_entry = 1;
		out->marks = KL_MARK_TEMP;
		return 1;
	case FLOCKD_ENTRY_TABLE:
	case FLOCKD_ENTRY_OTHER:
		break;
	}
	return 0;
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
	 * a good part of it, so a listing costs O(n log n), not O(n^2). */
	if (tl->done || err != 0 || key_list_count(kl) == 0 ||
	    key_list_pending(kl) * 2 >= key_list_count(kl)) {
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
