/* errors.c - the store's one error space and its descriptions. */
#include "store_internal.h"

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
	if (t != NULL && err != FLOCKD_OK)
		t->last_step = step;
	return err;
}

const char *flockd_table_last_step(const flockd_table *table)
{
	return table->last_step;
}
