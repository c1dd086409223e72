/* SPDX-License-Identifier: MIT */
/*
 * fuzz_config.c - the config file (tui/ui/config.h): config_parse on any
 * bytes, with the promises its header makes: 0 or ENOMEM, at most
 * CONFIG_MAX_ERRORS error lines kept (the rest counted), each one line
 * of escaped text; and config_dump of whatever it applied reads back
 * without an error to the same dump. The round trip (a dump of every
 * binding, parsed again) costs a hundred parses of a short input, so it
 * is done for every input that applied without an error, and for one in
 * sixteen of the others (by length: a finding replays the same way).
 */
#include "fuzz.h"

#include "ui/config.h"

#include <errno.h>

/* The dump of `c` as a malloc'd string (abort when memory runs out). */
static char *dump_text(const struct config *c, size_t *len)
{
	char *buf = NULL;
	FILE *m = open_memstream(&buf, len);
	if (m == NULL)
		abort();
	FUZZ_CHECK(config_dump(c, m) == 0);
	if (fclose(m) != 0)
		abort();
	return buf;
}

static void check_errors(const struct config_errors *e)
{
	FUZZ_CHECK(e->n <= CONFIG_MAX_ERRORS);
	FUZZ_CHECK(e->dropped == 0 || e->n == CONFIG_MAX_ERRORS);
	for (size_t i = 0; i < e->n; i++) {
		const unsigned char *p = (const unsigned char *)e->line[i];
		FUZZ_CHECK(p != NULL && *p != '\0');
		for (; *p != '\0'; p++)
			FUZZ_CHECK(*p >= 0x20 && *p != 0x7f);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c, again;
	struct config_errors e = {0}, e2 = {0};
	size_t n1, n2;

	if (size > CONFIG_MAX_BYTES || config_init(&c) != 0)
		return 0;
	int rc = config_parse(&c, "fuzz", (const char *)data, size, &e);
	FUZZ_CHECK(rc == 0 || rc == ENOMEM);
	check_errors(&e);
	if (rc == 0 && (e.n == 0 || size % 16 == 0)) {
		char *one = dump_text(&c, &n1);
		if (config_init(&again) != 0)
			abort();
		FUZZ_CHECK(config_parse(&again, "dump", one, n1, &e2) == 0);
		FUZZ_CHECK(e2.n == 0);
		char *two = dump_text(&again, &n2);
		FUZZ_CHECK(n1 == n2 && memcmp(one, two, n1) == 0);
		free(one);
		free(two);
		config_done(&again);
	}
	config_errors_done(&e);
	config_errors_done(&e2);
	config_done(&c);
	return 0;
}
