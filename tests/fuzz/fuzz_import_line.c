/* SPDX-License-Identifier: MIT */
/*
 * fuzz_import_line.c - one line of `flockd import` input through the
 * parser import itself uses (cli_import_check_line): JSON, the fields,
 * table and key names, base64, the size check. A refused line must say why.
 */
#include "fuzz.h"

#include "cli/cli_export.h"
#include "common/exit_codes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256];
	why[0] = '\0';
	int rc = cli_import_check_line((const char *)data, size, why,
				       sizeof why);
	FUZZ_CHECK(rc == 0 || rc == EXIT_OTHER || rc == EXIT_INVALID);
	FUZZ_CHECK(rc == 0 || why[0] != '\0');
	FUZZ_CHECK(memchr(why, '\0', sizeof why) != NULL);
	return 0;
}
