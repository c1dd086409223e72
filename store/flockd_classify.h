/* SPDX-License-Identifier: MIT */
/*
 * flockd_classify.h - part of flockd.h, included by it (never include this
 * file alone): the one classifier of names in a database, what a walk for
 * tables leaves out, and suspect values. Same conventions as flockd.h.
 */
#ifndef FLOCKD_CLASSIFY_H
#define FLOCKD_CLASSIFY_H

#ifndef FLOCKD_H
#error "include flockd.h, not flockd_classify.h"
#endif

/*
 * One classifier decides what every name in a database is: a key, a
 * table, or what a writer or a sync tool left beside them.
 * Every listing, count, check and diff uses it, so a name looks the same
 * everywhere. Only FLOCKD_ENTRY_KEY is a key: conflict copies, backups and
 * temp files end in ".kv" too (the Go original lists them as keys), but
 * they never count as keys here.
 *
 * The classifier looks at the name only; the caller checks the file type
 * (a FLOCKD_ENTRY_KEY that is a directory is not a key).
 *
 * New kinds are appended: the numeric values of existing kinds never
 * change.
 */
enum flockd_entry_kind {
	FLOCKD_ENTRY_OTHER = 0,      /* none of the below: not ours */
	FLOCKD_ENTRY_KEY,            /* KEY.kv */
	FLOCKD_ENTRY_TABLE,          /* NAME.tbl */
	FLOCKD_ENTRY_TEMP,           /* KEY.kv + letters/digits (ours),
	                                KEY.kv + digits (Go's os.CreateTemp),
	                                KEY.kv.tmp + digits (early Go) */
	FLOCKD_ENTRY_RSYNC_TEMP,     /* .KEY.kv.XXXXXX (see FLOCKD_NAME_*) */
	FLOCKD_ENTRY_RSYNC_DIR,      /* .~tmp~ (--delay-updates) or
	                                .rsync-partial (--partial-dir) */
	FLOCKD_ENTRY_SYNCTHING_TEMP, /* .syncthing.KEY.kv.tmp, ~syncthing~...
	                                (long names: a hash instead of KEY) */
	FLOCKD_ENTRY_UNISON_TEMP,    /* .unison.KEY.kv.*.unison.tmp */
	FLOCKD_ENTRY_SYNCTHING_CONFLICT, /* KEY.sync-conflict-YYYYMMDD-HHMMSS
	                                    -DEVICE.kv (no -DEVICE before
	                                    Syncthing 0.12) */
	FLOCKD_ENTRY_UNISON_CONFLICT,    /* KEY (conflict_on_YYYY-MM-DD).kv,
	                                    KEY (conflict #N_on_...).kv
	                                    (unison -copyonconflict) */
	FLOCKD_ENTRY_CLOUD_CONFLICT,     /* KEY (HOST's conflicted copy
	                                    YYYY-MM-DD).kv (Dropbox),
	                                    KEY (conflicted copy [USER ]
	                                    YYYY-MM-DD HHMMSS).kv (Nextcloud,
	                                    ownCloud), KEY_conflict-YYYYMMDD-
	                                    HHMMSS.kv (ownCloud before 2.5) */
	FLOCKD_ENTRY_RSYNC_BACKUP,   /* KEY.kv~, KEY.kv.~N~ (rsync --backup,
	                                cp --backup=numbered) */
	FLOCKD_ENTRY_UNISON_BACKUP,  /* .bak.N.KEY.kv (unison -backuplocation
	                                local) */
	FLOCKD_ENTRY_SYNCTHING_VERSION, /* KEY~YYYYMMDD-HHMMSS.kv (Syncthing
	                                   file versioning, in .stversions) */
	FLOCKD_ENTRY_SYNC_META,      /* a sync tool's own file or directory:
	                                .stfolder, .stignore, .stversions */
	FLOCKD_ENTRY_NFS_SILLY,      /* .nfsXXXX: an NFS client's "silly
	                                rename" of a deleted file still open
	                                somewhere; vanishes when closed */
	FLOCKD_ENTRY_KIND_COUNT      /* number of kinds, not a kind */
};

/* The families of kinds, for code that treats a family alike. */
enum flockd_entry_class {
	FLOCKD_CLASS_OTHER = 0, /* OTHER */
	FLOCKD_CLASS_KEY,       /* KEY */
	FLOCKD_CLASS_TABLE,     /* TABLE */
	FLOCKD_CLASS_TEMP,      /* a writer's unfinished file: TEMP, RSYNC_TEMP,
	                           SYNCTHING_TEMP, UNISON_TEMP; the only files
	                           a cleaner may remove (the cleaning rule) */
	FLOCKD_CLASS_CONFLICT,  /* a conflict copy of a key: *_CONFLICT */
	FLOCKD_CLASS_BACKUP,    /* an older value of a key kept by a tool:
	                           RSYNC_BACKUP, UNISON_BACKUP,
	                           SYNCTHING_VERSION */
	FLOCKD_CLASS_TOOL,      /* a sync tool's own entry: RSYNC_DIR,
	                           SYNC_META, NFS_SILLY */
};

/* Flags of struct flockd_name_info. */
enum flockd_name_flags {
	/* The tool shortened the name (rsync past 246 bytes, Syncthing past
	 * 145, unison past 143): the key span holds only the key's first
	 * bytes, possibly none. */
	FLOCKD_NAME_KEY_PARTIAL = 1u << 0,
	/* rsync drops a leading '.' before adding its own: ".K.kv.XXXXXX"
	 * is the temp of key "K" or of key ".K". */
	FLOCKD_NAME_KEY_DOT = 1u << 1,
	/* unison: the copy of a side that was deleted ("_was_deleted"). */
	FLOCKD_NAME_WAS_DELETED = 1u << 2,
};

/*
 * What a name says. Every span is an offset and a length into the name
 * that was classified (not NUL-terminated; a length of 0 means the name
 * does not say).
 */
struct flockd_name_info {
	enum flockd_entry_kind kind;
	unsigned flags;     /* enum flockd_name_flags */
	size_t key_off;     /* kinds that belong to a key (TEMP, CONFLICT,
	                       BACKUP classes and KEY): the key */
	size_t key_len;
	size_t when_off;    /* conflict copies and versions: the date and
	                       time as written ("20240102-030405",
	                       "2024-01-02", "2024-01-02 030405"); the maker's
	                       local time, zone unknown */
	size_t when_len;
	size_t who_off;     /* conflict copies: who made it: the Syncthing
	                       device's short ID, the Dropbox host or the
	                       Nextcloud user; unison names no side */
	size_t who_len;
	unsigned long seq;  /* unison's conflict #N and backup .bak.N.,
	                       rsync's .~N~; 0 when the name has none */
};

/*
 * flockd_classify_name - classify the directory entry name `name` of
 * `len` bytes (a file name, not a path; any bytes, NUL included, are
 * accepted and read within `len` only) and fill *out, which may be NULL.
 * Returns out->kind. Never fails, never allocates; no system call.
 *
 * Key spans are non-empty unless FLOCKD_NAME_KEY_PARTIAL is set. A name
 * that would belong to an empty key ("(conflict_on_2024-01-02).kv") is
 * the key it spells, not a copy.
 */
enum flockd_entry_kind flockd_classify_name(const char *name, size_t len,
					    struct flockd_name_info *out);

/*
 * flockd_classify - the short form: the kind, and the key it belongs to
 * (*key_off, *key_len; either may be NULL). *key_len is 0 when the entry
 * belongs to no key or the tool shortened the name past knowing it
 * (FLOCKD_NAME_KEY_PARTIAL).
 */
enum flockd_entry_kind flockd_classify(const char *name, size_t len,
				       size_t *key_off, size_t *key_len);

/* flockd_entry_class_of - the family of a kind. */
enum flockd_entry_class flockd_entry_class_of(enum flockd_entry_kind kind);

/*
 * flockd_entry_kind_name - a kind's name for output and scripts, stable
 * and lower-case: "other", "key", "table", "temp", "rsync-temp",
 * "rsync-dir", "syncthing-temp", "unison-temp", "syncthing-conflict",
 * "unison-conflict", "cloud-conflict", "rsync-backup", "unison-backup",
 * "syncthing-version", "sync-meta", "nfs-silly".
 * flockd_entry_kind_text - a phrase for people ("Syncthing conflict
 * copy"). Both static strings; an unknown value gives "other".
 */
const char *flockd_entry_kind_name(enum flockd_entry_kind kind);
const char *flockd_entry_kind_text(enum flockd_entry_kind kind);

/*
 * flockd_dir_walked - should a walk for tables (flockd_tables) descend into
 * a directory named `name`? Tables (NAME.tbl) and plain directories are
 * walked (table "a/b" is the directory a/b.tbl); a sync tool's
 * directories (.~tmp~, .stversions, ...) and every other hidden directory
 * are not: they hold copies of tables (rsync --backup-dir, Syncthing
 * versions, snapshots), not the database. Returns 1 or 0.
 */
int flockd_dir_walked(const char *name, size_t len);

/*
 * Suspect values: a key's file that an interrupted rsync may have torn.
 * struct flockd_stat is defined with flockd_key_stat (flockd_files.h).
 *
 * flockd_stat_suspect - non-zero when the file's facts alone say so: its
 * modification time is at the epoch (tv_sec 0), which rsync --partial
 * gives the partial file it renames into place when interrupted.
 *
 * flockd_stat_pair_suspect - non-zero when the same key's files on two
 * replicas have the same modification time but different sizes: rsync
 * copies the time only with the whole value, so one side was cut short
 * (--inplace, --append) or changed without its time. Times are the same
 * when equal to the nanosecond, or to the second where one side has no
 * sub-second part (a tool or file system that keeps seconds only).
 */
struct flockd_stat;
int flockd_stat_suspect(const struct flockd_stat *st);
int flockd_stat_pair_suspect(const struct flockd_stat *a,
			     const struct flockd_stat *b);

/*
 * flockd_tables_ex - flockd_tables, plus what the walk left out and why,
 * so that a check can report it instead of it vanishing silently.
 * *skipped (may be NULL: nothing is reported) receives a malloc'd array of
 * *nskipped entries, sorted by path; free it with flockd_skipped_free.
 * Errors: those of flockd_tables; on error nothing is returned.
 */
enum flockd_skip_reason {
	FLOCKD_SKIP_COPIES,     /* a hidden or sync-tool directory (see
	                           flockd_dir_walked) with table directories
	                           within 3 levels: copies of tables */
	FLOCKD_SKIP_BAD_NAME,   /* NAME.tbl whose table name is not valid
	                           ("..", "."): made by another implementation;
	                           flockd_table_open refuses it */
	FLOCKD_SKIP_TOO_DEEP,   /* a directory holding directories below the
	                           walk's depth limit (FLOCKD_TABLES_MAX_DEPTH
	                           levels) or past PATH_MAX */
	FLOCKD_SKIP_UNREADABLE, /* a directory that could not be opened or
	                           read (err says why) */
};

#define FLOCKD_TABLES_MAX_DEPTH 64

struct flockd_skipped {
	char *path;     /* relative to the database directory; owned */
	enum flockd_skip_reason why;
	enum flockd_entry_kind kind; /* FLOCKD_SKIP_COPIES: the directory's
	                                kind (RSYNC_DIR, SYNC_META or OTHER) */
	int err;        /* FLOCKD_SKIP_UNREADABLE: the errno value */
};

int flockd_tables_ex(flockd_db *db, char ***names, size_t *count,
		     struct flockd_skipped **skipped, size_t *nskipped);

/* flockd_skipped_free - free an array from flockd_tables_ex. */
void flockd_skipped_free(struct flockd_skipped *skipped, size_t n);

#endif /* FLOCKD_CLASSIFY_H */
