/* SPDX-License-Identifier: MIT */
/*
 * errors.c - the store's one error space and its descriptions, and what a
 * table reports besides results: the failing step, whether the value was
 * already in place, warnings and a temp file left behind.
 */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

const char *flockd_strerror(int err)
{
	switch (err) {
	case FLOCKD_OK:
		return "success";
	case FLOCKD_ENOTFOUND:
		return "not found";
	case FLOCKD_EEXIST:
		return "already exists";
	case FLOCKD_EINVALID:
		return "invalid name";
	case FLOCKD_ETIMEOUT:
		return "lock timeout (another process holds the lock)";
	case FLOCKD_ECONFLICT:
		return "conflict: the key changed since it was read";
	case FLOCKD_ENOTREG:
		return "not a regular file";
	case FLOCKD_EREADONLY:
		return "database is open read-only";
	case FLOCKD_ELOCKLOST:
		return "the lock was lost (another process may change the key)";
	default:
		break;
	}
	if (err > 0) {
		const char *desc = strerrordesc_np(err);
		if (desc != NULL)
			return desc;
	}
	return "unknown error";
}

int store_fail(flockd_table *t, const char *step, int err)
{
	if (t != NULL && err != FLOCKD_OK) {
		t->report->step = step;
		t->report->installed = 0;
		t->report->failures++;
	}
	return err;
}

int store_fail_installed(flockd_table *t, const char *step, int err)
{
	if (t != NULL && err != FLOCKD_OK) {
		t->report->step = step;
		t->report->installed = 1;
		t->report->failures++;
	}
	return err;
}

void store_begin_write(flockd_table *t)
{
	t->report->warnings = 0;
	t->report->temp_left[0] = '\0';
}

void store_warn(flockd_table *t, unsigned warnings)
{
	t->report->warnings |= warnings;
}

void store_note_temp_left(flockd_table *t, const char *name)
{
	size_t n = strlen(name);
	if (n > NAME_MAX)
		n = NAME_MAX;
	memcpy(t->report->temp_left, name, n);
	t->report->temp_left[n] = '\0';
	store_warn(t, FLOCKD_WARN_TEMP_LEFT);
}

struct store_report *store_report_new(void)
{
	struct store_report *r = calloc(1, sizeof *r);
	if (r != NULL) {
		r->refs = 1;
		r->step = "";
	}
	return r;
}

struct store_report *store_report_ref(struct store_report *r)
{
	r->refs++;
	return r;
}

void store_report_unref(struct store_report *r)
{
	if (r != NULL && --r->refs == 0)
		free(r);
}

const char *flockd_table_last_step(const flockd_table *table)
{
	return table->report->step;
}

int flockd_table_installed(const flockd_table *table)
{
	return table->report->installed;
}

unsigned flockd_table_warnings(const flockd_table *table)
{
	return table->report->warnings;
}

const char *flockd_table_temp_left(const flockd_table *table)
{
	if (!(table->report->warnings & FLOCKD_WARN_TEMP_LEFT))
		return NULL;
	return table->report->temp_left;
}

void flockd_table_set_cancel(flockd_table *table,
			     const volatile sig_atomic_t *flag)
{
	table->report->cancel = flag;
}

int store_cancelled(const flockd_table *t)
{
	return t->report->cancel != NULL && *t->report->cancel != 0;
}
