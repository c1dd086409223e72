/* SPDX-License-Identifier: MIT */
/* test_vhash.c - value hashes: XXH3-128's known value, the same hash by
 * every path (one call, a descriptor, streaming, values larger than one
 * read), the text form and its parsing. */
#include "sync_test.h"

#include "sync/vhash.h"

static void test_known_and_text(void **state)
{
	(void)state;
	struct vhash h, back;
	char hex[VHASH_HEX_LEN + 1];
	/* xxhsum -H2 /dev/null */
	vhash_buf("", 0, &h);
	vhash_hex(&h, hex);
	assert_string_equal(hex, "99aa06d3014798d86001c324468d497f");
	assert_int_equal(vhash_parse(hex, VHASH_HEX_LEN, &back), 0);
	assert_true(vhash_equal(&h, &back));
	assert_int_equal(vhash_parse("99AA06D3014798D86001C324468D497F", 32,
				     &back), 0);
	assert_true(vhash_equal(&h, &back));
	assert_int_equal(vhash_parse(hex, 31, &back), EINVAL);
	assert_int_equal(vhash_parse("g9aa06d3014798d86001c324468d497f", 32,
				     &back), EINVAL);
	struct vhash other;
	vhash_buf("a", 1, &other);
	assert_false(vhash_equal(&h, &other));
}

static void hash_file(struct vhasher *hs, const char *path, size_t n,
		      const char *data)
{
	assert_int_equal(testutil_write_file(path, data, n), 0);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	struct vhash a, b, c;
	uint64_t len = 7;
	assert_int_equal(lseek(fd, 5, SEEK_SET), 5); /* offset ignored */
	assert_int_equal(vhasher_fd(hs, fd, &a, &len), 0);
	assert_int_equal(len, n);
	vhash_buf(data, n, &b);
	assert_true(vhash_equal(&a, &b));
	vhasher_start(hs);
	for (size_t off = 0; off < n; off += 1000)
		vhasher_update(hs, data + off, n - off < 1000 ? n - off : 1000);
	vhasher_end(hs, &c);
	assert_true(vhash_equal(&a, &c));
	assert_int_equal(lseek(fd, 0, SEEK_CUR), 5);
	close(fd);
}

static void test_paths_agree(void **state)
{
	(void)state;
	char *dir = testutil_mkdtemp(), path[PATH_MAX];
	snprintf(path, sizeof path, "%s/v", dir);
	struct vhasher *hs;
	assert_int_equal(vhasher_new(&hs), 0);
	size_t sizes[] = {0, 1, 100, 128 * 1024 - 1, 128 * 1024,
			  128 * 1024 + 1, 1000 * 1000};
	char *data = malloc(1000 * 1000);
	for (size_t i = 0; i < 1000 * 1000; i++)
		data[i] = (char)(i * 131 + (i >> 9));
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		hash_file(hs, path, sizes[i], data);
	/* one byte changed at the end of a large value changes the hash */
	struct vhash x, y;
	vhash_buf(data, 1000 * 1000, &x);
	data[999999] ^= 1;
	vhash_buf(data, 1000 * 1000, &y);
	assert_false(vhash_equal(&x, &y));
	uint64_t len;
	assert_int_equal(vhasher_fd(hs, -1, &x, &len), EBADF);
	vhasher_free(hs);
	vhasher_free(NULL);
	free(data);
	testutil_rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_and_text),
		cmocka_unit_test(test_paths_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
