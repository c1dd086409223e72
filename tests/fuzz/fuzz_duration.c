/* SPDX-License-Identifier: MIT */
/*
 * fuzz_duration.c - durations as typed for --timeout and --older-than
 * (tui/common/duration.h): duration_parse on any text, and duration_format
 * of what it accepted read back by duration_parse.
 */
#include "fuzz.h"

#include "common/duration.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstring(data, size);
	long ms = -7;
	if (duration_parse(text, &ms) != 0) {
		FUZZ_CHECK(ms == -7); /* untouched on error */
		free(text);
		return 0;
	}
	FUZZ_CHECK(ms >= 0);
	/* what the program prints, it reads back: exactly below a second,
	 * to the unit shown above it */
	char shown[64];
	memset(shown, 'x', sizeof shown);
	duration_format(ms, shown, sizeof shown);
	FUZZ_CHECK(memchr(shown, '\0', sizeof shown) != NULL);
	long back = -1;
	FUZZ_CHECK(duration_parse(shown, &back) == 0);
	if (ms < 1000)
		FUZZ_CHECK(back == ms);
	long unit = ms < 60000 ? 100 : ms < 3600000 ? 60000
		  : ms < 86400000 ? 3600000 : 86400000;
	FUZZ_CHECK(back >= ms - unit && back - unit <= ms);
	free(text);
	return 0;
}
