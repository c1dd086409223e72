/* SPDX-License-Identifier: MIT */
/* version.c - the library's version, from the one in configure.ac (through
 * the generated flockd_version.h). */
#include "store_internal.h"

const char *flockd_version(int *major, int *minor, int *patch)
{
	if (major != NULL)
		*major = FLOCKD_VERSION_MAJOR;
	if (minor != NULL)
		*minor = FLOCKD_VERSION_MINOR;
	if (patch != NULL)
		*patch = FLOCKD_VERSION_PATCH;
	return FLOCKD_VERSION_STRING;
}
