/* SPDX-License-Identifier: MIT */
/*
 * tables_scan.c - the list of tables on a thread of its own (see
 * tables_scan.h). The thread is detached: whichever of it and the caller
 * comes last (the thread ending, or the caller collecting or abandoning)
 * frees the scan.
 */
#include "browser/tables_scan.h"

#include "common/background.h"
#include "flockd.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct tables_scan {
	pthread_mutex_t mu;
	char *dir;
	int ended;            /* the thread is done with the scan */
	int abandoned;        /* the caller is done with it */
	int err;
	char **names;
	size_t count;
};

static void scan_free(struct tables_scan *s)
{
	flockd_names_free(s->names, s->count);
	pthread_mutex_destroy(&s->mu);
	free(s->dir);
	free(s);
}

static void *scan_main(void *arg)
{
	struct tables_scan *s = arg;
	background_thread();
	flockd_db *db = NULL;
	char **names = NULL;
	size_t count = 0;
	/* no lock is taken for a listing: the timeout is never used */
	int err = flockd_open(s->dir, 1000, FLOCKD_OPEN_READONLY, &db);
	if (err == FLOCKD_OK)
		err = flockd_tables(db, &names, &count);
	flockd_close(db);
	pthread_mutex_lock(&s->mu);
	s->err = err;
	s->names = err == FLOCKD_OK ? names : NULL;
	s->count = err == FLOCKD_OK ? count : 0;
	s->ended = 1;
	int last = s->abandoned;
	pthread_mutex_unlock(&s->mu);
	if (last)
		scan_free(s);
	return NULL;
}

int tables_scan_start(const char *dir, struct tables_scan **out)
{
	struct tables_scan *s = calloc(1, sizeof *s);
	*out = NULL;
	if (s == NULL)
		return ENOMEM;
	if (pthread_mutex_init(&s->mu, NULL) != 0) {
		free(s);
		return ENOMEM;
	}
	if ((s->dir = strdup(dir)) == NULL) {
		scan_free(s);
		return ENOMEM;
	}
	pthread_attr_t attr;
	int err = pthread_attr_init(&attr);
	if (err == 0) {
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		pthread_t thread;
		err = pthread_create(&thread, &attr, scan_main, s);
		pthread_attr_destroy(&attr);
	}
	if (err != 0) {
		scan_free(s);
		return err;
	}
	*out = s;
	return 0;
}

int tables_scan_collect(struct tables_scan *s, int *err, char ***names,
			size_t *count)
{
	pthread_mutex_lock(&s->mu);
	int ended = s->ended;
	pthread_mutex_unlock(&s->mu);
	if (!ended)
		return 0;
	/* the thread has let go of it: it is the caller's alone */
	*err = s->err;
	*names = s->names;
	*count = s->count;
	s->names = NULL;
	s->count = 0;
	scan_free(s);
	return 1;
}

void tables_scan_abandon(struct tables_scan *s)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	int ended = s->ended;
	s->abandoned = 1;
	pthread_mutex_unlock(&s->mu);
	if (ended)
		scan_free(s);
}
