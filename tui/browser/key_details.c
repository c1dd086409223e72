/* SPDX-License-Identifier: MIT */
/*
 * key_details.c - the details popup's lines (key_details.h).
 */
#include "browser/key_details.h"

#include "browser/fmt.h"
#include "browser/table_list.h"
#include "browser/table_loader.h"
#include "common/duration.h"
#include "common/textsafe.h"
#include "inspect/lock_holders.h"
#include "inspect/proc_info.h"

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

struct builder {
	struct key_details *d;
	int width;
	int err;
};

static void add(struct builder *b, enum details_style style,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void add(struct builder *b, enum details_style style,
		const char *fmt, ...)
{
	struct key_details *d = b->d;
	if (b->err != 0)
		return;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		struct details_line *v = realloc(d->v, cap * sizeof *v);
		if (v == NULL) {
			b->err = ENOMEM;
			return;
		}
		d->v = v;
		d->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	char *text = NULL;
	int n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->err = ENOMEM;
		return;
	}
	d->v[d->n++] = (struct details_line){text, style};
}

/* A name escaped on as many lines as it needs, after `label`: cut
 * between characters (raw bytes at UTF-8 boundaries), never inside an
 * escape. */
static void add_name(struct builder *b, const char *label, const char *name,
		     size_t len)
{
	unsigned loc = textsafe_locale();
	int room = b->width - DETAILS_LABEL;
	if (room < 8)
		room = 8;
	size_t at = 0;
	do {
		/* the longest run of whole characters that fits */
		size_t end = at, next = at;
		while (next < len) {
			next++;
			while (next < len &&
			       ((unsigned char)name[next] & 0xc0) == 0x80)
				next++;
			if (textsafe_width(name + at, next - at, loc, room) >
			    room)
				break;
			end = next;
		}
		if (end == at)
			end = next; /* one character wider than the room */
		char *piece = textsafe_name_dup(name + at, end - at, loc);
		if (piece == NULL) {
			b->err = ENOMEM;
			return;
		}
		add(b, DETAILS_PLAIN, "%-*s%s", DETAILS_LABEL,
		    at == 0 ? label : "", piece);
		free(piece);
		at = end;
	} while (at < len);
}

static void mode_text(mode_t m, char *buf)
{
	static const char rwx[] = "rwxrwxrwx";
	buf[0] = S_ISREG(m) ? '-' : S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l'
		 : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : S_ISCHR(m) ? 'c'
		 : S_ISBLK(m) ? 'b' : '?';
	for (int i = 0; i < 9; i++)
		buf[1 + i] = (m & (0400u >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		buf[3] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		buf[6] = (m & S_IXGRP) ? 's' : 'S';
	if (m & S_ISVTX)
		buf[9] = (m & S_IXOTH) ? 't' : 'T';
	buf[10] = '\0';
}

static const char *type_text(mode_t m)
{
	return S_ISREG(m) ? "regular file" : S_ISDIR(m) ? "directory"
	       : S_ISLNK(m) ? "symbolic link" : S_ISFIFO(m) ? "FIFO"
	       : S_ISSOCK(m) ? "socket" : "device";
}

/* "alice (1000)": a user's or group's name, escaped, and number. */
static void owner_text(uid_t uid, gid_t gid, char *buf, size_t size)
{
	char pwbuf[4096], u[200] = "?", g[200] = "?";
	struct passwd pw, *pr = NULL;
	struct group gr, *gp = NULL;
	if (getpwuid_r(uid, &pw, pwbuf, sizeof pwbuf, &pr) == 0 && pr)
		textsafe_name_buf(u, sizeof u, pr->pw_name,
				  strlen(pr->pw_name), textsafe_locale());
	if (getgrgid_r(gid, &gr, pwbuf, sizeof pwbuf, &gp) == 0 && gp)
		textsafe_name_buf(g, sizeof g, gp->gr_name,
				  strlen(gp->gr_name), textsafe_locale());
	snprintf(buf, size, "%s (%lu), group %s (%lu)", u,
		 (unsigned long)uid, g, (unsigned long)gid);
}

/* Size, time, mode, owner, inode of the stat'ed file. */
static void add_facts(struct builder *b, const struct flockd_stat *st)
{
	char size[32], when[64], zone[16], age[16], mode[12], owner[500];
	struct tm tm;
	time_t t = (time_t)st->mtime.tv_sec;
	fmt_count(st->size, size, sizeof size);
	add(b, DETAILS_PLAIN, "%-*s%s byte%s", DETAILS_LABEL, "Size", size,
	    st->size == 1 ? "" : "s");
	if (localtime_r(&t, &tm) != NULL &&
	    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm) > 0 &&
	    strftime(zone, sizeof zone, "%z", &tm) > 0) {
		fmt_age(t, time(NULL), age, sizeof age);
		add(b, DETAILS_PLAIN, "%-*s%s.%09ld %s (%s)", DETAILS_LABEL,
		    "Modified", when, st->mtime.tv_nsec, zone, age);
	}
	mode_text(st->mode, mode);
	add(b, DETAILS_PLAIN, "%-*s%s (%04o), %s", DETAILS_LABEL, "Mode", mode,
	    (unsigned)(st->mode & 07777), type_text(st->mode));
	owner_text(st->uid, st->gid, owner, sizeof owner);
	add(b, DETAILS_PLAIN, "%-*s%s", DETAILS_LABEL, "Owner", owner);
	add(b, DETAILS_PLAIN, "%-*s%llu on device %u:%u, %lu link%s",
	    DETAILS_LABEL, "Inode", (unsigned long long)st->ino,
	    major(st->dev), minor(st->dev), (unsigned long)st->nlink,
	    st->nlink == 1 ? "" : "s");
}

/* What the classifier says, and what the file's facts say. */
static void add_kind(struct builder *b, const char *name, size_t len,
		     int is_entry, const struct flockd_stat *st)
{
	char what[600], shown[700];
	if (!is_entry) {
		add(b, DETAILS_PLAIN, "%-*skey", DETAILS_LABEL, "Kind");
	} else {
		struct flockd_name_info info;
		enum flockd_entry_kind k = flockd_classify_name(name, len,
								&info);
		table_row_describe(name, len, 1, what, sizeof what);
		textsafe_name_buf(shown, sizeof shown, what, strlen(what),
				  textsafe_locale());
		add(b, DETAILS_WARN, "%-*s%s (not a key)", DETAILS_LABEL,
		    "Kind", flockd_entry_kind_text(k));
		add(b, DETAILS_PLAIN, "%-*s%s", DETAILS_LABEL, "", shown);
	}
	if (st != NULL && !is_entry && flockd_stat_suspect(st))
		add(b, DETAILS_WARN, "%-*ssuspect: its time is the epoch, as an "
		    "interrupted rsync --partial leaves a torn value",
		    DETAILS_LABEL, "Value");
}

/* The lock holders of the file, from /proc/locks. */
static void add_locks(struct builder *b, flockd_table *t, const char *file,
		      const struct flockd_stat *st, const char *locks_path,
		      const char *proc_root)
{
	struct proc_locks locks;
	struct lock_holders h = {0};
	add(b, DETAILS_HEADING, "Locks (processes on this machine only)");
	int err = proc_locks_load(locks_path, &locks);
	if (err == 0) {
		err = lock_holders_of_file(t, file, (uint64_t)st->ino, &locks,
					   proc_root, &h);
		proc_locks_free(&locks);
	}
	if (err != 0)
		add(b, DETAILS_PLAIN, "%-*scannot tell: %s", DETAILS_LABEL, "",
		    err == ENOENT ? "no /proc/locks here" : strerror(err));
	else if (h.n == 0)
		add(b, DETAILS_PLAIN, "%-*snone held", DETAILS_LABEL, "");
	for (size_t i = 0; i < h.n; i++) {
		const struct lock_holder *x = &h.v[i];
		char age[32] = "?";
		long long s = x->have_start ? proc_age_s(proc_root,
							 x->start_ticks) : -1;
		if (s >= 0)
			duration_format(s > LONG_MAX / 1000 ? LONG_MAX
							    : (long)s * 1000,
					age, sizeof age);
		char *cmd = textsafe_name_str(x->cmdline && x->cmdline[0]
					      ? x->cmdline
					      : x->comm[0] ? x->comm : "?");
		add(b, DETAILS_WARN, "%-*s%s %s by pid %ld (%s), running %s: %s",
		    DETAILS_LABEL, "", proc_lock_mode_name(x->lock.access),
		    x->lock.blocked ? "waited for" : "held", x->lock.pid,
		    proc_lock_class_name(x->lock.cls), age, cmd ? cmd : "?");
		free(cmd);
	}
	lock_holders_free(&h);
}

struct copies {
	struct builder *b;
	flockd_table *t;
	const char *key;
	size_t key_len;
	size_t n;
};

/* A file of the table: one of the key's conflict copies or backups? */
static int add_copy(const char *name, size_t len, void *ctx)
{
	struct copies *c = ctx;
	struct flockd_name_info info;
	enum flockd_entry_kind k = flockd_classify_name(name, len, &info);
	enum flockd_entry_class cls = flockd_entry_class_of(k);
	if ((cls != FLOCKD_CLASS_CONFLICT && cls != FLOCKD_CLASS_BACKUP) ||
	    info.key_len != c->key_len ||
	    memcmp(name + info.key_off, c->key, c->key_len) != 0)
		return 0;
	if (c->n++ == 0)
		add(c->b, DETAILS_HEADING, "Conflict copies and backups");
	char size[16] = "?", file[NAME_MAX + 1];
	struct flockd_stat st;
	snprintf(file, sizeof file, "%.*s", (int)len, name);
	if (flockd_entry_stat(c->t, file, &st) == 0)
		fmt_size(st.size, size, sizeof size);
	add_name(c->b, "", name, len);
	add(c->b, DETAILS_PLAIN, "%-*s  %s, %s", DETAILS_LABEL, "",
	    flockd_entry_kind_text(k), size);
	return c->b->err;
}

int key_details_build(flockd_table *table, const struct key_list *kl,
		      const char *name, size_t len, int is_entry,
		      const char *locks_path, const char *proc_root,
		      int width, struct key_details *out)
{
	struct builder b = {out, width, 0};
	char file[NAME_MAX + 8], key[NAME_MAX + 1];
	struct flockd_stat st;
	memset(out, 0, sizeof *out);
	if (len > NAME_MAX)
		return EINVAL;
	snprintf(key, sizeof key, "%.*s", (int)len, name);
	snprintf(file, sizeof file, "%s%s", key, is_entry ? "" : ".kv");
	add_name(&b, is_entry ? "File" : "Key", name, len);
	const char *tn = table_list_display(flockd_table_name(table));
	add_name(&b, "Table", tn, strlen(tn));
	int err = is_entry ? flockd_entry_stat(table, file, &st)
			   : flockd_key_stat(table, key, &st);
	add_kind(&b, name, len, is_entry, err == 0 ? &st : NULL);
	if (err != 0) {
		add(&b, DETAILS_WARN, "%-*scannot stat: %s", DETAILS_LABEL, "",
		    flockd_strerror(err));
	} else {
		add_facts(&b, &st);
		add_locks(&b, table, file, &st, locks_path, proc_root);
	}
	if (!is_entry && kl != NULL) {
		struct copies c = {&b, table, name, len, 0};
		key_list_files(kl, add_copy, &c);
		if (c.n == 0 && b.err == 0)
			add(&b, DETAILS_PLAIN, "No conflict copy or backup of "
			    "this key in the table.");
	}
	if (b.err != 0)
		key_details_free(out);
	return b.err;
}

void key_details_free(struct key_details *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* One side's size and time, or that it has none. */
static void add_side(struct builder *b, const char *label,
		     const struct cmp_key *k, int i)
{
	char size[32], when[64];
	struct tm tm;
	time_t t = (time_t)k->mtime[i].tv_sec;
	int present = k->status == CMP_SAME || k->status == CMP_DIFFERS ||
		      (k->status == CMP_ONLY_HERE && i == 0) ||
		      (k->status == CMP_ONLY_THERE && i == 1);
	if (!present) {
		add(b, DETAILS_PLAIN, "%-*s(no such key)", DETAILS_LABEL, label);
		return;
	}
	if (!(k->have & (1u << i)) || localtime_r(&t, &tm) == NULL ||
	    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm) == 0) {
		add(b, DETAILS_PLAIN, "%-*s(facts unknown)", DETAILS_LABEL,
		    label);
		return;
	}
	fmt_count(k->size[i], size, sizeof size);
	add(b, DETAILS_PLAIN, "%-*s%s B, modified %s.%09ld", DETAILS_LABEL,
	    label, size, when, k->mtime[i].tv_nsec);
}

int key_details_add_compare(struct key_details *d, const struct cmp_key *k)
{
	struct builder b = {d, 0, 0};
	static const char *const words[CMP_COUNT] = {
		"same", "only here", "only there", "differs", "not compared",
	};
	const char *reason = rc_reason_name((enum rc_reason)k->reason);
	add(&b, DETAILS_HEADING, "Compared with the other database");
	add(&b, k->rc == RC_SUSPECT ? DETAILS_WARN : DETAILS_PLAIN,
	    "%-*s%s%s%s%s", DETAILS_LABEL, "Status", words[k->status],
	    k->rc == RC_SUSPECT ? ", suspect (a torn copy?)" : "",
	    *reason ? ": " : "", reason);
	add_side(&b, "Here", k, 0);
	add_side(&b, "There", k, 1);
	if (k->have == 3) {
		int64_t dt = k->mtime[0].tv_sec - k->mtime[1].tv_sec;
		if (dt == 0)
			dt = (int64_t)k->mtime[0].tv_nsec - k->mtime[1].tv_nsec;
		add(&b, DETAILS_PLAIN, "%-*s%s", DETAILS_LABEL, "Newer",
		    dt > 0 ? "here" : dt < 0 ? "there" : "neither (the same time)");
	}
	return b.err;
}
