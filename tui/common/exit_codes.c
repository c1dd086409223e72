/* SPDX-License-Identifier: MIT */
/* exit_codes.c - maps libflockd's error space onto exit statuses. */
#include "common/exit_codes.h"

#include "flockd.h"

int exit_code_for_error(int err)
{
	switch (err) {
	case FLOCKD_OK:
		return EXIT_OK;
	case FLOCKD_ENOTFOUND:
		return EXIT_NOT_FOUND;
	case FLOCKD_EEXIST:
		return EXIT_EXISTS;
	case FLOCKD_EINVALID:
		return EXIT_INVALID;
	case FLOCKD_ETIMEOUT:
		return EXIT_TIMEOUT;
	case FLOCKD_ECONFLICT:
		return EXIT_CONFLICT;
	default:
		return EXIT_OTHER;
	}
}

int exit_code_for_trouble(int err)
{
	int code = exit_code_for_error(err);

	return code == EXIT_OK || code == EXIT_OTHER ? EXIT_TROUBLE : code;
}
