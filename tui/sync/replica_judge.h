/* SPDX-License-Identifier: MIT */
/*
 * replica_judge.h - one record of a comparison (replica_compare.h) made
 * from what the two walks gave for one name: the statuses, and for two
 * local databases the values read and compared. Internal to
 * replica_compare.c, which merges the walks on its own thread and has
 * the records judged by two threads (work_ahead.h): a judgement reads
 * only its item, its table's handles for the thread doing it, and that
 * thread's judge.
 */
#ifndef TUI_SYNC_REPLICA_JUDGE_H
#define TUI_SYNC_REPLICA_JUDGE_H

#include "sync/replica_compare.h"

/* The threads that judge: the comparison's own and its helper. */
enum { RJ_OWN, RJ_HELPER, RJ_THREADS };

/*
 * The handles of one table, per thread and side, opened by the
 * comparison's thread (a database handle is one thread's) for the items
 * that read that side; counted by the items that point at it.
 */
struct rj_table {
	size_t refs;
	char *name;
	int opened[2];                    /* side A, B: opened (or tried) */
	int err[2];                       /* ... and failed with this */
	flockd_table *t[RJ_THREADS][2];
};

/* One name of the merged walks, and its record once judged. */
struct rj_item {
	char which;                /* 'A', 'B' (one side), '=' (both) */
	struct manifest_entry ea, eb; /* copies; their table and name point
					 at `table` and `name` below */
	struct rj_table *table;    /* counted */
	char *name;                /* the item's own copy (kept between
				      uses of the item: name_cap) */
	size_t name_cap;
	struct rc_record rec;      /* the judgement */
};

/* What a thread judges with: which handles are its own, and its buffer
 * for comparing bytes. */
struct rj_judge {
	int thread;                /* RJ_OWN or RJ_HELPER */
	int bytes;                 /* both local: compare the bytes */
	char *buf;                 /* VALUE_EQUAL_BUF bytes, with `bytes` */
};

/*
 * rj_judge_item - fill item->rec from item's entries. A table's record
 * reads nothing (judge may be NULL); a key's or another file's reads
 * through judge's handles of item->table when its side is local.
 */
void rj_judge_item(const struct rj_judge *judge, struct rj_item *item);

#endif
