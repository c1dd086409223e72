/* SPDX-License-Identifier: MIT */
/*
 * proc_info.h - what /proc says about a process that holds a lock: its
 * command line, when it started (which also tells a pid reused by a new
 * process from the one that was listed), and its age. Raw bytes: a
 * process may name itself anything, so escape before showing. Plain C;
 * `proc_root` is PROC_ROOT normally, a fixture directory in tests.
 */
#ifndef TUI_INSPECT_PROC_INFO_H
#define TUI_INSPECT_PROC_INFO_H

#include <stddef.h>
#include <stdint.h>

/* proc_cmdline - the command line of `pid` with its arguments joined by
 * spaces, at most size-1 bytes (cut), NUL-terminated; "" for a kernel
 * thread or a zombie. Returns 0 or an errno value (ENOENT: gone). */
int proc_cmdline(const char *proc_root, long pid, char *buf, size_t size);

/* proc_start_ticks - when `pid` started, in clock ticks since boot
 * (field 22 of /proc/PID/stat). 0 or an errno value (ENOENT: gone,
 * EINVAL: unreadable format). */
int proc_start_ticks(const char *proc_root, long pid, uint64_t *ticks);

/* proc_age_s - how long ago, in seconds, a process that started at
 * `ticks` did (from proc_root/uptime); -1 when unknown. */
long long proc_age_s(const char *proc_root, uint64_t ticks);

#endif
