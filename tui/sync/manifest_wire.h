/* SPDX-License-Identifier: MIT */
/*
 * manifest_wire.h - a manifest as bytes between two machines: the records
 * of `flockd manifest -a -z` (every field ended by a NUL byte, names raw)
 * read back into manifest entries, and the words its fields use. The
 * command writes what manifest_wire_fields gives; the remote side
 * (remote.h) reads it with a wire_reader. Plain C.
 *
 * A record of `manifest -a` has MANIFEST_WIRE_FIELDS fields:
 *   TABLE KIND NAME SIZE MTIME MODE HASH ERROR
 * TABLE and NAME are names (NAME "" for a table's own record); KIND is
 * flockd_entry_kind_name's word; SIZE decimal bytes; MTIME RFC 3339 UTC
 * with nanoseconds; MODE the file's type and permission bits in octal as
 * stat(2) gives them (100644 a regular file, 120777 a symlink, 40755 a
 * directory); HASH 32 hex digits (vhash.h); ERROR why the entry could not
 * be read (manifest_error_name). A field that does not apply, or is not
 * known, is "-".
 */
#ifndef TUI_SYNC_MANIFEST_WIRE_H
#define TUI_SYNC_MANIFEST_WIRE_H

#include "sync/manifest.h"

#include <stddef.h>
#include <sys/types.h>

#define MANIFEST_WIRE_FIELDS 8

/* The text of the fields that are not names, for one entry. */
struct manifest_wire_words {
	char size[24];
	char mtime[48];
	char mode[16];
	char hash[VHASH_HEX_LEN + 1];
	const char *error;  /* static */
};

/* manifest_wire_fields - the words of `e` ("-" where a field does not
 * apply). `format_time` writes RFC 3339 (the command's one time format)
 * into its buffer. */
void manifest_wire_fields(const struct manifest_entry *e,
			  void (*format_time)(const struct flockd_timespec *ts,
					      char *buf, size_t size),
			  struct manifest_wire_words *w);

/* manifest_error_name - the word for an error code: "-" for 0, a word for
 * the store's own codes ("timeout", "not-found", "not-regular",
 * "invalid", "exists", "conflict", "read-only", "lock-lost"), the errno
 * name ("EACCES", "EIO") for system errors, "error" for anything else.
 * Static. manifest_error_parse - the code back from such a word (an
 * unknown word gives EIO). */
const char *manifest_error_name(int err);
int manifest_error_parse(const char *word);

/* manifest_time_parse - RFC 3339 UTC as cli_format_time writes it
 * ("2026-11-24T01:06:09.123456789Z"; the fraction may have 0 to 9
 * digits) from s[0..len). 0 or EINVAL. */
int manifest_time_parse(const char *s, size_t len,
			struct flockd_timespec *out);

/* manifest_kind_parse - the kind from its word (flockd_entry_kind_name);
 * 0, or EINVAL for a word no kind has. */
int manifest_kind_parse(const char *word, enum flockd_entry_kind *kind);

/*
 * manifest_wire_entry - an entry from the MANIFEST_WIRE_FIELDS fields of
 * one record (each fields[i] NUL-terminated after lens[i] bytes). *e
 * points into the fields. 0, or EPROTO when a field is malformed (a name
 * with a '/' where none may be, a bad number, time, mode or hash).
 */
int manifest_wire_entry(char **fields, const size_t *lens,
			struct manifest_entry *e);

/* Reading NUL-terminated fields from a descriptor (a pipe), buffered. */
struct wire_reader;

/* wire_reader_new - 0 or ENOMEM; the descriptor stays the caller's. */
int wire_reader_new(int fd, struct wire_reader **out);
void wire_reader_free(struct wire_reader *r);

/*
 * wire_reader_record - the next `n` fields: fields[i] points into the
 * reader's buffer (NUL-terminated, lens[i] bytes), valid until the next
 * call. Returns 0; MANIFEST_END at the end of the input on a record
 * boundary; EPROTO when the input ends inside a record or a field is
 * longer than WIRE_FIELD_MAX; errno values of read(2); ENOMEM.
 */
#define WIRE_FIELD_MAX 65536
int wire_reader_record(struct wire_reader *r, size_t n, char **fields,
		       size_t *lens);

#endif
