/* leftovers.c - finding (and removing stale) leftovers in table dirs. */
#include "inspect/leftovers.h"

#include "inspect/fsinfo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <unistd.h>

const char *leftover_kind_name(enum leftover_kind kind)
{
	static const char *const names[] = {
		[LEFTOVER_TEMP] = "temp",
		[LEFTOVER_RSYNC_TEMP] = "rsync-temp",
		[LEFTOVER_RSYNC_DIR] = "rsync-dir",
		[LEFTOVER_SYNCTHING_TEMP] = "syncthing-temp",
		[LEFTOVER_UNISON_TEMP] = "unison-temp",
		[LEFTOVER_CONFLICT_COPY] = "conflict-copy",
		[LEFTOVER_EMPTY_VALUE] = "empty-value",
		[LEFTOVER_NOT_REGULAR] = "not-regular",
		[LEFTOVER_TABLE_NOT_DIR] = "table-not-dir",
		[LEFTOVER_UNREADABLE] = "unreadable",
	};
	return names[kind];
}

const char *leftover_kind_text(enum leftover_kind kind)
{
	static const char *const texts[] = {
		[LEFTOVER_TEMP] = "stale temp file (flockd or Go library)",
		[LEFTOVER_RSYNC_TEMP] = "rsync temp file",
		[LEFTOVER_RSYNC_DIR] = "rsync --delay-updates directory",
		[LEFTOVER_SYNCTHING_TEMP] = "Syncthing temp file",
		[LEFTOVER_UNISON_TEMP] = "unison temp file",
		[LEFTOVER_CONFLICT_COPY] = "Syncthing conflict copy",
		[LEFTOVER_EMPTY_VALUE] = "empty value",
		[LEFTOVER_NOT_REGULAR] = "named like a key, not a regular file",
		[LEFTOVER_TABLE_NOT_DIR] = "named like a table, not a directory",
		[LEFTOVER_UNREADABLE] = "cannot be read by this user",
	};
	return texts[kind];
}

int leftover_is_temp(enum leftover_kind kind)
{
	return kind == LEFTOVER_TEMP || kind == LEFTOVER_RSYNC_TEMP ||
	       kind == LEFTOVER_SYNCTHING_TEMP || kind == LEFTOVER_UNISON_TEMP;
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

/* Append a finding about entry `e` of `table`; `key` may be NULL. */
static int add_finding(struct leftover_report *r, flockd_table *table,
		       const struct flockd_scan_entry *e,
		       enum leftover_kind kind, const struct flockd_stat *st,
		       const char *key, size_t key_len)
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
	f->table = strdup(flockd_table_name(table));
	f->name = strdup(e->name);
	f->path = join_path(flockd_table_path(table), e->name);
	f->key = key ? strndup(key, key_len) : NULL;
	if (f->table == NULL || f->name == NULL || f->path == NULL ||
	    (key && f->key == NULL)) {
		free(f->table);
		free(f->name);
		free(f->path);
		free(f->key);
		return ENOMEM;
	}
	f->mode = st->mode;
	f->size = st->size;
	f->mtime.tv_sec = (time_t)st->mtime.tv_sec;
	f->mtime.tv_nsec = st->mtime.tv_nsec;
	f->lock = LEFTOVER_LOCK_NONE;
	r->n++;
	return 0;
}

enum leftover_lock leftover_probe_lock(int dirfd, const char *name,
				       const struct proc_locks *locks)
{
	struct stat st;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return LEFTOVER_LOCK_UNKNOWN;
	/* /proc/locks first: it sees shared holders a shared probe cannot */
	struct statfs sfs;
	int have_sfs = fstatfs(dirfd, &sfs) == 0;
	if (locks != NULL) {
		int any_anon = major(st.st_dev) == 0 && have_sfs &&
			       (unsigned long)sfs.f_type == FSINFO_BTRFS_MAGIC;
		for (size_t i = 0; i < locks->n; i++) {
			const struct proc_lock *l = &locks->v[i];
			if (l->ino == (uint64_t)st.st_ino &&
			    proc_lock_on_dev(l, st.st_dev, any_anon))
				return LEFTOVER_LOCK_HELD;
		}
	}
	/* CIFS makes every flock a mandatory lock: even a brief shared
	 * probe could fail a writer's I/O, so there /proc/locks must do */
	if (have_sfs && fsinfo_locks_of((unsigned long)sfs.f_type) ==
				FS_LOCKS_MANDATORY)
		return locks != NULL ? LEFTOVER_LOCK_NONE
				     : LEFTOVER_LOCK_UNKNOWN;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
					     O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return locks != NULL ? LEFTOVER_LOCK_NONE
				     : LEFTOVER_LOCK_UNKNOWN;
	enum leftover_lock res = LEFTOVER_LOCK_NONE;
	if (flock(fd, LOCK_SH | LOCK_NB) != 0)
		res = errno == EWOULDBLOCK ? LEFTOVER_LOCK_HELD
					   : LEFTOVER_LOCK_UNKNOWN;
	close(fd); /* releases our probe lock */
	return res;
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

/* Examine one entry; 0 or ENOMEM. */
static int check_entry(struct leftover_report *r, flockd_table *table,
		       const struct flockd_scan_entry *e,
		       const struct proc_locks *locks)
{
	if (e->kind == FLOCKD_ENTRY_OTHER)
		return 0;
	struct flockd_stat st;
	if (flockd_entry_stat(table, e->name, &st) != 0)
		return 0; /* vanished since the listing */
	int dirfd = flockd_table_dirfd(table);
	const char *key = e->key_len ? e->name + e->key_off : NULL;
	enum leftover_kind kind;
	switch (e->kind) {
	case FLOCKD_ENTRY_KEY:
		if (!is_type(&st, S_IFREG))
			return add_finding(r, table, e, LEFTOVER_NOT_REGULAR,
					   &st, key, e->key_len);
		if (unreadable(dirfd, e->name, st.mode, 0))
			return add_finding(r, table, e, LEFTOVER_UNREADABLE,
					   &st, key, e->key_len);
		size_t base = flockd_conflict_of(key, e->key_len);
		if (base > 0) {
			int err = add_finding(r, table, e,
					      LEFTOVER_CONFLICT_COPY, &st, key,
					      base);
			if (err == 0) {
				struct flockd_stat kst;
				r->v[r->n - 1].key_exists =
					flockd_key_stat(table, r->v[r->n - 1].key,
							&kst) == 0;
			}
			return err;
		}
		if (st.size == 0)
			return add_finding(r, table, e, LEFTOVER_EMPTY_VALUE,
					   &st, key, e->key_len);
		return 0;
	case FLOCKD_ENTRY_TABLE:
		if (!is_type(&st, S_IFDIR))
			return add_finding(r, table, e, LEFTOVER_TABLE_NOT_DIR,
					   &st, NULL, 0);
		if (unreadable(dirfd, e->name, st.mode, 1))
			return add_finding(r, table, e, LEFTOVER_UNREADABLE,
					   &st, NULL, 0);
		return 0;
	case FLOCKD_ENTRY_RSYNC_DIR:
		if (!is_type(&st, S_IFDIR))
			return 0;
		return add_finding(r, table, e, LEFTOVER_RSYNC_DIR, &st, NULL,
				   0);
	case FLOCKD_ENTRY_TEMP:
		kind = LEFTOVER_TEMP;
		break;
	case FLOCKD_ENTRY_RSYNC_TEMP:
		kind = LEFTOVER_RSYNC_TEMP;
		break;
	case FLOCKD_ENTRY_SYNCTHING_TEMP:
		kind = LEFTOVER_SYNCTHING_TEMP;
		break;
	case FLOCKD_ENTRY_UNISON_TEMP:
		kind = LEFTOVER_UNISON_TEMP;
		break;
	default:
		return 0;
	}
	/* a temp file: only regular files, and only when nobody writes it */
	if (!is_type(&st, S_IFREG))
		return 0;
	enum leftover_lock lock = leftover_probe_lock(dirfd, e->name, locks);
	if (lock == LEFTOVER_LOCK_HELD)
		return 0;
	int err = add_finding(r, table, e, kind, &st, key, e->key_len);
	if (err == 0)
		r->v[r->n - 1].lock = lock;
	return err;
}

static int cmp_by_name(const void *a, const void *b)
{
	return strcmp(((const struct leftover *)a)->name,
		      ((const struct leftover *)b)->name);
}

int leftovers_check_table(flockd_table *table, const struct proc_locks *locks,
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
			err = check_entry(out, table, &batch[i], locks);
	flockd_scan_close(scan);
	if (out->n - first > 1) /* directory order is no order for people */
		qsort(out->v + first, out->n - first, sizeof *out->v,
		      cmp_by_name);
	if (err == 0 && serr != 0)
		err = add_trouble(out, flockd_table_name(table), "list table",
				  serr);
	return err;
}

int leftovers_check_db(flockd_db *db, const struct proc_locks *locks,
		       struct leftover_report *out)
{
	char **names;
	size_t count;
	int err = flockd_tables(db, &names, &count);
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
		err = leftovers_check_table(t, locks, out);
		flockd_table_close(t);
	}
	flockd_names_free(names, count);
	return err == ENOMEM ? err : 0;
}

void leftover_report_free(struct leftover_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].table);
		free(r->v[i].name);
		free(r->v[i].path);
		free(r->v[i].key);
	}
	for (size_t i = 0; i < r->ntroubles; i++)
		free(r->troubles[i].table);
	free(r->v);
	free(r->troubles);
	memset(r, 0, sizeof *r);
}

int leftover_remove_temp(int dirfd, const char *name, time_t now,
			 long min_age_ms)
{
	int flags = O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
	/* read-write where allowed: NFS refuses an exclusive flock on a
	 * read-only descriptor */
	int fd = openat(dirfd, name, O_RDWR | flags);
	if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
		fd = openat(dirfd, name, O_RDONLY | flags);
	if (fd < 0) {
		if (errno == ENOENT)
			return LEFTOVER_KEPT_GONE;
		/* a symlink (O_NOFOLLOW), a directory or FIFO: not a temp */
		if (errno == ELOOP || errno == EISDIR || errno == ENXIO)
			return LEFTOVER_KEPT_CHANGED;
		return errno;
	}
	int res = 0;
	struct stat st, now_st;
	if (fstat(fd, &st) != 0) {
		res = errno;
	} else if (!S_ISREG(st.st_mode)) {
		res = LEFTOVER_KEPT_CHANGED;
	} else if ((long long)(now - st.st_mtim.tv_sec) * 1000LL <
		   (long long)min_age_ms) {
		res = LEFTOVER_KEPT_YOUNG;
	} else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		res = errno == EWOULDBLOCK ? LEFTOVER_KEPT_LOCKED : errno;
	} else if (fstatat(dirfd, name, &now_st, AT_SYMLINK_NOFOLLOW) != 0) {
		res = errno == ENOENT ? LEFTOVER_KEPT_GONE : errno;
	} else if (now_st.st_dev != st.st_dev || now_st.st_ino != st.st_ino) {
		res = LEFTOVER_KEPT_CHANGED;
	} else if (fstat(fd, &st) == 0 &&
		   (long long)(now - st.st_mtim.tv_sec) * 1000LL <
			   (long long)min_age_ms) {
		/* written to while we waited for nothing: it is alive */
		res = LEFTOVER_KEPT_YOUNG;
	} else if (unlinkat(dirfd, name, 0) != 0) {
		res = errno == ENOENT ? LEFTOVER_KEPT_GONE : errno;
	} else {
		fsync(dirfd); /* durability only; the removal is done */
	}
	close(fd);
	return res;
}
