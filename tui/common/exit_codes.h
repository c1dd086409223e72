/* SPDX-License-Identifier: MIT */
/*
 * exit_codes.h - the program's exit statuses, one per outcome a script must
 * tell apart without parsing text. Listed in --help and flockd(1).
 */
#ifndef TUI_COMMON_EXIT_CODES_H
#define TUI_COMMON_EXIT_CODES_H

enum exit_code {
	EXIT_OK = 0,
	EXIT_OTHER = 1,       /* any other error (I/O, permission, ...) */
	EXIT_USAGE = 2,       /* bad command line */
	EXIT_TROUBLE = 2,     /* check, diff: any error without a status of
	                         its own (their 1 means "different") */
	EXIT_NOT_FOUND = 3,   /* key or table does not exist */
	EXIT_EXISTS = 4,      /* create: key already exists */
	EXIT_INVALID = 5,     /* invalid key or table name */
	EXIT_TIMEOUT = 6,     /* a lock did not come within the timeout */
	EXIT_CONFLICT = 7,    /* the key changed underneath (save/rename) */
	EXIT_UNSUPPORTED = 8, /* the system lacks what the command needs
	                         (e.g. /proc/locks) */
};

/* exit_code_for_error - the exit status for a libflockd error code
 * (FLOCKD_OK, FLOCKD_E* or an errno value). */
int exit_code_for_error(int err);

/* exit_code_for_trouble - the same for the commands whose statuses are
 * diff(1)'s (0 same, 1 different, 2 or more trouble: check and diff): an
 * error that has a status of its own keeps it (3 not found, 6 lock
 * timeout, ...), any other error is 2, so 1 keeps meaning "different". */
int exit_code_for_trouble(int err);

#endif
