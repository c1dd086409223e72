/*
 * fuzz_names.c - the naming rules of the on-disk format (store/flockd.h):
 * flockd_key_valid, flockd_table_name_valid, the entry classifier
 * flockd_classify and flockd_conflict_of. Besides memory safety it checks
 * the promises listings rely on: a valid name is what the header says, the
 * key found inside an entry name lies within it, and every storable key and
 * table lists as what it is (KEY.kv is a key, KEY.kv + a temp suffix is a
 * temp of KEY, NAME.tbl is a table).
 */
#include "fuzz.h"

#include "flockd.h"

#include <limits.h>

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static void check_key(const char *key)
{
	size_t len = strlen(key);
	if (flockd_key_valid(key) != FLOCKD_OK) {
		FUZZ_CHECK(flockd_key_valid(key) == FLOCKD_EINVALID);
		return;
	}
	FUZZ_CHECK(len > 0 && memchr(key, '/', len) == NULL);
	FUZZ_CHECK(len + 3 <= NAME_MAX);
	/* KEY.kv lists as the key KEY, KEY.kv + letters/digits as its temp */
	char name[NAME_MAX + 16];
	memcpy(name, key, len);
	memcpy(name + len, ".kvAb12Cd34", 12);
	size_t off, klen;
	FUZZ_CHECK(flockd_classify(name, len + 3, &off, &klen) ==
		   FLOCKD_ENTRY_KEY);
	FUZZ_CHECK(off == 0 && klen == len);
	FUZZ_CHECK(flockd_classify(name, len + 11, &off, &klen) ==
		   FLOCKD_ENTRY_TEMP);
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

static void check_entry(const char *name, size_t len)
{
	size_t off = 99, klen = 99;
	enum flockd_entry_kind kind = flockd_classify(name, len, &off, &klen);
	FUZZ_CHECK(off <= len && klen <= len - off);
	if (kind == FLOCKD_ENTRY_KEY)
		FUZZ_CHECK(len > 3 && off == 0 && klen == len - 3 &&
			   memcmp(name + klen, ".kv", 3) == 0);
	if (kind == FLOCKD_ENTRY_TABLE)
		FUZZ_CHECK(len > 4 && memcmp(name + len - 4, ".tbl", 4) == 0);
	if (kind == FLOCKD_ENTRY_TEMP) {
		FUZZ_CHECK(klen > 0 && off == 0 && klen + 3 < len &&
			   memcmp(name + klen, ".kv", 3) == 0);
		for (size_t i = klen + 3; i < len; i++)
			FUZZ_CHECK(is_alnum((unsigned char)name[i]));
	}
	if (kind != FLOCKD_ENTRY_KEY && kind != FLOCKD_ENTRY_TEMP &&
	    klen > 0)
		FUZZ_CHECK(kind != FLOCKD_ENTRY_OTHER &&
			   kind != FLOCKD_ENTRY_TABLE);
	size_t c = flockd_conflict_of(name, len);
	FUZZ_CHECK(c == 0 || (c < len && len - c > 15 &&
			      memcmp(name + c, ".sync-conflict-", 15) == 0));
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
