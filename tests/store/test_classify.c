/* SPDX-License-Identifier: MIT */
/*
 * test_classify.c - the one classifier (spec section 7): a table of names
 * as the tools really make them (rsync, unison, Syncthing, Dropbox,
 * Nextcloud, NFS, flockd and Go), each with the kind, key, flags and what
 * the name says (date, device, sequence), plus hostile names and near
 * misses that must stay keys or strangers; the kind names; which
 * directories a table walk enters; suspect values. What flockd_tables_ex
 * reports instead of skipping is in test_classify_tables.c.
 */
#include "store_test.h"

/* A name with explicit length (NUL bytes allowed). */
#define N(s) s, sizeof(s) - 1

struct ccase {
	const char *name;
	size_t len;
	enum flockd_entry_kind kind;
	const char *key;  /* NULL: belongs to no key */
	unsigned flags;
	const char *when; /* NULL: none */
	const char *who;
	unsigned long seq;
};

static const char *kname(enum flockd_entry_kind k)
{
	return flockd_entry_kind_name(k);
}

static int span_is(const char *name, size_t off, size_t len, const char *want)
{
	if (want == NULL)
		return len == 0;
	return len == strlen(want) && memcmp(name + off, want, len) == 0;
}

static const struct ccase cases[] = {
	/* keys, including names that look like a tool's but are not */
	{N("foo.kv"), FLOCKD_ENTRY_KEY, "foo", 0, NULL, NULL, 0},
	{N("foo bar.kv"), FLOCKD_ENTRY_KEY, "foo bar", 0, NULL, NULL, 0},
	{N("a.b.kv"), FLOCKD_ENTRY_KEY, "a.b", 0, NULL, NULL, 0},
	{N("x.kv.kv"), FLOCKD_ENTRY_KEY, "x.kv", 0, NULL, NULL, 0},
	{N(".kv.kv"), FLOCKD_ENTRY_KEY, ".kv", 0, NULL, NULL, 0},
	{N(".hidden.kv"), FLOCKD_ENTRY_KEY, ".hidden", 0, NULL, NULL, 0},
	{N("x.tbl.kv"), FLOCKD_ENTRY_KEY, "x.tbl", 0, NULL, NULL, 0},
	{N("\xf0\x9f\x8e\x89.kv"), FLOCKD_ENTRY_KEY, "\xf0\x9f\x8e\x89", 0, NULL, NULL, 0},
	{N("evil\x1b]0;pwned\x07\x1b[31m.kv"), FLOCKD_ENTRY_KEY,
	 "evil\x1b]0;pwned\x07\x1b[31m", 0, NULL, NULL, 0},
	{N("two\nlines.kv"), FLOCKD_ENTRY_KEY, "two\nlines", 0, NULL, NULL, 0},
	{N("nul\0inside.kv"), FLOCKD_ENTRY_KEY, "nul\0inside", 0, NULL, NULL, 0},
	{N("\xff\xfe.kv"), FLOCKD_ENTRY_KEY, "\xff\xfe", 0, NULL, NULL, 0},
	{N("a (b).kv"), FLOCKD_ENTRY_KEY, "a (b)", 0, NULL, NULL, 0},
	{N("notes (copy).kv"), FLOCKD_ENTRY_KEY, "notes (copy)", 0, NULL, NULL, 0},
	{N("(conflict_on_2024-01-02).kv"), FLOCKD_ENTRY_KEY,
	 "(conflict_on_2024-01-02)", 0, NULL, NULL, 0},
	{N(" (conflict_on_2024-01-02).kv"), FLOCKD_ENTRY_KEY,
	 " (conflict_on_2024-01-02)", 0, NULL, NULL, 0},
	{N("K (conflict_on_2024-1-02).kv"), FLOCKD_ENTRY_KEY,
	 "K (conflict_on_2024-1-02)", 0, NULL, NULL, 0},
	{N("K(conflict_on_2024-01-02).kv"), FLOCKD_ENTRY_KEY,
	 "K(conflict_on_2024-01-02)", 0, NULL, NULL, 0},
	{N("K (conflict_on_2024-01-02) .kv"), FLOCKD_ENTRY_KEY,
	 "K (conflict_on_2024-01-02) ", 0, NULL, NULL, 0},
	{N("K (conflict_on_2024-01-02_was_gone).kv"), FLOCKD_ENTRY_KEY,
	 "K (conflict_on_2024-01-02_was_gone)", 0, NULL, NULL, 0},
	{N("K (conflict #_on_2024-01-02).kv"), FLOCKD_ENTRY_KEY,
	 "K (conflict #_on_2024-01-02)", 0, NULL, NULL, 0},
	{N("K (conflict_on_2024-01-02))).kv"), FLOCKD_ENTRY_KEY,
	 "K (conflict_on_2024-01-02)))", 0, NULL, NULL, 0},
	{N("K ((((conflict_on_2024-01-02).kv"), FLOCKD_ENTRY_KEY,
	 "K ((((conflict_on_2024-01-02)", 0, NULL, NULL, 0},
	{N("K (Bob's conflict copy 2024-01-02).kv"), FLOCKD_ENTRY_KEY,
	 "K (Bob's conflict copy 2024-01-02)", 0, NULL, NULL, 0},
	{N("K.sync-conflict-2024010-030405-ABCDEFG.kv"), FLOCKD_ENTRY_KEY,
	 "K.sync-conflict-2024010-030405-ABCDEFG", 0, NULL, NULL, 0},
	{N("K.sync-conflict-20240102-030405-.kv"), FLOCKD_ENTRY_KEY,
	 "K.sync-conflict-20240102-030405-", 0, NULL, NULL, 0},
	{N("K.sync-conflict-20240102-030405-AB CD.kv"), FLOCKD_ENTRY_KEY,
	 "K.sync-conflict-20240102-030405-AB CD", 0, NULL, NULL, 0},
	{N("K.sync-conflict-20240102+030405-ABCDEFG.kv"), FLOCKD_ENTRY_KEY,
	 "K.sync-conflict-20240102+030405-ABCDEFG", 0, NULL, NULL, 0},
	{N("K-sync-conflict-20240102-030405-ABCDEFG.kv"), FLOCKD_ENTRY_KEY,
	 "K-sync-conflict-20240102-030405-ABCDEFG", 0, NULL, NULL, 0},
	{N(".sync-conflict-20240102-030405-ABCDEFG.kv"), FLOCKD_ENTRY_KEY,
	 ".sync-conflict-20240102-030405-ABCDEFG", 0, NULL, NULL, 0},
	{N("K~2024010-030405.kv"), FLOCKD_ENTRY_KEY, "K~2024010-030405", 0, NULL, NULL, 0},
	{N("~20240102-030405.kv"), FLOCKD_ENTRY_KEY, "~20240102-030405", 0, NULL, NULL, 0},
	{N("_conflict-20240102-030405.kv"), FLOCKD_ENTRY_KEY,
	 "_conflict-20240102-030405", 0, NULL, NULL, 0},
	{N("K_conflictX-20240102-030405.kv"), FLOCKD_ENTRY_KEY,
	 "K_conflictX-20240102-030405", 0, NULL, NULL, 0},
	{N(".bak.x.k.kv"), FLOCKD_ENTRY_KEY, ".bak.x.k", 0, NULL, NULL, 0},
	{N(".bak.1..kv"), FLOCKD_ENTRY_KEY, ".bak.1.", 0, NULL, NULL, 0},
	{N(".bak..k.kv"), FLOCKD_ENTRY_KEY, ".bak..k", 0, NULL, NULL, 0},
	{N(".nfs.kv"), FLOCKD_ENTRY_KEY, ".nfs", 0, NULL, NULL, 0},
	{N(".stfolder.kv"), FLOCKD_ENTRY_KEY, ".stfolder", 0, NULL, NULL, 0},

	/* flockd's and the Go library's temp files */
	{N("foo.kvA8x2Qd"), FLOCKD_ENTRY_TEMP, "foo", 0, NULL, NULL, 0},
	{N("foo.kv123456789"), FLOCKD_ENTRY_TEMP, "foo", 0, NULL, NULL, 0},
	{N("a.b.kvZ9"), FLOCKD_ENTRY_TEMP, "a.b", 0, NULL, NULL, 0},
	{N("x.kv.kvAb"), FLOCKD_ENTRY_TEMP, "x.kv", 0, NULL, NULL, 0},
	{N(".hidden.kvAbCdEf12"), FLOCKD_ENTRY_TEMP, ".hidden", 0, NULL, NULL, 0},
	{N("foo.kv.tmp4242"), FLOCKD_ENTRY_TEMP, "foo", 0, NULL, NULL, 0},
	{N("foo.kv.tmp"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("foo.kv.tmpx1"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("foo.kv-1"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N(".kvAb"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("a.kv.b"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},

	/* rsync */
	{N(".foo.kv.a1B2c3"), FLOCKD_ENTRY_RSYNC_TEMP, "foo", FLOCKD_NAME_KEY_DOT, NULL, NULL, 0},
	{N(".a.b.kv.XyZ123"), FLOCKD_ENTRY_RSYNC_TEMP, "a.b", FLOCKD_NAME_KEY_DOT, NULL, NULL, 0},
	{N(".hidden.kv.W8OCFb"), FLOCKD_ENTRY_RSYNC_TEMP, "hidden", FLOCKD_NAME_KEY_DOT, NULL, NULL, 0},
	{N(".foo.kv.a1B2c"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N(".foo.kv.a1B2c$"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N(".foo.kx.a1B2c3"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("..kv.abcdef"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N(".~tmp~"), FLOCKD_ENTRY_RSYNC_DIR, NULL, 0, NULL, NULL, 0},
	{N(".rsync-partial"), FLOCKD_ENTRY_RSYNC_DIR, NULL, 0, NULL, NULL, 0},
	{N(".~tmp"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("foo.kv~"), FLOCKD_ENTRY_RSYNC_BACKUP, "foo", 0, NULL, NULL, 0},
	{N("a b.kv~"), FLOCKD_ENTRY_RSYNC_BACKUP, "a b", 0, NULL, NULL, 0},
	{N("foo.kv.~3~"), FLOCKD_ENTRY_RSYNC_BACKUP, "foo", 0, NULL, NULL, 3},
	{N("foo.kv.~~"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("foo.kv.~x~"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("foo.kv~~"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N(".kv~"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},

	/* unison */
	{N(".unison.foo.kv.123abc.unison.tmp"), FLOCKD_ENTRY_UNISON_TEMP, "foo", 0, NULL, NULL, 0},
	{N(".unison.u.kv.8b1a9953c4611296a827abf8c47804d7.unison.tmp"),
	 FLOCKD_ENTRY_UNISON_TEMP, "u", 0, NULL, NULL, 0},
	{N(".unison.a.kv..001..8b1a99.unison.tmp"), FLOCKD_ENTRY_UNISON_TEMP, "a", 0, NULL, NULL, 0},
	{N(".unison.README.abc.unison.tmp"), FLOCKD_ENTRY_UNISON_TEMP, NULL, 0, NULL, NULL, 0},
	{N("k (conflict_on_2026-11-25).kv"), FLOCKD_ENTRY_UNISON_CONFLICT, "k", 0,
	 "2026-11-25", NULL, 0},
	{N("k (conflict #2_on_2026-11-25).kv"), FLOCKD_ENTRY_UNISON_CONFLICT, "k", 0,
	 "2026-11-25", NULL, 2},
	{N("a.b (conflict_on_2026-11-25_was_deleted).kv"), FLOCKD_ENTRY_UNISON_CONFLICT,
	 "a.b", FLOCKD_NAME_WAS_DELETED, "2026-11-25", NULL, 0},
	{N(".hidden (conflict_on_2026-11-25).kv"), FLOCKD_ENTRY_UNISON_CONFLICT,
	 ".hidden", 0, "2026-11-25", NULL, 0},
	{N("k (x) (conflict_on_2026-11-25).kv"), FLOCKD_ENTRY_UNISON_CONFLICT,
	 "k (x)", 0, "2026-11-25", NULL, 0},
	{N(".bak.1.k.kv"), FLOCKD_ENTRY_UNISON_BACKUP, "k", 0, NULL, NULL, 1},
	{N(".bak.12.a.b.kv"), FLOCKD_ENTRY_UNISON_BACKUP, "a.b", 0, NULL, NULL, 12},
	{N(".bak.99999999999999999999999.k.kv"), FLOCKD_ENTRY_UNISON_BACKUP, "k", 0,
	 NULL, NULL, ~0ul},

	/* Syncthing */
	{N(".syncthing.foo.kv.tmp"), FLOCKD_ENTRY_SYNCTHING_TEMP, "foo", 0, NULL, NULL, 0},
	{N(".syncthing.a b.kv.tmp"), FLOCKD_ENTRY_SYNCTHING_TEMP, "a b", 0, NULL, NULL, 0},
	{N("~syncthing~foo.kv.tmp"), FLOCKD_ENTRY_SYNCTHING_TEMP, "foo", 0, NULL, NULL, 0},
	{N(".syncthing.README.tmp"), FLOCKD_ENTRY_SYNCTHING_TEMP, NULL, 0, NULL, NULL, 0},
	{N(".syncthing..kv.tmp"), FLOCKD_ENTRY_SYNCTHING_TEMP, NULL, 0, NULL, NULL, 0},
	{N(".syncthing.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.tmp"),
	 FLOCKD_ENTRY_SYNCTHING_TEMP, NULL, FLOCKD_NAME_KEY_PARTIAL, NULL, NULL, 0},
	{N(".syncthing.foo.kv.tmpx"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("K.sync-conflict-20240102-030405-ABCDEFG.kv"), FLOCKD_ENTRY_SYNCTHING_CONFLICT,
	 "K", 0, "20240102-030405", "ABCDEFG", 0},
	{N("my key.sync-conflict-20231231-235959-XYZ1234.kv"),
	 FLOCKD_ENTRY_SYNCTHING_CONFLICT, "my key", 0, "20231231-235959", "XYZ1234", 0},
	{N("a.b.sync-conflict-20200101-000000-DEVICE7.kv"),
	 FLOCKD_ENTRY_SYNCTHING_CONFLICT, "a.b", 0, "20200101-000000", "DEVICE7", 0},
	{N("K.sync-conflict-20150101-120000.kv"), FLOCKD_ENTRY_SYNCTHING_CONFLICT,
	 "K", 0, "20150101-120000", NULL, 0},
	{N("K.sync-conflict-20240102-030405-ABCDEFG.sync-conflict-20240103-010101-HIJKLMN.kv"),
	 FLOCKD_ENTRY_SYNCTHING_CONFLICT, "K", 0, "20240103-010101", "HIJKLMN", 0},
	{N(".hidden.sync-conflict-20240102-030405-ABCDEFG.kv"),
	 FLOCKD_ENTRY_SYNCTHING_CONFLICT, ".hidden", 0, "20240102-030405", "ABCDEFG", 0},
	{N("k~20240102-030405.kv"), FLOCKD_ENTRY_SYNCTHING_VERSION, "k", 0,
	 "20240102-030405", NULL, 0},
	{N(".stfolder"), FLOCKD_ENTRY_SYNC_META, NULL, 0, NULL, NULL, 0},
	{N(".stignore"), FLOCKD_ENTRY_SYNC_META, NULL, 0, NULL, NULL, 0},
	{N(".stversions"), FLOCKD_ENTRY_SYNC_META, NULL, 0, NULL, NULL, 0},
	{N(".stfolderx"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},

	/* Dropbox, Nextcloud, ownCloud */
	{N("k (Bob's conflicted copy 2024-01-02).kv"), FLOCKD_ENTRY_CLOUD_CONFLICT,
	 "k", 0, "2024-01-02", "Bob", 0},
	{N("k (Bob's conflicted copy 2024-01-02 (1)).kv"), FLOCKD_ENTRY_CLOUD_CONFLICT,
	 "k", 0, "2024-01-02", "Bob", 0},
	{N("k (conflicted copy 2024-01-02 123456).kv"), FLOCKD_ENTRY_CLOUD_CONFLICT,
	 "k", 0, "2024-01-02 123456", NULL, 0},
	{N("k (conflicted copy alice 2024-01-02 123456).kv"), FLOCKD_ENTRY_CLOUD_CONFLICT,
	 "k", 0, "2024-01-02 123456", "alice", 0},
	{N("k (conflicted copy).kv"), FLOCKD_ENTRY_CLOUD_CONFLICT, "k", 0, NULL, NULL, 0},
	{N("k_conflict-20240102-030405.kv"), FLOCKD_ENTRY_CLOUD_CONFLICT, "k", 0,
	 "20240102-030405", NULL, 0},
	{N("k_conflict_alice-20240102-030405.kv"), FLOCKD_ENTRY_CLOUD_CONFLICT, "k", 0,
	 "20240102-030405", "alice", 0},

	/* NFS */
	{N(".nfs000000000012ab3400000001"), FLOCKD_ENTRY_NFS_SILLY, NULL, 0, NULL, NULL, 0},
	{N(".nfs00000000"), FLOCKD_ENTRY_NFS_SILLY, NULL, 0, NULL, NULL, 0},
	{N(".nfs1234"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N(".nfs0000000g12ab34"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},

	/* tables and strangers */
	{N("realm.tbl"), FLOCKD_ENTRY_TABLE, NULL, 0, NULL, NULL, 0},
	{N("this and that.tbl"), FLOCKD_ENTRY_TABLE, NULL, 0, NULL, NULL, 0},
	{N(".x.tbl"), FLOCKD_ENTRY_TABLE, NULL, 0, NULL, NULL, 0},
	{N("...tbl"), FLOCKD_ENTRY_TABLE, NULL, 0, NULL, NULL, 0},
	{N(".tbl"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("foo.txt"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("foo"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("foo.kv.bak"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("foo.KV"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("kv"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N(".kv"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N(""), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("."), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("~"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
	{N("\x01\x02.kx"), FLOCKD_ENTRY_OTHER, NULL, 0, NULL, NULL, 0},
};

static void check_case(const struct ccase *c)
{
	struct flockd_name_info info;
	memset(&info, 0xa5, sizeof info);
	enum flockd_entry_kind k = flockd_classify_name(c->name, c->len, &info);
	if (k != c->kind || info.kind != k)
		fail_msg("\"%s\": kind %s, expected %s", c->name, kname(k),
			 kname(c->kind));
	/* a key is its file name without ".kv", NUL bytes and all */
	int key_ok = c->kind == FLOCKD_ENTRY_KEY
			     ? info.key_off == 0 && info.key_len == c->len - 3
			     : span_is(c->name, info.key_off, info.key_len,
				       c->key);
	if (info.key_off + info.key_len > c->len || !key_ok)
		fail_msg("\"%s\": key at %zu+%zu, expected \"%s\"", c->name,
			 info.key_off, info.key_len, c->key ? c->key : "(none)");
	if (info.flags != c->flags)
		fail_msg("\"%s\": flags %#x, expected %#x", c->name, info.flags,
			 c->flags);
	if (info.when_off + info.when_len > c->len ||
	    !span_is(c->name, info.when_off, info.when_len, c->when))
		fail_msg("\"%s\": when %.*s, expected %s", c->name,
			 (int)info.when_len, c->name + info.when_off,
			 c->when ? c->when : "(none)");
	if (info.who_off + info.who_len > c->len ||
	    !span_is(c->name, info.who_off, info.who_len, c->who))
		fail_msg("\"%s\": who %.*s, expected %s", c->name,
			 (int)info.who_len, c->name + info.who_off,
			 c->who ? c->who : "(none)");
	if (info.seq != c->seq)
		fail_msg("\"%s\": seq %lu, expected %lu", c->name, info.seq,
			 c->seq);
	/* the short form agrees; a NULL out is allowed everywhere */
	size_t off = 99, klen = 99;
	assert_int_equal(flockd_classify(c->name, c->len, &off, &klen), k);
	if (c->key != NULL && !(c->flags & FLOCKD_NAME_KEY_PARTIAL)) {
		assert_int_equal(off, info.key_off);
		assert_int_equal(klen, info.key_len);
	} else {
		assert_int_equal(klen, 0);
		assert_int_equal(off, 0);
	}
	assert_int_equal(flockd_classify(c->name, c->len, NULL, NULL), k);
	assert_int_equal(flockd_classify_name(c->name, c->len, NULL), k);
}

static void test_classify_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_case(&cases[i]);
}

/* Names the tools shorten: rsync cuts past 246 bytes, unison at 143. */
static void test_classify_long_names(void **state)
{
	(void)state;
	char name[NAME_MAX + 1];
	/* rsync's temp of a 253-byte file name: "." + 246 + ".XXXXXX" */
	name[0] = '.';
	memset(name + 1, 'k', 246);
	memcpy(name + 247, ".o3sePO", 7);
	struct flockd_name_info info;
	assert_int_equal(flockd_classify_name(name, 254, &info),
			 FLOCKD_ENTRY_RSYNC_TEMP);
	assert_int_equal(info.flags,
			 FLOCKD_NAME_KEY_PARTIAL | FLOCKD_NAME_KEY_DOT);
	assert_int_equal(info.key_off, 1);
	assert_int_equal(info.key_len, 246);
	size_t klen = 7;
	flockd_classify(name, 254, NULL, &klen);
	assert_int_equal(klen, 0);
	/* one byte shorter is no rsync name */
	memmove(name + 246, name + 247, 7);
	assert_int_equal(flockd_classify_name(name, 253, &info),
			 FLOCKD_ENTRY_OTHER);
	/* unison: 143 bytes, name cut and an md5 appended */
	size_t n = (size_t)snprintf(name, sizeof name, ".unison.%.80s%s.%s.unison.tmp",
				    "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu"
				    "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu",
				    "0123456789abcdef0123456789abcdef", "a1b2c3d4e5f");
	assert_int_equal(n, 143);
	assert_int_equal(flockd_classify_name(name, n, &info),
			 FLOCKD_ENTRY_UNISON_TEMP);
	assert_int_equal(info.flags, FLOCKD_NAME_KEY_PARTIAL);
	assert_int_equal(info.key_len, 0);
	/* a 252-byte key from another tool is still a key */
	memset(name, 'k', 252);
	memcpy(name + 252, ".kv", 3);
	assert_int_equal(flockd_classify_name(name, 255, &info),
			 FLOCKD_ENTRY_KEY);
	assert_int_equal(info.key_len, 252);
}

/* Every byte value in every position: classification never reads past
 * `len` (ASan watches) and always returns a kind with valid spans. */
static void test_classify_any_bytes(void **state)
{
	(void)state;
	static const char *const seeds[] = {
		"K.sync-conflict-20240102-030405-ABCDEFG.kv",
		"k (conflict #2_on_2026-11-25).kv",
		"k (Bob's conflicted copy 2024-01-02 (1)).kv",
		".unison.u.kv.8b1a.unison.tmp", ".foo.kv.a1B2c3",
		".bak.12.k.kv", "foo.kv.~3~", ".syncthing.a.kv.tmp",
		"k_conflict_alice-20240102-030405.kv",
	};
	for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
		size_t len = strlen(seeds[s]);
		for (size_t cut = 0; cut <= len; cut++) {
			char *copy = malloc(cut ? cut : 1); /* exact size */
			assert_non_null(copy);
			for (int b = 0; b < 256; b += 17) {
				memcpy(copy, seeds[s], cut);
				if (cut > 0)
					copy[(cut * 7) % cut] = (char)b;
				struct flockd_name_info info;
				enum flockd_entry_kind k =
					flockd_classify_name(copy, cut, &info);
				assert_true((unsigned)k < FLOCKD_ENTRY_KIND_COUNT);
				assert_true(info.key_off + info.key_len <= cut);
				assert_true(info.when_off + info.when_len <= cut);
				assert_true(info.who_off + info.who_len <= cut);
			}
			free(copy);
		}
	}
}

static void test_kind_names(void **state)
{
	(void)state;
	for (int k = 0; k < FLOCKD_ENTRY_KIND_COUNT; k++) {
		const char *n = flockd_entry_kind_name((enum flockd_entry_kind)k);
		const char *t = flockd_entry_kind_text((enum flockd_entry_kind)k);
		assert_non_null(n);
		assert_non_null(t);
		assert_true(strlen(n) > 0 && strlen(t) > 0);
		for (const char *p = n; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || *p == '-');
		for (int j = 0; j < k; j++)
			assert_string_not_equal(n, flockd_entry_kind_name(
							   (enum flockd_entry_kind)j));
	}
	assert_string_equal(flockd_entry_kind_name(FLOCKD_ENTRY_KEY), "key");
	assert_string_equal(flockd_entry_kind_name(FLOCKD_ENTRY_SYNCTHING_CONFLICT),
			    "syncthing-conflict");
	assert_string_equal(flockd_entry_kind_name(FLOCKD_ENTRY_KIND_COUNT), "other");
	assert_string_equal(flockd_entry_kind_name((enum flockd_entry_kind)-1), "other");
	/* the families */
	assert_int_equal(flockd_entry_class_of(FLOCKD_ENTRY_KEY), FLOCKD_CLASS_KEY);
	assert_int_equal(flockd_entry_class_of(FLOCKD_ENTRY_UNISON_TEMP), FLOCKD_CLASS_TEMP);
	assert_int_equal(flockd_entry_class_of(FLOCKD_ENTRY_CLOUD_CONFLICT),
			 FLOCKD_CLASS_CONFLICT);
	assert_int_equal(flockd_entry_class_of(FLOCKD_ENTRY_UNISON_BACKUP),
			 FLOCKD_CLASS_BACKUP);
	assert_int_equal(flockd_entry_class_of(FLOCKD_ENTRY_NFS_SILLY), FLOCKD_CLASS_TOOL);
	assert_int_equal(flockd_entry_class_of(FLOCKD_ENTRY_OTHER), FLOCKD_CLASS_OTHER);
	/* only a key is a key */
	int keys = 0;
	for (int k = 0; k < FLOCKD_ENTRY_KIND_COUNT; k++)
		keys += flockd_entry_class_of((enum flockd_entry_kind)k) ==
			FLOCKD_CLASS_KEY;
	assert_int_equal(keys, 1);
}

static void test_dir_walked(void **state)
{
	(void)state;
	assert_true(flockd_dir_walked(N("users.tbl")));
	assert_true(flockd_dir_walked(N(".hidden.tbl")));
	assert_true(flockd_dir_walked(N("plain")));
	assert_true(flockd_dir_walked(N("x.kv")));
	assert_false(flockd_dir_walked(N(".git")));
	assert_false(flockd_dir_walked(N(".backup")));
	assert_false(flockd_dir_walked(N(".stversions")));
	assert_false(flockd_dir_walked(N(".~tmp~")));
	assert_false(flockd_dir_walked(N(".rsync-partial")));
	assert_false(flockd_dir_walked(N("")));
}

static void test_suspect(void **state)
{
	(void)state;
	struct flockd_stat a = {.size = 10, .mode = S_IFREG | 0600};
	a.mtime.tv_sec = 0;
	a.mtime.tv_nsec = 790592762; /* what rsync --partial really left */
	assert_true(flockd_stat_suspect(&a));
	a.mtime.tv_sec = 1;
	assert_false(flockd_stat_suspect(&a));
	a.mode = S_IFDIR | 0755;
	a.mtime.tv_sec = 0;
	assert_false(flockd_stat_suspect(&a));

	struct flockd_stat b = {.size = 10, .mode = S_IFREG | 0600};
	a = b;
	a.mtime.tv_sec = b.mtime.tv_sec = 1700000000;
	assert_false(flockd_stat_pair_suspect(&a, &b));
	a.size = 7;
	assert_true(flockd_stat_pair_suspect(&a, &b));
	assert_true(flockd_stat_pair_suspect(&b, &a));
	a.mtime.tv_nsec = 5; /* same second, b keeps seconds only: suspect */
	assert_true(flockd_stat_pair_suspect(&a, &b));
	b.mtime.tv_nsec = 7; /* both precise and different: two writes */
	assert_false(flockd_stat_pair_suspect(&a, &b));
	b.mtime.tv_nsec = 5; /* equal to the nanosecond */
	assert_true(flockd_stat_pair_suspect(&a, &b));
	a.mtime.tv_sec++;
	assert_false(flockd_stat_pair_suspect(&a, &b));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify_table),
		cmocka_unit_test(test_classify_long_names),
		cmocka_unit_test(test_classify_any_bytes),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_dir_walked),
		cmocka_unit_test(test_suspect),
	};
	return cmocka_run_group_tests_name("store classify", tests, NULL, NULL);
}
