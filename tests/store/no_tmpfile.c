/* SPDX-License-Identifier: MIT */
/*
 * no_tmpfile.c - an LD_PRELOAD shim for the tests: every open with
 * O_TMPFILE fails with EOPNOTSUPP, as on a file system without it, so the
 * real program can be tested on the store's named-temp fallback.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/types.h>

typedef int (*openat_fn)(int, const char *, int, ...);
typedef int (*open_fn)(const char *, int, ...);

static mode_t mode_arg(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE
		       ? va_arg(ap, mode_t)
		       : 0;
}

#define SHIM_OPENAT(name)                                                    \
	int name(int dirfd, const char *path, int flags, ...);               \
	int name(int dirfd, const char *path, int flags, ...)                \
	{                                                                    \
		va_list ap;                                                  \
		va_start(ap, flags);                                         \
		mode_t mode = mode_arg(flags, ap);                           \
		va_end(ap);                                                  \
		if ((flags & O_TMPFILE) == O_TMPFILE) {                      \
			errno = EOPNOTSUPP;                                  \
			return -1;                                           \
		}                                                            \
		openat_fn real = (openat_fn)dlsym(RTLD_NEXT, #name);         \
		return real(dirfd, path, flags, mode);                       \
	}

#define SHIM_OPEN(name)                                                      \
	int name(const char *path, int flags, ...);                          \
	int name(const char *path, int flags, ...)                           \
	{                                                                    \
		va_list ap;                                                  \
		va_start(ap, flags);                                         \
		mode_t mode = mode_arg(flags, ap);                           \
		va_end(ap);                                                  \
		if ((flags & O_TMPFILE) == O_TMPFILE) {                      \
			errno = EOPNOTSUPP;                                  \
			return -1;                                           \
		}                                                            \
		open_fn real = (open_fn)dlsym(RTLD_NEXT, #name);             \
		return real(path, flags, mode);                              \
	}

SHIM_OPENAT(openat)
SHIM_OPENAT(openat64)
SHIM_OPEN(open)
SHIM_OPEN(open64)
