/* SPDX-License-Identifier: MIT */
/*
 * background.h - a worker thread that gives way: the browser's threads
 * that list tables, compare databases or add a watch run at a lower
 * priority than the loop, so on a machine whose cores are busy a
 * keystroke is still answered first. Linux's nice is per thread
 * (setpriority on the thread's id); elsewhere this does nothing.
 */
#ifndef TUI_COMMON_BACKGROUND_H
#define TUI_COMMON_BACKGROUND_H

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#define BACKGROUND_NICE 10

/* background_thread - lower the calling thread's priority by
 * BACKGROUND_NICE. Best effort: lowering one's own priority is always
 * allowed, and a failure changes nothing else. */
static inline void background_thread(void)
{
#ifdef __linux__
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid),
			  BACKGROUND_NICE);
#endif
}

#endif
