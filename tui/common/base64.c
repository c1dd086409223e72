/* SPDX-License-Identifier: MIT */
/* base64.c - RFC 4648 base64, strict decoding. */
#include "common/base64.h"

#include <stdint.h>

static const char base64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t base64_encoded_len(size_t n)
{
	return (n + 2) / 3 * 4;
}

void base64_encode(const void *data, size_t n, char *out)
{
	const unsigned char *in = data;
	size_t i = 0;

	for (; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 |
			     in[i + 2];
		*out++ = base64_alphabet[v >> 18];
		*out++ = base64_alphabet[(v >> 12) & 63];
		*out++ = base64_alphabet[(v >> 6) & 63];
		*out++ = base64_alphabet[v & 63];
	}
	if (n - i == 1) {
		uint32_t v = (uint32_t)in[i] << 16;
		*out++ = base64_alphabet[v >> 18];
		*out++ = base64_alphabet[(v >> 12) & 63];
		*out++ = '=';
		*out++ = '=';
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
		*out++ = base64_alphabet[v >> 18];
		*out++ = base64_alphabet[(v >> 12) & 63];
		*out++ = base64_alphabet[(v >> 6) & 63];
		*out++ = '=';
	}
	*out = '\0';
}

size_t base64_decoded_max(size_t n)
{
	return n / 4 * 3 + 3;
}

static int base64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int base64_decode(const char *in, size_t n, void *data, size_t *out_len)
{
	unsigned char *out = data;
	size_t o = 0;

	if (n % 4 != 0)
		return -1;
	for (size_t i = 0; i < n; i += 4) {
		int last = i + 4 == n;
		int pad = 0;
		if (last && in[i + 3] == '=')
			pad = in[i + 2] == '=' ? 2 : 1;
		int v[4] = {0, 0, 0, 0};
		for (int k = 0; k < 4 - pad; k++) {
			v[k] = base64_value((unsigned char)in[i + k]);
			if (v[k] < 0)
				return -1;
		}
		uint32_t bits = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 |
				(uint32_t)v[2] << 6 | (uint32_t)v[3];
		out[o++] = (unsigned char)(bits >> 16);
		if (pad == 2) {
			if (bits & 0xffff)
				return -1; /* non-canonical trailing bits */
			break;
		}
		out[o++] = (unsigned char)(bits >> 8);
		if (pad == 1) {
			if (bits & 0xff)
				return -1;
			break;
		}
		out[o++] = (unsigned char)bits;
	}
	*out_len = o;
	return 0;
}
