/* SPDX-License-Identifier: MIT */
/*
 * replica_internal.h - what replica.c (opening, walking, reading) and
 * replica_write.c (writing) share. Internal to tui/sync/.
 */
#ifndef TUI_SYNC_REPLICA_INTERNAL_H
#define TUI_SYNC_REPLICA_INTERNAL_H

#include "sync/replica.h"

struct replica {
	char *label;
	struct remote_spec spec;   /* spec.host NULL: local */
	struct remote_opts ropts;  /* strings owned */
	long timeout_ms;
	int writable;
	unsigned new_key_mode;     /* 0: the default */
	flockd_db *db;             /* local */
	flockd_table *cached;      /* the last table a value was read from */
	char *messages;            /* the last remote command's stderr */
};

/* replica_timeout_arg - "--timeout" and its value for remote commands,
 * into buf (at least 32 bytes). */
void replica_timeout_arg(const struct replica *r, char *buf, size_t size);

/* replica_run_done - finish a remote command: keep its messages, give
 * the error its exit status stands for. */
int replica_run_done(struct replica *r, struct remote_proc *p);

#endif
