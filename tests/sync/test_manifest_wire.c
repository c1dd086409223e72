/* SPDX-License-Identifier: MIT */
/* test_manifest_wire.c - manifest records as NUL-terminated fields: the
 * words of an entry and the entry read back, times, modes, hashes and
 * error words, malformed fields, input cut inside a record, and records
 * read across many refills of the reader's buffer. */
#include "sync_test.h"

#include "cli/cli_common.h"
#include "sync/manifest_wire.h"

#include <unistd.h>

static void format(const struct flockd_timespec *ts, char *buf, size_t size)
{
	cli_format_time(ts, buf, size);
}

/* A file holding `n` bytes of `data`, opened for reading. */
static int input(const char *data, size_t n)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fflush(f);
	int fd = dup(fileno(f));
	fclose(f);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

static void test_round_trip(void **state)
{
	(void)state;
	struct manifest_entry e = {0}, back;
	e.table = "users";
	e.kind = FLOCKD_ENTRY_SYNCTHING_CONFLICT;
	e.name = "k.sync-conflict-20240102-030405-ABCDEFG.kv";
	e.have_stat = 1;
	e.st.size = 42;
	e.st.mtime.tv_sec = 1700000000;
	e.st.mtime.tv_nsec = 123456789;
	e.st.mode = S_IFREG | 0640;
	e.have_hash = 1;
	vhash_buf("x", 1, &e.hash);
	e.err = FLOCKD_ETIMEOUT;
	struct manifest_wire_words w;
	manifest_wire_fields(&e, format, &w);
	assert_string_equal(w.size, "42");
	assert_string_equal(w.mtime, "2023-11-14T22:13:20.123456789Z");
	assert_string_equal(w.mode, "100640");
	assert_string_equal(w.error, "timeout");
	char rec[512];
	size_t n = 0;
	const char *fields[] = {e.table, "syncthing-conflict", e.name, w.size,
				w.mtime, w.mode, w.hash, w.error};
	for (int i = 0; i < MANIFEST_WIRE_FIELDS; i++) {
		memcpy(rec + n, fields[i], strlen(fields[i]) + 1);
		n += strlen(fields[i]) + 1;
	}
	int fd = input(rec, n);
	struct wire_reader *r;
	char *f[MANIFEST_WIRE_FIELDS];
	size_t l[MANIFEST_WIRE_FIELDS];
	assert_int_equal(wire_reader_new(fd, &r), 0);
	assert_int_equal(wire_reader_record(r, MANIFEST_WIRE_FIELDS, f, l), 0);
	assert_int_equal(manifest_wire_entry(f, l, &back), 0);
	assert_string_equal(back.table, "users");
	assert_string_equal(back.name, e.name);
	assert_int_equal(back.kind, e.kind);
	assert_int_equal(back.key_len, 1);
	assert_true(back.have_stat && back.have_hash);
	assert_int_equal(back.st.size, 42);
	assert_int_equal(back.st.mtime.tv_sec, 1700000000);
	assert_int_equal(back.st.mtime.tv_nsec, 123456789);
	assert_int_equal(back.st.mode, S_IFREG | 0640);
	assert_true(vhash_equal(&back.hash, &e.hash));
	assert_int_equal(back.err, FLOCKD_ETIMEOUT);
	assert_int_equal(wire_reader_record(r, MANIFEST_WIRE_FIELDS, f, l),
			 MANIFEST_END);
	wire_reader_free(r);
	close(fd);
}

/* One record from a string of fields separated by '|'. */
static int parse_one(const char *spec, struct manifest_entry *e)
{
	char buf[512];
	size_t n = strlen(spec);
	memcpy(buf, spec, n + 1);
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '|')
			buf[i] = '\0';
	int fd = input(buf, n + 1);
	struct wire_reader *r;
	static char *f[MANIFEST_WIRE_FIELDS];
	static size_t l[MANIFEST_WIRE_FIELDS];
	assert_int_equal(wire_reader_new(fd, &r), 0);
	int res = wire_reader_record(r, MANIFEST_WIRE_FIELDS, f, l);
	if (res == 0)
		res = manifest_wire_entry(f, l, e);
	/* e points into the reader: copy what the test looks at */
	static char table[64];
	if (res == 0) {
		snprintf(table, sizeof table, "%s", e->table);
		e->table = table;
		e->name = "";
	}
	wire_reader_free(r);
	close(fd);
	return res;
}

static void test_fields(void **state)
{
	(void)state;
	struct manifest_entry e;
	const char *ok_hash = "99aa06d3014798d86001c324468d497f";
	char spec[256];
	assert_int_equal(parse_one("|table||-|2024-01-02T03:04:05Z|40755|-|-",
				   &e), 0);
	assert_int_equal(e.kind, FLOCKD_ENTRY_TABLE);
	assert_int_equal(e.st.mtime.tv_nsec, 0);
	assert_int_equal(parse_one("t|table||-|-|-|-|not-found", &e), 0);
	assert_int_equal(e.err, FLOCKD_ENOTFOUND);
	assert_false(e.have_stat);
	snprintf(spec, sizeof spec, "a/b|key|k|0|1970-01-01T00:00:00.5Z|"
		 "100600|%s|EACCES", ok_hash);
	assert_int_equal(parse_one(spec, &e), 0);
	assert_string_equal(e.table, "a/b");
	assert_int_equal(e.st.mtime.tv_sec, 0);
	assert_int_equal(e.st.mtime.tv_nsec, 500000000);
	assert_int_equal(e.err, EACCES);
	/* malformed: each is refused */
	const char *bad[] = {
		"|table|x|-|-|-|-|-",              /* a table with a name */
		"|key||1|-|-|-|-",                 /* a key without one */
		"|key|a/b|1|-|-|-|-",              /* a '/' in a name */
		"|nokind|k|1|-|-|-|-",
		"..|key|k|-|-|-|-|-",              /* a bad table name */
		"|key|k|12x|2024-01-02T03:04:05Z|100600|-|-",
		"|key|k|1|2024-13-02T03:04:05Z|100600|-|-",
		"|key|k|1|2024-01-02 03:04:05Z|100600|-|-",
		"|key|k|1|2024-01-02T03:04:05|100600|-|-",
		"|key|k|1|2024-01-02T03:04:05.1234567890Z|100600|-|-",
		"|key|k|1|2024-01-02T03:04:05Z|100900|-|-",
		"|key|k|1|2024-01-02T03:04:05Z|100600|abc|-",
		"|key|k|1|-|100600|-|-",           /* a time missing */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		print_message("# %s\n", bad[i]);
		assert_int_equal(parse_one(bad[i], &e), EPROTO);
	}
	/* cut inside a record */
	assert_int_equal(parse_one("|key|k|1", &e), EPROTO);
}

static void test_error_words(void **state)
{
	(void)state;
	int codes[] = {0, FLOCKD_ETIMEOUT, FLOCKD_ENOTFOUND, FLOCKD_ENOTREG,
		       FLOCKD_EINVALID, FLOCKD_ECONFLICT, EACCES, EIO, ENOSPC};
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
		assert_int_equal(manifest_error_parse(
					 manifest_error_name(codes[i])),
				 codes[i]);
	assert_string_equal(manifest_error_name(0), "-");
	assert_string_equal(manifest_error_name(EACCES), "EACCES");
	assert_string_equal(manifest_error_name(-1), "error");
	assert_int_equal(manifest_error_parse("whatever"), EIO);
	enum flockd_entry_kind k;
	assert_int_equal(manifest_kind_parse("rsync-temp", &k), 0);
	assert_int_equal(k, FLOCKD_ENTRY_RSYNC_TEMP);
	assert_int_equal(manifest_kind_parse("end", &k), EINVAL);
}

static void test_refills(void **state)
{
	(void)state;
	/* 20000 records of 3 fields, longer than the reader's buffer many
	 * times over, read through a pipe in small writes */
	int p[2];
	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		char rec[128];
		for (int i = 0; i < 20000; i++) {
			int n = snprintf(rec, sizeof rec, "t%d", i) + 1;
			n += snprintf(rec + n, sizeof rec - n, "%0*d", 40, i) + 1;
			n += snprintf(rec + n, sizeof rec - n, "x") + 1;
			if (write(p[1], rec, (size_t)n) != n)
				_exit(1);
		}
		_exit(0);
	}
	close(p[1]);
	struct wire_reader *r;
	char *f[3];
	size_t l[3];
	assert_int_equal(wire_reader_new(p[0], &r), 0);
	int i = 0, res;
	char want[64];
	while ((res = wire_reader_record(r, 3, f, l)) == 0) {
		snprintf(want, sizeof want, "t%d", i);
		assert_string_equal(f[0], want);
		assert_int_equal(l[1], 40);
		assert_string_equal(f[2], "x");
		i++;
	}
	assert_int_equal(res, MANIFEST_END);
	assert_int_equal(i, 20000);
	wire_reader_free(r);
	close(p[0]);
	int status;
	waitpid(pid, &status, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_error_words),
		cmocka_unit_test(test_refills),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
