/* SPDX-License-Identifier: MIT */
/*
 * fuzz_names.c - the naming rules of the on-disk format (store/flockd.h):
 * flockd_key_valid, flockd_table_name_valid and the one classifier of
 * directory entries (flockd_classify_name, flockd_classify). Besides memory
 * safety it checks the promises listings rely on: a valid name is what the
 * header says, every span the classifier reports lies within the name, the
 * short form agrees with the long one, and plain keys list as what they are
 * (KEY.kv a key, KEY.kv + a temp suffix a temp of KEY, NAME.tbl a table).
 */
#include "fuzz.h"

#include "flockd.h"

#include <limits.h>

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static int all_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_alnum((unsigned char)s[i]))
			return 0;
	return 1;
}

/* A key's files: KEY.kv, and KEY.kv + the suffix of one of our temps. A key
 * of letters and digits cannot look like any tool's artefact, so it must
 * list as itself; any other key listed as a key or temp is still itself. */
static void check_key(const char *key)
{
	size_t len = strlen(key);
	if (flockd_key_valid(key) != FLOCKD_OK) {
		FUZZ_CHECK(flockd_key_valid(key) == FLOCKD_EINVALID);
		return;
	}
	FUZZ_CHECK(len > 0 && memchr(key, '/', len) == NULL);
	FUZZ_CHECK(len + 3 <= NAME_MAX);
	char name[NAME_MAX + 16];
	memcpy(name, key, len);
	memcpy(name + len, ".kvAb12Cd34", 12);
	size_t off, klen;
	int plain = all_alnum(key, len);
	enum flockd_entry_kind kind = flockd_classify(name, len + 3, &off, &klen);
	FUZZ_CHECK(!plain || kind == FLOCKD_ENTRY_KEY);
	if (kind == FLOCKD_ENTRY_KEY)
		FUZZ_CHECK(off == 0 && klen == len);
	kind = flockd_classify(name, len + 11, &off, &klen);
	FUZZ_CHECK(!plain || kind == FLOCKD_ENTRY_TEMP);
	if (kind == FLOCKD_ENTRY_TEMP)
		FUZZ_CHECK(off == 0 && klen == len);
}

static void check_table(const char *table)
{
	if (flockd_table_name_valid(table) != FLOCKD_OK) {
		FUZZ_CHECK(flockd_table_name_valid(table) == FLOCKD_EINVALID);
		return;
	}
	/* components: non-empty, not "." or "..", fit NAME_MAX (the last
	 * with ".tbl") */
	for (const char *p = table; *p != '\0';) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		FUZZ_CHECK(n > 0 && !(n == 1 && p[0] == '.') &&
			   !(n == 2 && p[0] == '.' && p[1] == '.'));
		FUZZ_CHECK(n + (slash ? 0 : 4) <= NAME_MAX);
		if (slash == NULL) {
			char name[NAME_MAX + 8];
			memcpy(name, p, n);
			memcpy(name + n, ".tbl", 5);
			FUZZ_CHECK(flockd_classify(name, n + 4, NULL, NULL) ==
				   FLOCKD_ENTRY_TABLE);
			break;
		}
		p = slash + 1;
	}
}

static int span_ok(size_t off, size_t n, size_t len)
{
	return off <= len && n <= len - off;
}

static void check_entry(const char *name, size_t len)
{
	struct flockd_name_info info;
	memset(&info, 0xa5, sizeof info);
	enum flockd_entry_kind kind = flockd_classify_name(name, len, &info);
	FUZZ_CHECK(kind == info.kind && (int)kind >= 0 &&
		   kind < FLOCKD_ENTRY_KIND_COUNT);
	FUZZ_CHECK(span_ok(info.key_off, info.key_len, len) &&
		   span_ok(info.when_off, info.when_len, len) &&
		   span_ok(info.who_off, info.who_len, len));
	/* A copy or backup names its key, unless the tool cut the name. (A
	 * sync tool's temp of a file that is no key, ".syncthing.a.txt.tmp",
	 * belongs to no key: its span is empty without the PARTIAL flag.) */
	enum flockd_entry_class cls = flockd_entry_class_of(kind);
	if ((cls == FLOCKD_CLASS_KEY || cls == FLOCKD_CLASS_CONFLICT ||
	     cls == FLOCKD_CLASS_BACKUP) &&
	    !(info.flags & FLOCKD_NAME_KEY_PARTIAL))
		FUZZ_CHECK(info.key_len > 0);
	if (kind == FLOCKD_ENTRY_KEY)
		FUZZ_CHECK(len > 3 && info.key_off == 0 &&
			   info.key_len == len - 3 &&
			   memcmp(name + len - 3, ".kv", 3) == 0);
	if (kind == FLOCKD_ENTRY_TABLE)
		FUZZ_CHECK(len > 4 && memcmp(name + len - 4, ".tbl", 4) == 0);
	/* the short form says the same */
	size_t off = 99, klen = 99;
	FUZZ_CHECK(flockd_classify(name, len, &off, &klen) == kind);
	if (info.flags & FLOCKD_NAME_KEY_PARTIAL)
		FUZZ_CHECK(klen == 0);
	else
		FUZZ_CHECK(off == info.key_off && klen == info.key_len);
	const char *kname = flockd_entry_kind_name(kind);
	FUZZ_CHECK(kname != NULL && *kname != '\0' &&
		   flockd_entry_kind_text(kind) != NULL);
	(void)flockd_dir_walked(name, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstring(data, size);
	check_key(s);
	check_table(s);
	check_entry((const char *)data, size);
	free(s);
	return 0;
}
