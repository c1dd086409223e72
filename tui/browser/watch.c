/* SPDX-License-Identifier: MIT */
/*
 * watch.c - inotify for the open table and the table tree. One inotify
 * descriptor; a directory that is both the table and part of the tree (the
 * root) has one watch descriptor serving both roles, since inotify returns
 * the same descriptor for the same inode.
 *
 * Watching a directory for events on its entries (a value written in
 * place: IN_CLOSE_WRITE, IN_ATTRIB) makes the kernel mark every cached
 * entry of it, which on a table of a million keys takes a few hundred
 * ms. So the tree, and at first the table, are watched only for entries
 * coming and going (cheap, and what a writer's rename shows as); the
 * table's watch for values written in place is added to it on a thread.
 */
#include "browser/watch.h"

#include "common/background.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#ifdef HAVE_SYS_INOTIFY_H
#include <sys/inotify.h>

#define WATCH_MASK                                                         \
	(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |             \
	 IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF |      \
	 IN_ONLYDIR | IN_EXCL_UNLINK)
/* entries coming and going only; added to a directory's mask
 * (IN_MASK_ADD), so a table's stays whole */
#define TREE_MASK                                                          \
	(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |             \
	 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_MASK_ADD)

/* The table's watch being added on a thread. */
struct adder {
	pthread_t thread;
	pthread_mutex_t mu;
	int fd;
	char *path;
	int done, wd;
};

struct watch {
	int fd;
	int table_wd;
	int *tree;
	size_t n_tree;
	struct adder *adding;   /* the table's watch on its way; NULL */
};

static int in_tree(const struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n_tree; i++)
		if (w->tree[i] == wd)
			return 1;
	return 0;
}

static void *adder_main(void *arg)
{
	struct adder *a = arg;
	background_thread();
	int wd = inotify_add_watch(a->fd, a->path, WATCH_MASK | IN_MASK_ADD);
	pthread_mutex_lock(&a->mu);
	a->wd = wd;
	a->done = 1;
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

static void adder_free(struct adder *a)
{
	pthread_mutex_destroy(&a->mu);
	free(a->path);
	free(a);
}

/* The in-place part of the table's watch, once added (or waited for:
 * `wait`). A directory replaced meanwhile gave another descriptor: that
 * one goes, the table's stays as it is (it is polled by its rescans). */
static void adder_take(struct watch *w, int wait)
{
	struct adder *a = w->adding;
	if (a == NULL)
		return;
	pthread_mutex_lock(&a->mu);
	int done = a->done;
	pthread_mutex_unlock(&a->mu);
	if (!done && !wait)
		return;
	pthread_join(a->thread, NULL);
	if (a->wd >= 0 && a->wd != w->table_wd && !in_tree(w, a->wd))
		inotify_rm_watch(w->fd, a->wd);
	adder_free(a);
	w->adding = NULL;
}

struct watch *watch_open(void)
{
	struct watch *w = calloc(1, sizeof *w);
	if (w == NULL)
		return NULL;
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		free(w);
		return NULL;
	}
	w->table_wd = -1;
	return w;
}

void watch_close(struct watch *w)
{
	if (w == NULL)
		return;
	adder_take(w, 1);
	close(w->fd);
	free(w->tree);
	free(w);
}

int watch_set_table(struct watch *w, const char *path)
{
	if (w == NULL)
		return ENOSYS;
	adder_take(w, 1);
	if (w->table_wd >= 0 && !in_tree(w, w->table_wd))
		inotify_rm_watch(w->fd, w->table_wd);
	/* entries coming and going are watched from now on (cheap) */
	w->table_wd = inotify_add_watch(w->fd, path, TREE_MASK);
	if (w->table_wd < 0)
		return errno;
	struct adder *a = calloc(1, sizeof *a);
	if (a == NULL)
		return 0; /* in-place writes are seen by the rescans */
	pthread_mutex_init(&a->mu, NULL); /* default attributes: cannot fail */
	a->fd = w->fd;
	a->wd = -1;
	if ((a->path = strdup(path)) == NULL ||
	    pthread_create(&a->thread, NULL, adder_main, a) != 0) {
		adder_free(a);
		return 0;
	}
	w->adding = a;
	return 0;
}

int watch_set_tree(struct watch *w, const char *const *paths, size_t n)
{
	int *tree, first_err = 0;
	size_t k = 0;

	if (w == NULL)
		return ENOSYS;
	/* the table's descriptor is known (watch_set_table): its watch
	 * stays, whatever the adder's progress (both add to its mask) */
	tree = calloc(n ? n : 1, sizeof *tree);
	if (tree == NULL)
		return ENOMEM;
	for (size_t i = 0; i < w->n_tree; i++)
		if (w->tree[i] != w->table_wd)
			inotify_rm_watch(w->fd, w->tree[i]);
	for (size_t i = 0; i < n; i++) {
		int wd = inotify_add_watch(w->fd, paths[i], TREE_MASK);
		if (wd < 0) {
			if (first_err == 0)
				first_err = errno;
			continue;
		}
		tree[k++] = wd;
	}
	free(w->tree);
	w->tree = tree;
	w->n_tree = k;
	return first_err;
}

int watch_fd(const struct watch *w)
{
	return w == NULL ? -1 : w->fd;
}

enum watch_state watch_state_of(const struct watch *w)
{
	return w != NULL && w->table_wd >= 0 ? WATCH_ON : WATCH_OFF;
}

int watch_poll(struct watch *w, watch_entry_fn fn, void *ctx)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	int result = 0;

	if (w == NULL)
		return 0;
	adder_take(w, 0);
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n <= 0)
			break;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const void *)p;
			p += sizeof *ev + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				result |= WATCH_OVERFLOW | WATCH_TABLES_CHANGED;
				continue;
			}
			int is_dir = (ev->mask & IN_ISDIR) != 0;
			if (in_tree(w, ev->wd) && (is_dir ||
			    (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF |
					 IN_IGNORED))))
				result |= WATCH_TABLES_CHANGED;
			if (ev->wd != w->table_wd)
				continue;
			if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF |
					IN_IGNORED)) {
				result |= WATCH_TABLE_GONE |
					  WATCH_TABLES_CHANGED;
				continue;
			}
			if (ev->len == 0 || fn == NULL)
				continue;
			size_t len = strnlen(ev->name, ev->len);
			if (ev->mask & (IN_DELETE | IN_MOVED_FROM))
				fn(ctx, WATCH_ENTRY_REMOVE, ev->name, len,
				   is_dir);
			else if (ev->mask & (IN_CREATE | IN_MOVED_TO |
					     IN_CLOSE_WRITE | IN_ATTRIB))
				fn(ctx, WATCH_ENTRY_ADD, ev->name, len,
				   is_dir);
		}
	}
	return result;
}

#else /* no inotify: the browser polls */

struct watch *watch_open(void) { return NULL; }
void watch_close(struct watch *w) { (void)w; }
int watch_set_table(struct watch *w, const char *path)
{
	(void)w; (void)path;
	return ENOSYS;
}
int watch_set_tree(struct watch *w, const char *const *paths, size_t n)
{
	(void)w; (void)paths; (void)n;
	return ENOSYS;
}
int watch_fd(const struct watch *w) { (void)w; return -1; }
enum watch_state watch_state_of(const struct watch *w)
{
	(void)w;
	return WATCH_OFF;
}
int watch_poll(struct watch *w, watch_entry_fn fn, void *ctx)
{
	(void)w; (void)fn; (void)ctx;
	return 0;
}
#endif
