/* SPDX-License-Identifier: MIT */
/*
 * vhash.h - the content hash of values: XXH3 with 128 bits (libxxhash),
 * the hash `flockd manifest` prints and two replicas compare, so that only
 * values whose hashes differ travel between machines. Fast enough to hash
 * every value of a large table (a hasher reuses one buffer and one
 * streaming state for every value). Plain C.
 *
 * Not a cryptographic hash: a replica that wants to fool the comparison
 * can; it tells accidental differences (torn copies, lost writes) apart.
 */
#ifndef TUI_SYNC_VHASH_H
#define TUI_SYNC_VHASH_H

#include <stddef.h>
#include <stdint.h>

#define VHASH_BYTES 16
/* The hash as text: 32 lower-case hex digits (XXH128's canonical,
 * big-endian form, as `xxhsum -H2` prints it). */
#define VHASH_HEX_LEN 32
/* The algorithm's name in manifests. */
#define VHASH_ALGORITHM "xxh3-128"

struct vhash {
	unsigned char b[VHASH_BYTES];
};

/* vhash_buf - the hash of len bytes at buf. */
void vhash_buf(const void *buf, size_t len, struct vhash *out);

/* vhash_equal - non-zero when the two hashes are the same. */
int vhash_equal(const struct vhash *a, const struct vhash *b);

/* vhash_hex - the text form into out (VHASH_HEX_LEN + 1 bytes). */
void vhash_hex(const struct vhash *h, char *out);

/* vhash_parse - read the text form (exactly VHASH_HEX_LEN hex digits,
 * either case) from s[0..len). Returns 0, or EINVAL. */
int vhash_parse(const char *s, size_t len, struct vhash *out);

/* A reusable hasher (a read buffer and a streaming state). Owned by the
 * caller; one thread at a time. */
struct vhasher;

/* vhasher_new - 0 or ENOMEM. vhasher_free accepts NULL. */
int vhasher_new(struct vhasher **out);
void vhasher_free(struct vhasher *h);

/*
 * vhasher_fd - hash every byte of descriptor `fd` from offset 0 to its
 * end (pread: the descriptor's offset is left alone), *len receiving how
 * many. A value that fits the buffer is read with one call and hashed in
 * one go. Returns 0 or the errno of pread (EINTR is retried).
 */
int vhasher_fd(struct vhasher *h, int fd, struct vhash *out, uint64_t *len);

/* Streaming, for bytes that arrive in pieces (a value read from a pipe):
 * vhasher_start, then vhasher_update for each piece, then vhasher_end. */
void vhasher_start(struct vhasher *h);
void vhasher_update(struct vhasher *h, const void *buf, size_t len);
void vhasher_end(struct vhasher *h, struct vhash *out);

#endif
