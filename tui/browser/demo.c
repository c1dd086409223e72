/* SPDX-License-Identifier: MIT */
/*
 * demo.c - the demo database of `flockd --demo`: tables (one nested, one
 * empty), text, JSON, multi-line, binary, a value of a few megabytes, an
 * empty value, a hostile key name, wide and combining names, a Syncthing
 * conflict copy, a stale temp file and a symlink posing as a key.
 */
#include "browser/demo.h"

#include "flockd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct demo_value {
	const char *table;
	const char *key;
	const char *value;
};

static const struct demo_value demo_values[] = {
	{"", "readme", "This is a flockd demo database.\n\n"
	 "Every table is a directory, every key a file. Try:\n"
	 "  Tab / arrows   move between panes and rows\n"
	 "  /              filter keys (re: and glob: forms too)\n"
	 "  s              cycle the sort\n"
	 "  x              text or hex\n"
	 "  ?              all the keys\n"},
	{"", "motd", "Welcome!"},
	{"users", "alice", "{\"name\": \"Alice\", \"roles\": [\"admin\"], "
	 "\"email\": \"alice@example.org\"}"},
	{"users", "bob", "{\"name\": \"Bob\", \"roles\": []}"},
	{"users", "carol", "{\n  \"name\": \"Carol\",\n  \"roles\": [\n"
	 "    \"editor\",\n    \"viewer\"\n  ],\n  \"note\": \"multi-line "
	 "JSON\"\n}\n"},
	{"users", "carol.sync-conflict-20260101-120000-ABCDEFG",
	 "{\"name\": \"Carol\", \"roles\": [\"editor\"]}"},
	{"users", "dave", "plain text value\nwith a second line\r\n"
	 "and a tab:\there\n"},
	{"users", "empty", ""},
	{"users", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e-wide", "wide name"},
	{"users", "cafe\xcc\x81-combining", "combining accent in the name"},
	{"users", "a-very-long-key-name-that-goes-on-and-on-and-on-until-it-"
	 "cannot-fit-in-any-pane-at-all-0123456789", "long name"},
	{"users/archive", "alice-2019", "{\"name\": \"Alice\", \"year\": 2019}"},
	{"users/archive", "bob-2019", "{\"name\": \"Bob\", \"year\": 2019}"},
	{"sessions", "s-0001", "user=alice expires=2026-12-31T00:00:00Z"},
	{"sessions", "s-0002", "user=bob expires=2026-06-30T00:00:00Z"},
	{"config", "app.json", "{\n  \"listen\": \":8080\",\n  \"debug\": "
	 "false\n}\n"},
	{"config", "escapes-in-value", "bell\x07 escape\x1b[2J clear "
	 "C1\xc2\x9b" "31m bad\xff byte\n"},
};

static int put(flockd_db *db, const char *table, const char *key,
	       const void *v, size_t len, char *msg, size_t size)
{
	flockd_table *t = NULL;
	int err = flockd_table_open(db, table, FLOCKD_TABLE_CREATE, &t);
	if (err == FLOCKD_OK)
		err = flockd_set(t, key, v, len);
	if (err != FLOCKD_OK)
		snprintf(msg, size, "demo: cannot store a value in table "
			 "'%s': %s", table, flockd_strerror(err));
	flockd_table_close(t);
	return err;
}

/* A few megabytes of text, numbered lines so scrolling shows progress. */
static char *big_value(size_t *len)
{
	size_t cap = 3u << 20, n = 0;
	char *v = malloc(cap);
	if (v == NULL)
		return NULL;
	for (unsigned i = 0; n + 80 < cap; i++)
		n += (size_t)snprintf(v + n, cap - n,
				      "line %07u of a large value: the quick "
				      "brown fox jumps over the lazy dog\n", i);
	*len = n;
	return v;
}

/* Files the library would never write: a stale temp file of a crashed
 * writer and a symlink named like a key. */
static int leftovers(flockd_db *db, char *msg, size_t size)
{
	flockd_table *t = NULL;
	int err = flockd_table_open(db, "users", 0, &t);
	if (err != FLOCKD_OK) {
		snprintf(msg, size, "demo: %s", flockd_strerror(err));
		return err;
	}
	int dfd = flockd_table_dirfd(t);
	int fd = openat(dfd, "bob.kvQ3xZ9a", O_WRONLY | O_CREAT | O_EXCL |
			O_CLOEXEC, 0600);
	if (fd >= 0) {
		static const char partial[] = "{\"name\": \"Bo";
		if (write(fd, partial, sizeof partial - 1) < 0)
			err = errno;
		struct timespec old[2];
		clock_gettime(CLOCK_REALTIME, &old[0]);
		old[0].tv_sec -= 2 * 86400;
		old[1] = old[0];
		futimens(fd, old);
		close(fd);
	} else {
		err = errno;
	}
	if (err == 0 && symlinkat("alice.kv", dfd, "link-to-alice.kv") != 0)
		err = errno;
	if (err != 0)
		snprintf(msg, size, "demo: cannot create leftovers: %s",
			 strerror(err));
	flockd_table_close(t);
	return err;
}

int demo_create(char **dir, char *msg, size_t size)
{
	const char *base = getenv("TMPDIR");
	char *path;
	flockd_db *db = NULL;
	int err;

	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	path = malloc(strlen(base) + 32);
	if (path == NULL) {
		snprintf(msg, size, "demo: out of memory");
		return ENOMEM;
	}
	sprintf(path, "%s/flockd-demo.XXXXXX", base);
	if (mkdtemp(path) == NULL) {
		err = errno;
		snprintf(msg, size, "demo: cannot create a directory in %s: %s",
			 base, strerror(err));
		free(path);
		return err;
	}
	err = flockd_open(path, 2000, FLOCKD_OPEN_NOCREATE, &db);
	if (err != FLOCKD_OK) {
		snprintf(msg, size, "demo: %s: %s", path, flockd_strerror(err));
		goto out;
	}
	for (size_t i = 0; i < sizeof demo_values / sizeof demo_values[0]; i++) {
		const struct demo_value *d = &demo_values[i];
		err = put(db, d->table, d->key, d->value, strlen(d->value), msg,
			  size);
		if (err != FLOCKD_OK)
			goto out;
	}
	static const char hostile[] = DEMO_HOSTILE_KEY;
	err = put(db, "users", hostile, "a key with a hostile name", 25, msg,
		  size);
	if (err != FLOCKD_OK)
		goto out;
	unsigned char bin[300];
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n',
					    0x1a, '\n', 0, 0, 0, 13};
	memcpy(bin, png, sizeof png);
	for (size_t i = sizeof png; i < sizeof bin; i++)
		bin[i] = (unsigned char)(i * 37 + 11);
	err = put(db, "users", "avatar.png", bin, sizeof bin, msg, size);
	if (err != FLOCKD_OK)
		goto out;
	size_t blen = 0;
	char *big = big_value(&blen);
	if (big == NULL) {
		err = ENOMEM;
		snprintf(msg, size, "demo: out of memory");
		goto out;
	}
	err = put(db, "", "large-log", big, blen, msg, size);
	free(big);
	if (err != FLOCKD_OK)
		goto out;
	flockd_table *empty = NULL;
	err = flockd_table_open(db, "empty", FLOCKD_TABLE_CREATE, &empty);
	flockd_table_close(empty);
	if (err != FLOCKD_OK) {
		snprintf(msg, size, "demo: %s", flockd_strerror(err));
		goto out;
	}
	err = leftovers(db, msg, size);
out:
	flockd_close(db);
	if (err != 0) {
		free(path);
		return err;
	}
	*dir = path;
	return 0;
}
