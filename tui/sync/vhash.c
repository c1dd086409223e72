/* SPDX-License-Identifier: MIT */
/* vhash.c - XXH3-128 of values, through libxxhash. */
#include "sync/vhash.h"

#include "common/hexdump.h"
#include "sync/value_equal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

/* Values up to this size are read in one pread and hashed in one call;
 * larger ones stream through the same buffer. */
#define VHASH_CHUNK (128 * 1024)

struct vhasher {
	XXH3_state_t *state;
	char *buf;
};

static void from_xxh(XXH128_hash_t x, struct vhash *out)
{
	XXH128_canonical_t c;
	XXH128_canonicalFromHash(&c, x);
	memcpy(out->b, c.digest, VHASH_BYTES);
}

void vhash_buf(const void *buf, size_t len, struct vhash *out)
{
	from_xxh(XXH3_128bits(buf, len), out);
}

int vhash_equal(const struct vhash *a, const struct vhash *b)
{
	return memcmp(a->b, b->b, VHASH_BYTES) == 0;
}

void vhash_hex(const struct vhash *h, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < VHASH_BYTES; i++) {
		out[2 * i] = digits[h->b[i] >> 4];
		out[2 * i + 1] = digits[h->b[i] & 15];
	}
	out[VHASH_HEX_LEN] = '\0';
}

int vhash_parse(const char *s, size_t len, struct vhash *out)
{
	if (len != VHASH_HEX_LEN)
		return EINVAL;
	for (size_t i = 0; i < VHASH_BYTES; i++) {
		int hi = hexdump_digit_value((unsigned char)s[2 * i]);
		int lo = hexdump_digit_value((unsigned char)s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return EINVAL;
		out->b[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int vhasher_new(struct vhasher **out)
{
	struct vhasher *h = calloc(1, sizeof *h);
	if (h == NULL)
		return ENOMEM;
	h->state = XXH3_createState();
	h->buf = malloc(VHASH_CHUNK);
	if (h->state == NULL || h->buf == NULL) {
		vhasher_free(h);
		return ENOMEM;
	}
	*out = h;
	return 0;
}

void vhasher_free(struct vhasher *h)
{
	if (h == NULL)
		return;
	XXH3_freeState(h->state);
	free(h->buf);
	free(h);
}

/* Fill the buffer from `off` as far as the file goes: *got bytes. */
static int read_chunk(int fd, char *buf, uint64_t off, size_t *got)
{
	return value_pread_full(fd, buf, VHASH_CHUNK, off, got);
}

int vhasher_fd(struct vhasher *h, int fd, struct vhash *out, uint64_t *len)
{
	size_t got;
	int err = read_chunk(fd, h->buf, 0, &got);
	if (err != 0)
		return err;
	if (got < VHASH_CHUNK) {
		vhash_buf(h->buf, got, out);
		*len = got;
		return 0;
	}
	uint64_t total = 0;
	vhasher_start(h);
	while (got > 0) {
		vhasher_update(h, h->buf, got);
		total += got;
		if (got < VHASH_CHUNK)
			break;
		if ((err = read_chunk(fd, h->buf, total, &got)) != 0)
			return err;
	}
	vhasher_end(h, out);
	*len = total;
	return 0;
}

void vhasher_start(struct vhasher *h)
{
	XXH3_128bits_reset(h->state);
}

void vhasher_update(struct vhasher *h, const void *buf, size_t len)
{
	XXH3_128bits_update(h->state, buf, len);
}

void vhasher_end(struct vhasher *h, struct vhash *out)
{
	from_xxh(XXH3_128bits_digest(h->state), out);
}
