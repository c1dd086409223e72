/* SPDX-License-Identifier: MIT */
/*
 * leftovers.c - finding what writers and sync tools left in table
 * directories: every entry through the store's classifier, every temp
 * file and placeholder through the cleaning rule.
 */
#include "inspect/leftovers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void leftover_opts_init(struct leftover_opts *o,
			const struct proc_locks *locks)
{
	o->locks = locks;
	clock_gettime(CLOCK_REALTIME, &o->now);
	o->stale_ms = CLEAN_DEFAULT_STALE_MS;
}

static const char *skip_name(enum flockd_skip_reason why)
{
	switch (why) {
	case FLOCKD_SKIP_COPIES:
		return "table-copies";
	case FLOCKD_SKIP_BAD_NAME:
		return "bad-table-name";
	case FLOCKD_SKIP_TOO_DEEP:
		return "too-deep";
	case FLOCKD_SKIP_UNREADABLE:
		break;
	}
	return "unreadable";
}

const char *leftover_kind_name(const struct leftover *f)
{
	switch (f->kind) {
	case LEFTOVER_FILE:
		return flockd_entry_kind_name(f->entry);
	case LEFTOVER_EMPTY_VALUE:
		return "empty-value";
	case LEFTOVER_SUSPECT_VALUE:
		return "suspect-value";
	case LEFTOVER_PLACEHOLDER:
		return f->verdict == CLEAN_REMOVABLE ? "abandoned-placeholder"
						     : "placeholder";
	case LEFTOVER_NOT_REGULAR:
		return "not-regular";
	case LEFTOVER_TABLE_NOT_DIR:
		return "table-not-dir";
	case LEFTOVER_UNREADABLE:
		return "unreadable";
	case LEFTOVER_SKIPPED_DIR:
		return skip_name(f->skip);
	}
	return "other";
}

const char *leftover_kind_text(const struct leftover *f)
{
	switch (f->kind) {
	case LEFTOVER_FILE:
		return flockd_entry_kind_text(f->entry);
	case LEFTOVER_EMPTY_VALUE:
		return "empty value";
	case LEFTOVER_SUSPECT_VALUE:
		return "suspect value (mtime at the epoch)";
	case LEFTOVER_PLACEHOLDER:
		return f->verdict == CLEAN_REMOVABLE
			       ? "abandoned placeholder of a create"
			       : "placeholder of a create in progress";
	case LEFTOVER_NOT_REGULAR:
		return "named like a key, not a regular file";
	case LEFTOVER_TABLE_NOT_DIR:
		return "named like a table, not a directory";
	case LEFTOVER_UNREADABLE:
		return "cannot be read by this user";
	case LEFTOVER_SKIPPED_DIR:
		switch (f->skip) {
		case FLOCKD_SKIP_COPIES:
			return "hidden directory holding copies of tables";
		case FLOCKD_SKIP_BAD_NAME:
			return "table directory whose name cannot be opened";
		case FLOCKD_SKIP_TOO_DEEP:
			return "directory nested too deep to be searched";
		case FLOCKD_SKIP_UNREADABLE:
			break;
		}
		return "directory that cannot be read";
	}
	return "other";
}

/* "of KEY (key missing), by WHO, WHEN" for files of a key. */
static void key_status(const struct leftover *f, const char *what, char *buf,
		       size_t size)
{
	int n = snprintf(buf, size, "%s of %s%s%s", what, f->key,
			 f->key_partial ? "..." : "",
			 f->key_exists || f->key_partial ? "" : " (key missing)");
	if (n >= 0 && (size_t)n < size && f->who != NULL)
		n += snprintf(buf + n, size - (size_t)n, ", by %s", f->who);
	if (n >= 0 && (size_t)n < size && f->when != NULL)
		n += snprintf(buf + n, size - (size_t)n, ", %s", f->when);
	if (n >= 0 && (size_t)n < size && f->seq > 0)
		snprintf(buf + n, size - (size_t)n, ", #%lu", f->seq);
}

static void file_status(const struct leftover *f, char *buf, size_t size)
{
	switch (flockd_entry_class_of(f->entry)) {
	case FLOCKD_CLASS_CONFLICT:
		key_status(f, "conflict copy", buf, size);
		return;
	case FLOCKD_CLASS_BACKUP:
		key_status(f, "backup", buf, size);
		return;
	default:
		break;
	}
	switch (f->entry) {
	case FLOCKD_ENTRY_RSYNC_DIR:
		snprintf(buf, size, "rsync's partial files; remove it once no "
			 "rsync runs");
		return;
	case FLOCKD_ENTRY_NFS_SILLY:
		snprintf(buf, size, "a deleted file still open on an NFS "
			 "client; vanishes when closed");
		return;
	default:
		snprintf(buf, size, "not ours: left alone");
		return;
	}
}

void leftover_status(const struct leftover *f, const struct leftover_opts *o,
		     char *buf, size_t size)
{
	if (f->cleanable) {
		char why[160];
		clean_rule_why(f->verdict, &f->facts, o->now, o->stale_ms, why,
			       sizeof why);
		if (f->key != NULL && f->kind == LEFTOVER_FILE)
			snprintf(buf, size, "of key %s%s; %s", f->key,
				 f->key_partial ? "..." : "", why);
		else
			snprintf(buf, size, "%s", why);
		return;
	}
	switch (f->kind) {
	case LEFTOVER_FILE:
		file_status(f, buf, size);
		return;
	case LEFTOVER_SUSPECT_VALUE:
		snprintf(buf, size, "an interrupted rsync --partial may have "
			 "torn it: compare with a replica");
		return;
	case LEFTOVER_SKIPPED_DIR:
		if (f->skip == FLOCKD_SKIP_COPIES)
			snprintf(buf, size, "not part of the database (rsync "
				 "--backup-dir, .stversions, a snapshot?)");
		else if (f->skip == FLOCKD_SKIP_BAD_NAME)
			snprintf(buf, size, "its table name is not valid: "
				 "rename the directory to open it");
		else if (f->skip == FLOCKD_SKIP_TOO_DEEP)
			snprintf(buf, size, "deeper than %d levels: tables "
				 "below it are not listed",
				 FLOCKD_TABLES_MAX_DEPTH);
		else
			snprintf(buf, size, "tables below it are not listed: "
				 "%s", flockd_strerror(f->err));
		return;
	default:
		snprintf(buf, size, "%s", leftover_kind_text(f));
		return;
	}
}

static int add_trouble(struct leftover_report *r, const char *table,
		       const char *step, int err)
{
	if (r->ntroubles == r->troubles_cap) {
		size_t cap = r->troubles_cap ? r->troubles_cap * 2 : 4;
		struct leftover_trouble *v =
			realloc(r->troubles, cap * sizeof *v);
		if (v == NULL)
			return ENOMEM;
		r->troubles = v;
		r->troubles_cap = cap;
	}
	char *t = strdup(table);
	if (t == NULL)
		return ENOMEM;
	r->troubles[r->ntroubles++] =
		(struct leftover_trouble){.table = t, .step = step, .err = err};
	return 0;
}

static char *join_path(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);
	if (p == NULL)
		return NULL;
	memcpy(p, dir, a);
	size_t o = a;
	if (a > 0 && dir[a - 1] != '/')
		p[o++] = '/';
	memcpy(p + o, name, b + 1);
	return p;
}

static void free_finding(struct leftover *f)
{
	free(f->table);
	free(f->name);
	free(f->path);
	free(f->key);
	free(f->who);
	free(f->when);
}

/* A span of a name as a string, or NULL for an empty span. */
static int dup_span(char **out, const char *s, size_t off, size_t len)
{
	*out = len ? strndup(s + off, len) : NULL;
	return len && *out == NULL ? ENOMEM : 0;
}

/* Append a finding; *added points to it. */
static int add_finding(struct leftover_report *r, const char *table,
		       const char *dir, const char *name,
		       enum leftover_kind kind, const struct flockd_stat *st,
		       struct leftover **added)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct leftover *v = realloc(r->v, cap * sizeof *v);
		if (v == NULL)
			return ENOMEM;
		r->v = v;
		r->cap = cap;
	}
	struct leftover *f = &r->v[r->n];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->table = strdup(table);
	f->name = strdup(name);
	f->path = join_path(dir, name);
	if (f->table == NULL || f->name == NULL || f->path == NULL) {
		free_finding(f);
		return ENOMEM;
	}
	if (st != NULL) {
		f->mode = st->mode;
		f->size = st->size;
		f->mtime.tv_sec = (time_t)st->mtime.tv_sec;
		f->mtime.tv_nsec = st->mtime.tv_nsec;
	}
	f->attention = 1;
	r->n++;
	*added = f;
	return 0;
}

/* Is the regular file `name` unreadable by the effective user? Mode bits
 * that let everyone read settle it without a system call. */
static int unreadable(int dirfd, const char *name, mode_t mode, int dir)
{
	mode_t all = dir ? (S_IROTH | S_IXOTH) : S_IROTH;
	if ((mode & all) == all)
		return 0;
	return faccessat(dirfd, name, dir ? R_OK | X_OK : R_OK,
			 AT_EACCESS) != 0 && errno == EACCES;
}

static int is_type(const struct flockd_stat *st, mode_t fmt)
{
	return (st->mode & S_IFMT) == fmt;
}

/* Is the key file `name` the placeholder of a create on a file system
 * without hard links (store protocol section 4)? The store decides, as it
 * does for its reads and writes (flockd_entry_placeholder); only an empty
 * file can be one, so the others cost no second look. Whether it may be
 * removed is the cleaning rule's verdict, as for temp files. */
static int is_placeholder(flockd_table *t, const char *name,
			  const struct flockd_stat *st,
			  const struct leftover_opts *o)
{
	enum flockd_placeholder state;
	long stale_s = o->stale_ms > 0 ? (o->stale_ms + 999) / 1000 : 0;
	return st->size == 0 &&
	       flockd_entry_placeholder(t, name, stale_s, &state) == 0 &&
	       state != FLOCKD_PLACEHOLDER_NONE;
}

/* A key's own file: odd, unreadable, a placeholder, empty or suspect. */
static int check_key(struct leftover_report *r, flockd_table *t,
		     const char *name, const struct flockd_stat *st,
		     const struct leftover_opts *o)
{
	int dirfd = flockd_table_dirfd(t);
	enum leftover_kind kind;
	if (!is_type(st, S_IFREG))
		kind = LEFTOVER_NOT_REGULAR;
	else if (is_placeholder(t, name, st, o))
		kind = LEFTOVER_PLACEHOLDER;
	else if (unreadable(dirfd, name, st->mode, 0))
		kind = LEFTOVER_UNREADABLE;
	else if (st->size == 0)
		kind = LEFTOVER_EMPTY_VALUE;
	else if (flockd_stat_suspect(st))
		kind = LEFTOVER_SUSPECT_VALUE;
	else
		return 0;
	struct leftover *f;
	int err = add_finding(r, flockd_table_name(t), flockd_table_path(t),
			      name, kind, st, &f);
	if (err == 0 && kind == LEFTOVER_PLACEHOLDER) {
		f->cleanable = 1;
		f->facts = (struct clean_facts){
			.mtime = {(time_t)st->mtime.tv_sec, st->mtime.tv_nsec},
			.lock = leftover_probe_lock(dirfd, name, o->locks),
			.key_lock = CLEAN_LOCK_NONE,
			.newest = 1,
		};
	}
	return err;
}

/* A file that belongs to a key (temp, conflict copy, backup) or to
 * nobody (a sync tool's file, other). */
static int check_file(struct leftover_report *r, flockd_table *t,
		      const char *name, const struct flockd_name_info *in,
		      const struct flockd_stat *st)
{
	enum flockd_entry_class cls = flockd_entry_class_of(in->kind);
	if (cls == FLOCKD_CLASS_TEMP && !is_type(st, S_IFREG))
		return 0; /* a directory named like a temp: not a temp */
	if (in->kind == FLOCKD_ENTRY_RSYNC_DIR && !is_type(st, S_IFDIR))
		return 0;
	struct leftover *f;
	int err = add_finding(r, flockd_table_name(t), flockd_table_path(t),
			      name, LEFTOVER_FILE, st, &f);
	if (err != 0)
		return err;
	f->entry = in->kind;
	f->seq = in->seq;
	f->key_partial = (in->flags & FLOCKD_NAME_KEY_PARTIAL) != 0;
	if (dup_span(&f->key, name, in->key_off, in->key_len) ||
	    dup_span(&f->who, name, in->who_off, in->who_len) ||
	    dup_span(&f->when, name, in->when_off, in->when_len))
		return ENOMEM;
	f->cleanable = cls == FLOCKD_CLASS_TEMP;
	f->attention = cls == FLOCKD_CLASS_CONFLICT ||
		       in->kind == FLOCKD_ENTRY_RSYNC_DIR;
	if (f->key != NULL && !f->key_partial) {
		struct flockd_stat kst;
		/* rsync drops a key's leading dot: ".K.kv.X" may be ".K"'s */
		if ((in->flags & FLOCKD_NAME_KEY_DOT) &&
		    flockd_key_stat(t, f->key, &kst) != 0) {
			size_t kl = strlen(f->key);
			char *dotted = malloc(kl + 2);
			if (dotted == NULL)
				return ENOMEM;
			dotted[0] = '.';
			memcpy(dotted + 1, f->key, kl + 1);
			if (flockd_key_stat(t, dotted, &kst) == 0) {
				free(f->key);
				f->key = dotted;
			} else {
				free(dotted);
			}
		}
		f->key_exists = flockd_key_stat(t, f->key, &kst) == 0;
	}
	return 0;
}

/* Examine one entry; 0 or ENOMEM. */
static int check_entry(struct leftover_report *r, flockd_table *t,
		       const struct flockd_scan_entry *e,
		       const struct leftover_opts *o)
{
	struct flockd_name_info in;
	flockd_classify_name(e->name, e->name_len, &in);
	enum flockd_entry_class cls = flockd_entry_class_of(in.kind);
	if (in.kind == FLOCKD_ENTRY_SYNC_META ||
	    (cls == FLOCKD_CLASS_OTHER && e->d_type == DT_DIR))
		return 0; /* a sync tool's marker; where nested tables live */
	struct flockd_stat st;
	if (flockd_entry_stat(t, e->name, &st) != 0)
		return 0; /* vanished since the listing */
	if (cls == FLOCKD_CLASS_KEY)
		return check_key(r, t, e->name, &st, o);
	if (cls == FLOCKD_CLASS_TABLE) {
		enum leftover_kind kind;
		if (!is_type(&st, S_IFDIR))
			kind = LEFTOVER_TABLE_NOT_DIR;
		else if (unreadable(flockd_table_dirfd(t), e->name, st.mode, 1))
			kind = LEFTOVER_UNREADABLE;
		else
			return 0;
		struct leftover *f;
		return add_finding(r, flockd_table_name(t),
				   flockd_table_path(t), e->name, kind, &st,
				   &f);
	}
	if (cls == FLOCKD_CLASS_OTHER && is_type(&st, S_IFDIR))
		return 0;
	return check_file(r, t, e->name, &in, &st);
}

static int cmp_by_name(const void *a, const void *b)
{
	return strcmp(((const struct leftover *)a)->name,
		      ((const struct leftover *)b)->name);
}

/* Temps of one key, newest first. */
struct temp_ref {
	const char *key;
	struct timespec mtime;
	size_t idx;
};

static int cmp_temp(const void *a, const void *b)
{
	const struct temp_ref *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c != 0)
		return c;
	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return x->mtime.tv_sec > y->mtime.tv_sec ? -1 : 1;
	if (x->mtime.tv_nsec != y->mtime.tv_nsec)
		return x->mtime.tv_nsec > y->mtime.tv_nsec ? -1 : 1;
	return 0;
}

/* The rule's facts for the temps of findings [first, n): their own lock,
 * which is the newest of its key, and that key's lock; then verdicts. */
static int judge_temps(struct leftover_report *r, size_t first,
		       flockd_table *t, const struct leftover_opts *o)
{
	int dirfd = flockd_table_dirfd(t);
	struct temp_ref *refs = malloc((r->n - first + 1) * sizeof *refs);
	size_t nrefs = 0;
	if (refs == NULL)
		return ENOMEM;
	for (size_t i = first; i < r->n; i++) {
		struct leftover *f = &r->v[i];
		if (!f->cleanable || f->kind != LEFTOVER_FILE)
			continue;
		f->facts = (struct clean_facts){
			.mtime = f->mtime,
			.lock = leftover_probe_lock(dirfd, f->name, o->locks),
			.key_lock = CLEAN_LOCK_NONE,
		};
		if (f->key != NULL && !f->key_partial)
			refs[nrefs++] = (struct temp_ref){f->key, f->mtime, i};
	}
	qsort(refs, nrefs, sizeof *refs, cmp_temp);
	for (size_t i = 0; i < nrefs; i++) {
		if (i > 0 && !strcmp(refs[i].key, refs[i - 1].key))
			continue;
		struct leftover *f = &r->v[refs[i].idx];
		f->facts.newest = 1;
		if (!f->key_exists)
			continue;
		size_t kl = strlen(f->key);
		char *file = malloc(kl + 4);
		if (file == NULL) {
			free(refs);
			return ENOMEM;
		}
		memcpy(file, f->key, kl);
		memcpy(file + kl, ".kv", 4);
		f->facts.key_lock = leftover_probe_lock(dirfd, file, o->locks);
		free(file);
	}
	free(refs);
	for (size_t i = first; i < r->n; i++) {
		struct leftover *f = &r->v[i];
		if (!f->cleanable)
			continue;
		f->verdict = clean_rule_decide(&f->facts, o->now, o->stale_ms);
		f->attention = f->verdict == CLEAN_REMOVABLE;
	}
	return 0;
}

int leftovers_check_table(flockd_table *table, const struct leftover_opts *o,
			  struct leftover_report *out)
{
	size_t first = out->n;
	flockd_scan *scan;
	int err = flockd_scan_open(table, &scan);
	if (err != 0)
		return err == ENOMEM ? err
				     : add_trouble(out, flockd_table_name(table),
						   "list table", err);
	struct flockd_scan_entry batch[256];
	size_t n;
	int serr;
	while ((serr = flockd_scan_next(scan, batch, 256, &n)) == 0 && n > 0)
		for (size_t i = 0; i < n && err == 0; i++)
			err = check_entry(out, table, &batch[i], o);
	flockd_scan_close(scan);
	if (err == 0)
		err = judge_temps(out, first, table, o);
	if (out->n - first > 1) /* directory order is no order for people */
		qsort(out->v + first, out->n - first, sizeof *out->v,
		      cmp_by_name);
	if (err == 0 && serr != 0)
		err = add_trouble(out, flockd_table_name(table), "list table",
				  serr);
	return err;
}

/* What the table walk left out, as findings of the root. */
static int add_skipped(flockd_db *db, const struct flockd_skipped *s,
		       size_t n, struct leftover_report *out)
{
	int root = open(flockd_db_path(db),
			O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int err = 0;
	for (size_t i = 0; i < n && err == 0; i++) {
		struct stat st;
		struct flockd_stat fst = {0};
		if (root >= 0 &&
		    fstatat(root, s[i].path, &st, AT_SYMLINK_NOFOLLOW) == 0) {
			fst.mode = st.st_mode;
			fst.mtime.tv_sec = st.st_mtim.tv_sec;
			fst.mtime.tv_nsec = st.st_mtim.tv_nsec;
		}
		struct leftover *f;
		err = add_finding(out, "", flockd_db_path(db), s[i].path,
				  LEFTOVER_SKIPPED_DIR, &fst, &f);
		if (err == 0) {
			f->skip = s[i].why;
			f->entry = s[i].kind;
			f->err = s[i].err;
			f->attention = s[i].why != FLOCKD_SKIP_COPIES;
		}
	}
	if (root >= 0)
		close(root);
	return err;
}

int leftovers_check_db(flockd_db *db, const struct leftover_opts *o,
		       struct leftover_report *out)
{
	char **names;
	size_t count, nskipped = 0;
	struct flockd_skipped *skipped = NULL;
	int err = flockd_tables_ex(db, &names, &count, &skipped, &nskipped);
	if (err != 0)
		return err == ENOMEM ? err
				     : add_trouble(out, "", "list tables", err);
	for (size_t i = 0; i < count && err != ENOMEM; i++) {
		flockd_table *t;
		err = flockd_table_open(db, names[i], 0, &t);
		if (err == EACCES && names[i][0] != '\0') {
			/* its parent's listing reports it as unreadable */
			err = 0;
			continue;
		}
		if (err != 0) {
			err = add_trouble(out, names[i], "open table", err);
			continue;
		}
		err = leftovers_check_table(t, o, out);
		flockd_table_close(t);
	}
	if (err != ENOMEM)
		err = add_skipped(db, skipped, nskipped, out);
	flockd_skipped_free(skipped, nskipped);
	flockd_names_free(names, count);
	return err == ENOMEM ? err : 0;
}

void leftover_report_free(struct leftover_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		free_finding(&r->v[i]);
	for (size_t i = 0; i < r->ntroubles; i++)
		free(r->troubles[i].table);
	free(r->v);
	free(r->troubles);
	memset(r, 0, sizeof *r);
}
