/* SPDX-License-Identifier: MIT */
/* work_ahead.c - a ring of items whose work two threads share. */
#include "common/work_ahead.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

/* Where an item in the ring stands. */
enum wa_state {
	WA_READY,   /* its work done, or none needed */
	WA_WAITING, /* its work not begun */
	WA_HELPER,  /* the helper is doing its work */
	WA_OWNER,   /* the owner is doing its work */
};

struct work_ahead {
	size_t slot_size, nslots;
	work_ahead_fn *work;
	void *helper_ctx;
	unsigned char *slots;
	unsigned char *state;  /* enum wa_state, per slot */
	/* Items are numbered from 0 as they are pushed; item n lives in
	 * slot n % nslots. Only the owner moves head and tail (under the
	 * lock, which the helper reads them under). */
	size_t head;           /* the next item to take */
	size_t tail;           /* the next item to push */
	int held;              /* the item before head is still the
				  owner's (the last take returned it) */
	size_t helper_next;    /* the first item the helper may look at */
	int refilling;         /* the back is open (see work_ahead_back) */
	int stop;
	int helper_idle;       /* waiting for work: push signals */
	int owner_waiting;     /* waiting for the helper's item */
	pthread_mutex_t lock;
	pthread_cond_t work_cv;
	pthread_cond_t done_cv;
	pthread_t helper;
};

static void *slot_at(const struct work_ahead *wa, size_t item)
{
	return wa->slots + (item % wa->nslots) * wa->slot_size;
}

/* The first waiting item at or after helper_next, claimed; or none. */
static int claim(struct work_ahead *wa, size_t *item)
{
	size_t n = wa->helper_next > wa->head ? wa->helper_next : wa->head;
	for (; n < wa->tail; n++)
		if (wa->state[n % wa->nslots] == WA_WAITING) {
			wa->state[n % wa->nslots] = WA_HELPER;
			wa->helper_next = n + 1;
			*item = n;
			return 1;
		}
	wa->helper_next = n;
	return 0;
}

static void *helper_main(void *arg)
{
	struct work_ahead *wa = arg;
	pthread_mutex_lock(&wa->lock);
	while (!wa->stop) {
		size_t item;
		if (!claim(wa, &item)) {
			wa->helper_idle = 1;
			pthread_cond_wait(&wa->work_cv, &wa->lock);
			wa->helper_idle = 0;
			continue;
		}
		pthread_mutex_unlock(&wa->lock);
		wa->work(wa->helper_ctx, slot_at(wa, item));
		pthread_mutex_lock(&wa->lock);
		wa->state[item % wa->nslots] = WA_READY;
		if (wa->owner_waiting)
			pthread_cond_signal(&wa->done_cv);
	}
	pthread_mutex_unlock(&wa->lock);
	return NULL;
}

/* Free the ring once no helper runs (never started, or joined). */
static void ring_free(struct work_ahead *wa)
{
	pthread_cond_destroy(&wa->done_cv);
	pthread_cond_destroy(&wa->work_cv);
	pthread_mutex_destroy(&wa->lock);
	free(wa->slots);
	free(wa->state);
	free(wa);
}

int work_ahead_new(size_t slot_size, size_t nslots, work_ahead_fn *work,
		   void *helper_ctx, struct work_ahead **out)
{
	if (nslots < 2 || slot_size == 0)
		return EINVAL;
	struct work_ahead *wa = calloc(1, sizeof *wa);
	if (wa == NULL)
		return ENOMEM;
	wa->slot_size = slot_size;
	wa->nslots = nslots;
	wa->work = work;
	wa->helper_ctx = helper_ctx;
	wa->slots = calloc(nslots, slot_size);
	wa->state = calloc(nslots, 1);
	pthread_mutex_init(&wa->lock, NULL);
	pthread_cond_init(&wa->work_cv, NULL);
	pthread_cond_init(&wa->done_cv, NULL);
	if (wa->slots == NULL || wa->state == NULL) {
		ring_free(wa);
		return ENOMEM;
	}
	/* the helper is born with every signal blocked */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int err = pthread_create(&wa->helper, NULL, helper_main, wa);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		ring_free(wa);
		return err;
	}
	*out = wa;
	return 0;
}

/*
 * The back opens when the ring is at most half full and closes when it
 * is full, so items arrive in batches of half a ring: the helper, woken
 * once per batch rather than once per item, works through many items
 * per wake-up (a futex call and a context switch cost about what
 * reading a small value does).
 */
void *work_ahead_back(struct work_ahead *wa)
{
	size_t used = wa->tail - wa->head + (size_t)wa->held;
	if (used <= wa->nslots / 2)
		wa->refilling = 1;
	if (!wa->refilling || used >= wa->nslots) {
		wa->refilling = 0;
		return NULL;
	}
	return slot_at(wa, wa->tail);
}

/* Wake an idle helper once a few items wait for it. */
#define WA_WAKE_AFTER 16

void work_ahead_push(struct work_ahead *wa, int needs_work)
{
	pthread_mutex_lock(&wa->lock);
	wa->state[wa->tail % wa->nslots] = needs_work ? WA_WAITING : WA_READY;
	wa->tail++;
	if (wa->helper_idle && wa->tail - wa->helper_next >= WA_WAKE_AFTER)
		pthread_cond_signal(&wa->work_cv);
	pthread_mutex_unlock(&wa->lock);
}

/* The last waiting item after the front, claimed by the owner; or none.
 * The owner works from the back while the helper works from the front,
 * so neither waits for the other until they meet. */
static int claim_last(struct work_ahead *wa, size_t *item)
{
	size_t low = wa->helper_next > wa->head ? wa->helper_next : wa->head;
	for (size_t n = wa->tail; n > low; n--)
		if (wa->state[(n - 1) % wa->nslots] == WA_WAITING) {
			wa->state[(n - 1) % wa->nslots] = WA_OWNER;
			*item = n - 1;
			return 1;
		}
	return 0;
}

/* Do the owner's claimed item (the lock held on entry and on return). */
static void owner_work(struct work_ahead *wa, size_t item, void *own_ctx)
{
	pthread_mutex_unlock(&wa->lock);
	wa->work(own_ctx, slot_at(wa, item));
	pthread_mutex_lock(&wa->lock);
	wa->state[item % wa->nslots] = WA_READY;
}

void *work_ahead_take(struct work_ahead *wa, void *own_ctx)
{
	if (wa->head == wa->tail) {
		wa->held = 0;
		return NULL;
	}
	size_t item = wa->head;
	unsigned char *state = &wa->state[item % wa->nslots];
	pthread_mutex_lock(&wa->lock);
	wa->held = 0;
	if (wa->helper_idle && wa->tail > wa->helper_next)
		pthread_cond_signal(&wa->work_cv);
	for (;;) {
		size_t other;
		if (*state == WA_READY)
			break;
		if (*state == WA_WAITING) {
			*state = WA_OWNER;
			owner_work(wa, item, own_ctx);
		} else if (claim_last(wa, &other)) {
			owner_work(wa, other, own_ctx);
		} else {
			wa->owner_waiting = 1;
			pthread_cond_wait(&wa->done_cv, &wa->lock);
			wa->owner_waiting = 0;
		}
	}
	wa->head++;
	wa->held = 1;
	pthread_mutex_unlock(&wa->lock);
	return slot_at(wa, item);
}

size_t work_ahead_pending(const struct work_ahead *wa)
{
	return wa->tail - wa->head;
}

void work_ahead_free(struct work_ahead *wa, work_ahead_drop_fn *drop)
{
	if (wa == NULL)
		return;
	pthread_mutex_lock(&wa->lock);
	wa->stop = 1;
	pthread_cond_signal(&wa->work_cv);
	pthread_mutex_unlock(&wa->lock);
	pthread_join(wa->helper, NULL);
	for (size_t i = 0; drop != NULL && i < wa->nslots; i++)
		drop(wa->slots + i * wa->slot_size);
	ring_free(wa);
}
