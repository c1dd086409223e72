/* SPDX-License-Identifier: MIT */
/*
 * proc_info.c - a process's command line, start and age from /proc
 * (proc_info.h).
 */
#include "inspect/proc_info.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Read proc_root/PID/what (pid 0: proc_root/what) into buf (size-1
 * bytes at most); *len the bytes read. */
static int read_proc(const char *proc_root, long pid, const char *what,
		     char *buf, size_t size, size_t *len)
{
	char path[PATH_MAX];
	int n = pid > 0 ? snprintf(path, sizeof path, "%s/%ld/%s", proc_root,
				   pid, what)
			: snprintf(path, sizeof path, "%s/%s", proc_root, what);
	*len = 0;
	if (n < 0 || (size_t)n >= sizeof path)
		return ENAMETOOLONG;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return errno;
	int err = 0;
	while (*len + 1 < size) {
		ssize_t got = read(fd, buf + *len, size - 1 - *len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			err = errno;
		if (got <= 0)
			break;
		*len += (size_t)got;
	}
	close(fd);
	buf[*len] = '\0';
	return err;
}

int proc_cmdline(const char *proc_root, long pid, char *buf, size_t size)
{
	size_t len;
	if (size == 0)
		return EINVAL;
	buf[0] = '\0';
	if (pid <= 0)
		return ENOENT;
	int err = read_proc(proc_root, pid, "cmdline", buf, size, &len);
	if (err != 0)
		return err;
	while (len > 0 && buf[len - 1] == '\0')
		len--; /* the last argument's terminator */
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[len] = '\0';
	return 0;
}

int proc_start_ticks(const char *proc_root, long pid, uint64_t *ticks)
{
	char buf[1024];
	size_t len;
	if (pid <= 0)
		return ENOENT;
	int err = read_proc(proc_root, pid, "stat", buf, sizeof buf, &len);
	if (err != 0)
		return err;
	/* "PID (COMM) STATE PPID ...": the command may hold anything, so
	 * count fields after its last ')'; starttime is field 22. */
	char *p = strrchr(buf, ')');
	if (p == NULL)
		return EINVAL;
	p++;
	for (int field = 3; field < 22; field++) {
		p = strchr(p + 1, ' ');
		if (p == NULL)
			return EINVAL;
	}
	char *end;
	errno = 0;
	unsigned long long v = strtoull(p + 1, &end, 10);
	if (errno != 0 || end == p + 1)
		return EINVAL;
	*ticks = v;
	return 0;
}

long long proc_age_s(const char *proc_root, uint64_t ticks)
{
	char buf[128];
	size_t len;
	long hz = sysconf(_SC_CLK_TCK);
	if (hz <= 0 || read_proc(proc_root, 0, "uptime", buf, sizeof buf,
				 &len) != 0)
		return -1;
	double up = strtod(buf, NULL);
	double age = up - (double)ticks / (double)hz;
	return age < 0 ? 0 : (long long)age;
}
