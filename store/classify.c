/* SPDX-License-Identifier: MIT */
/*
 * classify.c - the one classifier of names in a database (spec section 7):
 * keys, tables, and what writers and sync tools leave beside them, with
 * the key each belongs to and what a conflict copy's name says about who
 * made it and when. Pure functions of the name: no system call.
 *
 * The formats come from the tools' sources: rsync's get_tmpname(),
 * Syncthing's lib/fs/tempname.go and conflictName(), unison's os.ml
 * (temp names), files.ml (-copyonconflict) and stasher.ml (backups), the
 * Nextcloud/ownCloud client's makeConflictFileName(), and Dropbox's
 * documented "(HOST's conflicted copy DATE)".
 */
#include "store_internal.h"

#include <string.h>

/* A name being classified: the bytes and what was found so far. */
struct cname {
	const char *s;
	size_t len;
	struct flockd_name_info *out;
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int all_of(const char *s, size_t n, int (*pred)(char))
{
	for (size_t i = 0; i < n; i++)
		if (!pred(s[i]))
			return 0;
	return 1;
}

static int has_prefix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && memcmp(s, p, n) == 0;
}

static int has_suffix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && memcmp(s + len - n, p, n) == 0;
}

static int equals(const char *s, size_t len, const char *p)
{
	return strlen(p) == len && memcmp(s, p, len) == 0;
}

/* Digits as a number, saturating (names are hostile). */
static unsigned long number(const char *s, size_t n)
{
	unsigned long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (v > (~0ul - 9) / 10)
			return ~0ul;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	return v;
}

/* The pattern "D8-D6" (20240102-030405) at s[0..15). */
static int is_stamp(const char *s, size_t n)
{
	return n >= 15 && all_of(s, 8, is_digit) && s[8] == '-' &&
	       all_of(s + 9, 6, is_digit);
}

/* The pattern "D4-D2-D2" (2024-01-02) at s[0..10). */
static int is_date(const char *s, size_t n)
{
	return n >= 10 && all_of(s, 4, is_digit) && s[4] == '-' &&
	       all_of(s + 5, 2, is_digit) && s[7] == '-' &&
	       all_of(s + 8, 2, is_digit);
}

static enum flockd_entry_kind found(struct cname *c, enum flockd_entry_kind k,
				    size_t key_off, size_t key_len)
{
	c->out->kind = k;
	c->out->key_off = key_off;
	c->out->key_len = key_len;
	return k;
}

static void set_when(struct cname *c, size_t off, size_t len)
{
	c->out->when_off = off;
	c->out->when_len = len;
}

static void set_who(struct cname *c, size_t off, size_t len)
{
	c->out->who_off = off;
	c->out->who_len = len;
}

/* ".syncthing.K.kv.tmp" / "~syncthing~K.kv.tmp"; long names: a hash. */
static int syncthing_temp(struct cname *c)
{
	if (!(has_prefix(c->s, c->len, ".syncthing.") ||
	      has_prefix(c->s, c->len, "~syncthing~")) ||
	    !has_suffix(c->s, c->len, ".tmp") || c->len < 15)
		return 0;
	size_t mid = c->len - 15; /* between prefix and ".tmp" */
	found(c, FLOCKD_ENTRY_SYNCTHING_TEMP, 0, 0);
	if (mid > 3 && memcmp(c->s + 11 + mid - 3, STORE_KEY_EXT, 3) == 0) {
		c->out->key_off = 11;
		c->out->key_len = mid - 3;
	} else if ((mid == 64 || mid == 32) &&
		   all_of(c->s + 11, mid, is_hex)) {
		/* sha256 (md5 before v0.14) of the real name */
		c->out->flags |= FLOCKD_NAME_KEY_PARTIAL;
	}
	return 1;
}

/* ".unison.NAME.SESSION.unison.tmp"; names past 143 bytes are cut and an
 * md5 appended, so the ".kv" may be gone. */
static int unison_temp(struct cname *c)
{
	if (!has_prefix(c->s, c->len, ".unison.") ||
	    !has_suffix(c->s, c->len, ".unison.tmp") || c->len < 19)
		return 0;
	found(c, FLOCKD_ENTRY_UNISON_TEMP, 0, 0);
	const char *mid = c->s + 8;
	size_t n = c->len - 19;
	for (size_t i = n; i >= 4; i--) { /* the last ".kv." */
		if (memcmp(mid + i - 4, ".kv.", 4) == 0) {
			if (i > 4) {
				c->out->key_off = 8;
				c->out->key_len = i - 4;
			}
			return 1;
		}
	}
	if (c->len >= 139) /* shortened by unison */
		c->out->flags |= FLOCKD_NAME_KEY_PARTIAL;
	return 1;
}

/* ".K.kv.XXXXXX": rsync's mkstemp name. A leading '.' of the file name is
 * not doubled, and names past 246 bytes are cut (the temp is then 254
 * bytes long). */
static int rsync_temp(struct cname *c)
{
	const char *s = c->s;
	size_t len = c->len;
	if (len < 9 || s[0] != '.' || s[len - 7] != '.' ||
	    !all_of(s + len - 6, 6, is_alnum))
		return 0;
	size_t mid = len - 8; /* the file name without its leading dot */
	if (mid > 3 && memcmp(s + 1 + mid - 3, STORE_KEY_EXT, 3) == 0) {
		found(c, FLOCKD_ENTRY_RSYNC_TEMP, 1, mid - 3);
		c->out->flags |= FLOCKD_NAME_KEY_DOT;
		return 1;
	}
	if (len == NAME_MAX - 1) {
		found(c, FLOCKD_ENTRY_RSYNC_TEMP, 1, mid);
		c->out->flags |= FLOCKD_NAME_KEY_PARTIAL | FLOCKD_NAME_KEY_DOT;
		return 1;
	}
	return 0;
}

/* ".bak.N.K.kv" */
static int unison_backup(struct cname *c)
{
	if (!has_prefix(c->s, c->len, ".bak.") ||
	    !has_suffix(c->s, c->len, STORE_KEY_EXT))
		return 0;
	size_t i = 5;
	while (i < c->len && is_digit(c->s[i]))
		i++;
	if (i == 5 || i >= c->len || c->s[i] != '.' || c->len - 3 <= i + 1)
		return 0;
	c->out->seq = number(c->s + 5, i - 5);
	found(c, FLOCKD_ENTRY_UNISON_BACKUP, i + 1, c->len - 3 - (i + 1));
	return 1;
}

/* One ".sync-conflict-D8-T6[-DEVICE]" ending exactly at s[end]; the
 * marker's offset, or 0 when there is none. */
static size_t syncthing_tag(struct cname *c, size_t end)
{
	static const char m[] = ".sync-conflict-";
	const size_t mlen = sizeof m - 1;
	/* most names have no marker at all: one fast search says so */
	if (end < mlen + 16 || memmem(c->s, end, m, mlen) == NULL)
		return 0;
	for (size_t at = end - mlen - 15 + 1; at-- > 0;) {
		if (memcmp(c->s + at, m, mlen) != 0)
			continue;
		size_t t = at + mlen, rest = end - t;
		if (!is_stamp(c->s + t, rest))
			return 0;
		if (at == 0)
			return 0; /* no key before the marker */
		if (rest == 15 ||
		    (rest > 16 && c->s[t + 15] == '-' &&
		     all_of(c->s + t + 16, rest - 16, is_alnum)))
			return at;
		return 0;
	}
	return 0;
}

/* K.sync-conflict-...kv; a copy of a copy strips to the first key. */
static int syncthing_conflict(struct cname *c, size_t base)
{
	size_t at = syncthing_tag(c, base);
	if (at == 0)
		return 0;
	size_t t = at + 15;
	set_when(c, t, 15);
	if (base - t > 15)
		set_who(c, t + 16, base - t - 16);
	size_t key = at, inner;
	while ((inner = syncthing_tag(c, key)) != 0)
		key = inner;
	found(c, FLOCKD_ENTRY_SYNCTHING_CONFLICT, 0, key);
	return 1;
}

/* K~D8-T6.kv (Syncthing versioning) and K_conflict[_USER]-D8-T6.kv
 * (ownCloud's client before 2.5). */
static int stamped_copy(struct cname *c, size_t base)
{
	if (base < 17 || !is_stamp(c->s + base - 15, 15))
		return 0;
	size_t t = base - 15;
	if (c->s[t - 1] == '~') {
		set_when(c, t, 15);
		found(c, FLOCKD_ENTRY_SYNCTHING_VERSION, 0, t - 1);
		return 1;
	}
	if (c->s[t - 1] != '-')
		return 0;
	/* find "_conflict" before it, with an optional "_USER" */
	static const char m[] = "_conflict";
	for (size_t at = t - 1; at-- > 0;) {
		if (at + 9 > t - 1 || memcmp(c->s + at, m, 9) != 0)
			continue;
		size_t after = at + 9;
		if (after != t - 1 && c->s[after] != '_')
			return 0;
		if (at == 0)
			return 0;
		set_when(c, t, 15);
		if (after + 1 < t - 1)
			set_who(c, after + 1, t - 1 - after - 1);
		found(c, FLOCKD_ENTRY_CLOUD_CONFLICT, 0, at);
		return 1;
	}
	return 0;
}

/* unison's "conflict[ #N]_on_YYYY-MM-DD[_was_deleted]" inside the tag. */
static int unison_tag(struct cname *c, size_t in, size_t n)
{
	const char *s = c->s + in;
	if (!has_prefix(s, n, "conflict"))
		return 0;
	size_t i = 8;
	unsigned long seq = 0;
	if (i + 2 < n && s[i] == ' ' && s[i + 1] == '#') {
		size_t d = i + 2;
		while (d < n && is_digit(s[d]))
			d++;
		if (d == i + 2)
			return 0;
		seq = number(s + i + 2, d - i - 2);
		i = d;
	}
	if (!has_prefix(s + i, n - i, "_on_") || !is_date(s + i + 4, n - i - 4))
		return 0;
	size_t rest = n - i - 14;
	if (rest != 0 && !equals(s + i + 14, rest, "_was_deleted"))
		return 0;
	if (rest != 0)
		c->out->flags |= FLOCKD_NAME_WAS_DELETED;
	c->out->seq = seq;
	set_when(c, in + i + 4, 10);
	return 1;
}

/* Dropbox's "[HOST's ]conflicted copy DATE[ (N)]" and Nextcloud's
 * "conflicted copy [USER ]YYYY-MM-DD HHMMSS" inside the tag. */
static int cloud_tag(struct cname *c, size_t in, size_t n)
{
	static const char m[] = "conflicted copy";
	const size_t mlen = sizeof m - 1;
	const char *s = c->s + in;
	size_t at = n;
	for (size_t i = 0; i + mlen <= n; i++)
		if (memcmp(s + i, m, mlen) == 0) {
			at = i;
			break;
		}
	if (at == n)
		return 0;
	if (at >= 3 && memcmp(s + at - 3, "'s ", 3) == 0 && at > 3)
		set_who(c, in, at - 3);
	size_t a = at + mlen;
	while (a < n && s[a] == ' ')
		a++;
	for (size_t d = a; d + 10 <= n; d++) {
		if (!is_date(s + d, n - d))
			continue;
		size_t w = 10;
		if (d + 17 <= n && s[d + 10] == ' ' &&
		    all_of(s + d + 11, 6, is_digit))
			w = 17;
		set_when(c, in + d, w);
		size_t u = d;
		while (u > a && s[u - 1] == ' ')
			u--;
		if (u > a && c->out->who_len == 0)
			set_who(c, in + a, u - a);
		break;
	}
	return 1;
}

/* "K (TAG).kv": the tag is the balanced parenthesis before ".kv". */
static int paren_conflict(struct cname *c, size_t base)
{
	if (base < 4 || c->s[base - 1] != ')')
		return 0;
	size_t depth = 0, open = base;
	for (size_t i = base; i-- > 0;) {
		if (c->s[i] == ')')
			depth++;
		else if (c->s[i] == '(' && --depth == 0) {
			open = i;
			break;
		}
	}
	if (open == base || open < 2 || c->s[open - 1] != ' ')
		return 0;
	size_t in = open + 1, n = base - 1 - in;
	if (unison_tag(c, in, n)) {
		found(c, FLOCKD_ENTRY_UNISON_CONFLICT, 0, open - 1);
		return 1;
	}
	if (cloud_tag(c, in, n)) {
		found(c, FLOCKD_ENTRY_CLOUD_CONFLICT, 0, open - 1);
		return 1;
	}
	c->out->who_len = c->out->when_len = 0;
	return 0;
}

/* Names ending in ".kv": a key, unless a tool's pattern says otherwise. */
static enum flockd_entry_kind kv_name(struct cname *c)
{
	size_t base = c->len - 3;
	if (unison_backup(c) || syncthing_conflict(c, base) ||
	    stamped_copy(c, base) || paren_conflict(c, base))
		return c->out->kind;
	memset(c->out, 0, sizeof *c->out);
	return found(c, FLOCKD_ENTRY_KEY, 0, base);
}

/* K.kv~ and K.kv.~N~ */
static int rsync_backup(struct cname *c)
{
	const char *s = c->s;
	size_t len = c->len;
	if (len > 4 && memcmp(s + len - 4, ".kv~", 4) == 0)
		return found(c, FLOCKD_ENTRY_RSYNC_BACKUP, 0, len - 4), 1;
	if (len < 9 || s[len - 1] != '~')
		return 0;
	size_t d = len - 1;
	while (d > 0 && is_digit(s[d - 1]))
		d--;
	if (d == len - 1 || d < 6 || s[d - 1] != '~' ||
	    memcmp(s + d - 5, ".kv.", 4) != 0)
		return 0;
	c->out->seq = number(s + d, len - 1 - d);
	found(c, FLOCKD_ENTRY_RSYNC_BACKUP, 0, d - 5);
	return 1;
}

/* K.kv + letters/digits (ours, Go's) or K.kv.tmp + digits (early Go). */
static int writer_temp(struct cname *c)
{
	const char *s = c->s;
	for (size_t i = c->len - 3; i-- > 1;) {
		if (memcmp(s + i, STORE_KEY_EXT, 3) != 0)
			continue;
		size_t rest = c->len - i - 3;
		const char *r = s + i + 3;
		if (all_of(r, rest, is_alnum) ||
		    (rest > 4 && memcmp(r, ".tmp", 4) == 0 &&
		     all_of(r + 4, rest - 4, is_digit)))
			return found(c, FLOCKD_ENTRY_TEMP, 0, i), 1;
		return 0;
	}
	return 0;
}

static int char_is_nfs(char ch) { return is_hex(ch) || ch == '.'; }

enum flockd_entry_kind flockd_classify_name(const char *name, size_t len,
					    struct flockd_name_info *out)
{
	struct flockd_name_info scratch;
	struct cname c = {name, len, out ? out : &scratch};
	memset(c.out, 0, sizeof *c.out);
	if (len == 0)
		return FLOCKD_ENTRY_OTHER;
	if (name[0] == '.' || name[0] == '~') {
		if (equals(name, len, ".~tmp~") ||
		    equals(name, len, ".rsync-partial"))
			return found(&c, FLOCKD_ENTRY_RSYNC_DIR, 0, 0);
		if (equals(name, len, ".stfolder") ||
		    equals(name, len, ".stignore") ||
		    equals(name, len, ".stversions") ||
		    equals(name, len, ".stglobalignore"))
			return found(&c, FLOCKD_ENTRY_SYNC_META, 0, 0);
		if (len >= 12 && has_prefix(name, len, ".nfs") &&
		    all_of(name + 4, len - 4, char_is_nfs))
			return found(&c, FLOCKD_ENTRY_NFS_SILLY, 0, 0);
		if (syncthing_temp(&c) || unison_temp(&c) || rsync_temp(&c))
			return c.out->kind;
	}
	if (len > 3 && has_suffix(name, len, STORE_KEY_EXT))
		return kv_name(&c);
	if (len > 4 && has_suffix(name, len, STORE_TABLE_EXT))
		return found(&c, FLOCKD_ENTRY_TABLE, 0, 0);
	if (len > 4 && (rsync_backup(&c) || writer_temp(&c)))
		return c.out->kind;
	return FLOCKD_ENTRY_OTHER;
}

enum flockd_entry_kind flockd_classify(const char *name, size_t len,
				       size_t *key_off, size_t *key_len)
{
	struct flockd_name_info info;
	enum flockd_entry_kind k = flockd_classify_name(name, len, &info);
	int known = !(info.flags & FLOCKD_NAME_KEY_PARTIAL) && info.key_len;
	if (key_off != NULL)
		*key_off = known ? info.key_off : 0;
	if (key_len != NULL)
		*key_len = known ? info.key_len : 0;
	return k;
}

enum flockd_entry_class flockd_entry_class_of(enum flockd_entry_kind kind)
{
	switch (kind) {
	case FLOCKD_ENTRY_KEY:
		return FLOCKD_CLASS_KEY;
	case FLOCKD_ENTRY_TABLE:
		return FLOCKD_CLASS_TABLE;
	case FLOCKD_ENTRY_TEMP:
	case FLOCKD_ENTRY_RSYNC_TEMP:
	case FLOCKD_ENTRY_SYNCTHING_TEMP:
	case FLOCKD_ENTRY_UNISON_TEMP:
		return FLOCKD_CLASS_TEMP;
	case FLOCKD_ENTRY_SYNCTHING_CONFLICT:
	case FLOCKD_ENTRY_UNISON_CONFLICT:
	case FLOCKD_ENTRY_CLOUD_CONFLICT:
		return FLOCKD_CLASS_CONFLICT;
	case FLOCKD_ENTRY_RSYNC_BACKUP:
	case FLOCKD_ENTRY_UNISON_BACKUP:
	case FLOCKD_ENTRY_SYNCTHING_VERSION:
		return FLOCKD_CLASS_BACKUP;
	case FLOCKD_ENTRY_RSYNC_DIR:
	case FLOCKD_ENTRY_SYNC_META:
	case FLOCKD_ENTRY_NFS_SILLY:
		return FLOCKD_CLASS_TOOL;
	default:
		return FLOCKD_CLASS_OTHER;
	}
}

static const char *const kind_names[FLOCKD_ENTRY_KIND_COUNT][2] = {
	[FLOCKD_ENTRY_OTHER] = {"other", "not a flockd or sync tool file"},
	[FLOCKD_ENTRY_KEY] = {"key", "key"},
	[FLOCKD_ENTRY_TABLE] = {"table", "table"},
	[FLOCKD_ENTRY_TEMP] = {"temp", "temp file of flockd or the Go library"},
	[FLOCKD_ENTRY_RSYNC_TEMP] = {"rsync-temp", "rsync temp file"},
	[FLOCKD_ENTRY_RSYNC_DIR] = {"rsync-dir", "rsync partial directory"},
	[FLOCKD_ENTRY_SYNCTHING_TEMP] = {"syncthing-temp",
					 "Syncthing temp file"},
	[FLOCKD_ENTRY_UNISON_TEMP] = {"unison-temp", "unison temp file"},
	[FLOCKD_ENTRY_SYNCTHING_CONFLICT] = {"syncthing-conflict",
					     "Syncthing conflict copy"},
	[FLOCKD_ENTRY_UNISON_CONFLICT] = {"unison-conflict",
					  "unison conflict copy"},
	[FLOCKD_ENTRY_CLOUD_CONFLICT] = {"cloud-conflict",
					 "Dropbox/Nextcloud conflicted copy"},
	[FLOCKD_ENTRY_RSYNC_BACKUP] = {"rsync-backup", "rsync backup"},
	[FLOCKD_ENTRY_UNISON_BACKUP] = {"unison-backup", "unison backup"},
	[FLOCKD_ENTRY_SYNCTHING_VERSION] = {"syncthing-version",
					    "Syncthing old version"},
	[FLOCKD_ENTRY_SYNC_META] = {"sync-meta", "sync tool's own file"},
	[FLOCKD_ENTRY_NFS_SILLY] = {"nfs-silly",
				    "NFS silly-renamed file (deleted, open)"},
};

const char *flockd_entry_kind_name(enum flockd_entry_kind kind)
{
	if ((unsigned)kind >= FLOCKD_ENTRY_KIND_COUNT)
		kind = FLOCKD_ENTRY_OTHER;
	return kind_names[kind][0];
}

const char *flockd_entry_kind_text(enum flockd_entry_kind kind)
{
	if ((unsigned)kind >= FLOCKD_ENTRY_KIND_COUNT)
		kind = FLOCKD_ENTRY_OTHER;
	return kind_names[kind][1];
}

int flockd_dir_walked(const char *name, size_t len)
{
	enum flockd_entry_kind k = flockd_classify_name(name, len, NULL);
	if (k == FLOCKD_ENTRY_TABLE)
		return 1;
	if (k == FLOCKD_ENTRY_RSYNC_DIR || k == FLOCKD_ENTRY_SYNC_META)
		return 0;
	return len > 0 && name[0] != '.';
}

int flockd_stat_suspect(const struct flockd_stat *st)
{
	return S_ISREG(st->mode) && st->mtime.tv_sec == 0;
}

int flockd_stat_pair_suspect(const struct flockd_stat *a,
			     const struct flockd_stat *b)
{
	/* Times are compared to the second where a side has no sub-second
	 * part (a tool or file system that keeps seconds only), else whole:
	 * a writer that changes a key twice in one second is not a tear. */
	int same_time = a->mtime.tv_sec == b->mtime.tv_sec &&
			(a->mtime.tv_nsec == 0 || b->mtime.tv_nsec == 0 ||
			 a->mtime.tv_nsec == b->mtime.tv_nsec);
	return S_ISREG(a->mode) && S_ISREG(b->mode) && same_time &&
	       a->size != b->size;
}
