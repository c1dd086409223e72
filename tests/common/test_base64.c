/* SPDX-License-Identifier: MIT */
/* test_base64.c - tui/common/base64: RFC 4648 vectors, strictness, round
 * trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/base64.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *plain, *coded;
} vectors[] = {
	{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
	{"foo", "Zm9v"},  {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
	{"foobar", "Zm9vYmFy"},
};

static void test_rfc4648_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		const char *p = vectors[i].plain, *c = vectors[i].coded;
		char out[32];
		unsigned char back[32];
		size_t n = 99;
		assert_int_equal(base64_encoded_len(strlen(p)), strlen(c));
		base64_encode(p, strlen(p), out);
		assert_string_equal(out, c);
		assert_int_equal(base64_decode(c, strlen(c), back, &n), 0);
		assert_int_equal(n, strlen(p));
		assert_memory_equal(back, p, n);
	}
}

static void test_every_byte_round_trips(void **state)
{
	(void)state;
	unsigned char in[256 * 3], back[256 * 3 + 3];
	char out[1100];
	for (size_t i = 0; i < sizeof in; i++)
		in[i] = (unsigned char)(i * 7 + i / 256);
	/* Every length up to 3 * 256, so every tail case is covered. */
	for (size_t len = 0; len <= sizeof in; len += 1 + len / 16) {
		size_t n = 0;
		base64_encode(in, len, out);
		assert_int_equal(strlen(out), base64_encoded_len(len));
		assert_true(base64_decoded_max(strlen(out)) >= len);
		assert_int_equal(base64_decode(out, strlen(out), back, &n), 0);
		assert_int_equal(n, len);
		assert_memory_equal(back, in, len);
	}
}

static void test_pieces_concatenate(void **state)
{
	(void)state;
	unsigned char in[100];
	char whole[200], part[200], joined[200] = "";
	for (size_t i = 0; i < sizeof in; i++)
		in[i] = (unsigned char)(255 - i);
	base64_encode(in, sizeof in, whole);
	for (size_t off = 0; off < sizeof in; off += 9) {
		size_t n = sizeof in - off < 9 ? sizeof in - off : 9;
		base64_encode(in + off, n, part);
		strcat(joined, part);
	}
	assert_string_equal(joined, whole);
}

static void test_rejects_malformed(void **state)
{
	(void)state;
	static const char *bad[] = {
		"Zg=",      /* length not a multiple of 4 */
		"Zg",       "Z===",     "====",
		"Zm9v Zg==", /* whitespace */
		"Zg==Zg==", /* padding in the middle */
		"Zm=v",     /* '=' before a letter */
		"Zh==",     /* non-zero unused bits */
		"Zm9=",     /* non-zero unused bits, one pad */
		"Zm9v*A==", "Zm9v\nZg==", "-_8=",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		unsigned char out[32];
		size_t n;
		if (base64_decode(bad[i], strlen(bad[i]), out, &n) != -1)
			fail_msg("accepted '%s'", bad[i]);
	}
}

static void test_binary_bytes(void **state)
{
	(void)state;
	const unsigned char in[] = {0x00, 0xff, 0xfe, 0x00, 0x80};
	char out[16];
	unsigned char back[16];
	size_t n;
	base64_encode(in, sizeof in, out);
	assert_string_equal(out, "AP/+AIA=");
	assert_int_equal(base64_decode(out, strlen(out), back, &n), 0);
	assert_int_equal(n, sizeof in);
	assert_memory_equal(back, in, sizeof in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc4648_vectors),
		cmocka_unit_test(test_every_byte_round_trips),
		cmocka_unit_test(test_pieces_concatenate),
		cmocka_unit_test(test_rejects_malformed),
		cmocka_unit_test(test_binary_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
