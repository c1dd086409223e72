/* SPDX-License-Identifier: MIT */
/*
 * crash_value.h - the self-checking values of the crash suite. Every value
 * says which key and which write it is and carries a checksum of its
 * payload, so a reader can tell a whole value from a torn, empty or
 * misplaced one without knowing what was written:
 *
 *   "CRASH key=<key> seq=<n> len=<payload bytes> sum=<16 hex digits>\n"
 *   followed by the payload (bytes derived from seq).
 *
 * Header-only: the driver and its readers share it.
 */
#ifndef TESTS_CRASH_CRASH_VALUE_H
#define TESTS_CRASH_CRASH_VALUE_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum crash_verdict {
	CRASH_WHOLE,   /* header, length and checksum agree */
	CRASH_EMPTY,   /* zero bytes */
	CRASH_TORN,    /* a broken header, a short or long payload, or a
	                  checksum that does not match */
	CRASH_FOREIGN, /* whole, but the value of another key */
};

/* xorshift64*: a small seeded generator, so a run can be replayed. */
static inline uint64_t crash_rand(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 2685821657736338717ULL;
}

static inline uint64_t crash_fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* crash_value_make - a malloc'd value for (key, seq) with `len` payload
 * bytes; *size receives its total size. NULL when out of memory. */
static inline char *crash_value_make(const char *key, uint64_t seq,
				     size_t len, size_t *size)
{
	char head[320];
	uint64_t state = seq * 0x9e3779b97f4a7c15ULL + 1;
	unsigned char *payload = malloc(len ? len : 1);
	if (payload == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++)
		payload[i] = (unsigned char)(crash_rand(&state) >> 56);
	int h = snprintf(head, sizeof head,
			 "CRASH key=%s seq=%" PRIu64 " len=%zu sum=%016" PRIx64
			 "\n", key, seq, len, crash_fnv1a(payload, len));
	char *value = malloc((size_t)h + len);
	if (value != NULL) {
		memcpy(value, head, (size_t)h);
		memcpy(value + h, payload, len);
		*size = (size_t)h + len;
	}
	free(payload);
	return value;
}

/* crash_value_check - judge `n` bytes read as the value of `key`; *seq
 * receives the write it is when whole. */
static inline enum crash_verdict crash_value_check(const char *key,
						   const void *data, size_t n,
						   uint64_t *seq)
{
	if (n == 0)
		return CRASH_EMPTY;
	const char *v = data;
	const char *nl = memchr(v, '\n', n < 320 ? n : 320);
	if (nl == NULL)
		return CRASH_TORN;
	char head[320], name[256];
	size_t hlen = (size_t)(nl - v);
	memcpy(head, v, hlen);
	head[hlen] = '\0';
	uint64_t s, sum;
	size_t len;
	if (sscanf(head, "CRASH key=%255s seq=%" SCNu64 " len=%zu sum=%" SCNx64,
		   name, &s, &len, &sum) != 4)
		return CRASH_TORN;
	const unsigned char *payload = (const unsigned char *)nl + 1;
	if (n - hlen - 1 != len || crash_fnv1a(payload, len) != sum)
		return CRASH_TORN;
	*seq = s;
	return strcmp(name, key) == 0 ? CRASH_WHOLE : CRASH_FOREIGN;
}

#endif
