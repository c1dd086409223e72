/* SPDX-License-Identifier: MIT */
/*
 * temp_kind.c - prints how libflockd writes temp files in database DIR
 * ("unnamed" or "named"), for shell tests that depend on it.
 */
#include "flockd.h"

#include <stdio.h>

int main(int argc, char **argv)
{
	flockd_db *db;
	flockd_table *t;
	enum flockd_temp_kind kind;
	if (argc != 2 || flockd_open(argv[1], 1000, 0, &db) != FLOCKD_OK)
		return 2;
	if (flockd_table_open(db, "", 0, &t) != FLOCKD_OK ||
	    flockd_table_temp_kind(t, &kind) != FLOCKD_OK)
		return 1;
	puts(kind == FLOCKD_TEMP_UNNAMED ? "unnamed" : "named");
	flockd_table_close(t);
	flockd_close(db);
	return 0;
}
