/* SPDX-License-Identifier: MIT */
/*
 * watch.c - inotify for the open table and the table tree. One inotify
 * descriptor; a directory that is both the table and part of the tree (the
 * root) has one watch descriptor serving both roles, since inotify returns
 * the same descriptor for the same inode.
 */
#include "browser/watch.h"

#include <errno.h>
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

struct watch {
	int fd;
	int table_wd;
	int *tree;
	size_t n_tree;
};

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
	close(w->fd);
	free(w->tree);
	free(w);
}

static int in_tree(const struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n_tree; i++)
		if (w->tree[i] == wd)
			return 1;
	return 0;
}

int watch_set_table(struct watch *w, const char *path)
{
	if (w == NULL)
		return ENOSYS;
	if (w->table_wd >= 0 && !in_tree(w, w->table_wd))
		inotify_rm_watch(w->fd, w->table_wd);
	w->table_wd = inotify_add_watch(w->fd, path, WATCH_MASK);
	return w->table_wd < 0 ? errno : 0;
}

int watch_set_tree(struct watch *w, const char *const *paths, size_t n)
{
	int *tree, first_err = 0;
	size_t k = 0;

	if (w == NULL)
		return ENOSYS;
	tree = calloc(n ? n : 1, sizeof *tree);
	if (tree == NULL)
		return ENOMEM;
	for (size_t i = 0; i < w->n_tree; i++)
		if (w->tree[i] != w->table_wd)
			inotify_rm_watch(w->fd, w->tree[i]);
	for (size_t i = 0; i < n; i++) {
		int wd = inotify_add_watch(w->fd, paths[i], WATCH_MASK);
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
