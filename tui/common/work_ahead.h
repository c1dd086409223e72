/* SPDX-License-Identifier: MIT */
/*
 * work_ahead.h - the slow part of a sequence of items done by two
 * threads, handed back in order. A walk that reads a million values
 * spends most of its time in system calls (open, lock, stat, read,
 * close for each); on two cores a second thread doing the next items'
 * reads while the first uses the current one nearly halves that.
 *
 * The owner, one thread, puts items at the back of a ring of slots and
 * takes them from the front. A helper thread, started with the ring,
 * does the work of the items it finds waiting; when the owner takes an
 * item the helper has not begun, the owner does its work itself, so the
 * order never changes and nothing waits on an idle helper. The ring
 * bounds how far the helper runs ahead (and so the memory, and the
 * files it reads that the owner may never want, after a cancel).
 *
 * The work function runs on whichever thread does the item, with that
 * thread's context: the helper's given here, the owner's given to each
 * take. Each context holds its own handles (flockd.h: a handle is used by
 * one thread at a time). The work function must not touch anything the
 * owner changes while items are in the ring; a slot itself is the
 * worker's alone from the push until the take returns it.
 *
 * The helper blocks every signal, so a signal meant to interrupt the
 * owner's blocking read lands on the owner.
 */
#ifndef TUI_COMMON_WORK_AHEAD_H
#define TUI_COMMON_WORK_AHEAD_H

#include <stddef.h>

/* Do the slow part of the item in `slot`, with the context `ctx` of the
 * thread doing it. */
typedef void work_ahead_fn(void *ctx, void *slot);

struct work_ahead;

/*
 * work_ahead_new - a ring of `nslots` (at least 2) slots of `slot_size`
 * bytes each, zeroed, and its helper thread, which works with
 * `helper_ctx` (borrowed until work_ahead_free). The slots' contents are
 * the caller's: the ring never reads them, so a slot may keep memory of
 * its own from one use to the next (work_ahead_free's `drop` frees it).
 * Returns 0 (*out owned by the caller: work_ahead_free), ENOMEM, or
 * pthread_create's error.
 */
int work_ahead_new(size_t slot_size, size_t nslots, work_ahead_fn *work,
		   void *helper_ctx, struct work_ahead **out);

/*
 * work_ahead_back - the free slot at the back, for the owner to fill
 * before work_ahead_push; NULL when the ring is full (every slot is
 * waiting, or is the one the last take returned). Calling it again
 * without a push gives the same slot.
 */
void *work_ahead_back(struct work_ahead *wa);

/* work_ahead_push - put the slot work_ahead_back gave at the back: its
 * work is to be done when `needs_work`, else it is ready as it is. */
void work_ahead_push(struct work_ahead *wa, int needs_work);

/*
 * work_ahead_take - the item at the front, its work done: by the helper
 * (waiting for it to finish one it has begun) or now, on this thread,
 * with `own_ctx`. NULL when the ring holds nothing. The slot returned
 * stays the owner's, untouched, until the next take or work_ahead_free.
 */
void *work_ahead_take(struct work_ahead *wa, void *own_ctx);

/* work_ahead_pending - items pushed and not yet taken. */
size_t work_ahead_pending(const struct work_ahead *wa);

/* A function that frees what a slot holds. */
typedef void work_ahead_drop_fn(void *slot);

/* work_ahead_free - stop the helper (after the item it is doing, if
 * any: items still waiting are left undone), call `drop` (unless NULL)
 * on every slot, used or not, and free the ring. NULL is ignored. */
void work_ahead_free(struct work_ahead *wa, work_ahead_drop_fn *drop);

#endif
