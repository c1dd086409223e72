/* SPDX-License-Identifier: MIT */
/*
 * handoff.c - putting a finished temp file in place of an existing key,
 * and the one step of it that must not be cut in two.
 *
 * An unnamed (O_TMPFILE) temp cannot replace a key directly: no system
 * call links a file over an existing name. It needs a temp name first
 * (linkat through /proc/self/fd), then renameat over the key. A writer
 * killed between the two leaves the named temp behind, and the window is
 * the whole linkat (tens of microseconds on ext4, more when the journal
 * is busy): about 1% of the kills that land anywhere in a write. So the
 * two calls are handed to a helper: a child that shares our memory and
 * descriptors (clone with CLONE_VM | CLONE_FILES | CLONE_VFORK, so that
 * we wait for it, and no exit signal, so that no SIGCHLD reaches the
 * program and no waitpid(-1) of the program sees it). A SIGKILL of this
 * process does not reach the child: it finishes both calls (or neither,
 * if the kill came before the child existed) under the key's lock, which
 * it holds through the shared descriptors. The child runs with every
 * signal blocked, so no handler of the program runs in it, and makes only
 * the two calls. Where no child can be made (a sandbox, a process limit)
 * the two calls are made here, as before.
 */
#include "store_write.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

/* The child's stack: it calls two libc wrappers (and, in sanitizer
 * builds, their interceptors). */
#define HANDOFF_STACK (64 * 1024)

/* What the helper does and what it found; shared with it. */
struct handoff_job {
	int dirfd;
	const char *proc;    /* /proc/self/fd/N of the temp */
	const char *keyname;
	const char *tmpname; /* set for each attempt */
	int link_err;        /* errno of linkat, or 0 */
	int rename_err;      /* errno of renameat, or 0 */
};

/* The helper: link, then rename. Not instrumented: it runs on its own
 * stack in a process that shares our memory. */
__attribute__((no_sanitize("address", "undefined")))
static int handoff_child(void *arg)
{
	struct handoff_job *j = arg;
	if (linkat(AT_FDCWD, j->proc, j->dirfd, j->tmpname,
		   AT_SYMLINK_FOLLOW) != 0) {
		j->link_err = errno;
		return 1;
	}
	if (renameat(j->dirfd, j->tmpname, j->dirfd, j->keyname) != 0) {
		j->rename_err = errno;
		return 1;
	}
	return 0;
}

/* Run the helper once; 0 when it ran (its results are in j), -1 when no
 * helper could be made (nothing was done). */
static int handoff_run(struct handoff_job *j)
{
	char *stack = malloc(HANDOFF_STACK);
	if (stack == NULL)
		return -1;
	sigset_t all, old;
	sigfillset(&all);
	if (pthread_sigmask(SIG_SETMASK, &all, &old) != 0) {
		free(stack);
		return -1;
	}
	j->link_err = j->rename_err = 0;
	/* CLONE_VFORK: back here once the child has exited (or we die) */
	pid_t pid = clone(handoff_child, stack + HANDOFF_STACK,
			  CLONE_VM | CLONE_FILES | CLONE_FS | CLONE_VFORK, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	free(stack);
	if (pid < 0)
		return -1;
	/* reap it; its results are ours already, so a failure to reap
	 * leaves a zombie at worst */
	while (waitpid(pid, NULL, __WCLONE) < 0 && errno == EINTR)
		;
	return 0;
}

/* Link and rename an unnamed temp through the helper. FLOCKD_OK when
 * installed, ENOSYS when the caller must do it itself (no helper, or no
 * hard links here: the in-process path knows what to do then), or an
 * error with its step recorded. */
static int handoff(flockd_table *t, struct store_temp *tmp,
		   const char *keyname)
{
	/* check's "in use" mark, before the temp has a name */
	if (flock(tmp->fd, LOCK_EX | LOCK_NB) != 0)
		return store_fail(t, "lock temp file", errno);
	char proc[40];
	store_temp_proc_path(tmp->fd, proc, sizeof proc);
	struct handoff_job j = {t->dirfd, proc, keyname, tmp->name, 0, 0};
	for (int attempt = 0;; attempt++) {
		store_temp_pick_name(keyname, tmp->name);
		if (handoff_run(&j) != 0)
			return ENOSYS;
		if (j.link_err != EEXIST || attempt == 99)
			break;
		/* the temp name is taken: another one */
	}
	if (j.link_err == 0 && j.rename_err == 0) {
		tmp->installed = 1;
		return FLOCKD_OK;
	}
	if (j.rename_err != 0) {
		tmp->named = 1; /* linked: the caller's discard removes it */
		return store_fail(t, "rename temp file", j.rename_err);
	}
	if (store_no_hard_links(j.link_err))
		return ENOSYS;
	return store_fail(t, "name temp file", j.link_err);
}

int store_temp_replace(flockd_table *t, struct store_temp *tmp,
		       const char *keyname)
{
	/* The last moment a cancel flag can stop the write. */
	if (store_cancelled(t))
		return store_fail(t, "rename temp file", ECANCELED);
	if (!tmp->named) {
		int err = handoff(t, tmp, keyname);
		if (err != ENOSYS)
			return err;
		err = store_temp_give_name(t, tmp, keyname);
		if (err != FLOCKD_OK)
			return err;
	}
	if (renameat(t->dirfd, tmp->name, t->dirfd, keyname) != 0)
		return store_fail(t, "rename temp file", errno);
	tmp->named = 0;
	tmp->installed = 1;
	return FLOCKD_OK;
}
