/* SPDX-License-Identifier: MIT */
/*
 * cli_sync.h - the commands for synced replicas: manifest (what a
 * database holds, hashed), diff (cli_diff.c: a primary against a replica,
 * here or on another host), sync (repair a replica key by key),
 * conflicts and resolve (conflict copies, listed and settled). Their
 * models live in tui/sync/; these files run and print them. Internal to
 * tui/cli/.
 */
#ifndef TUI_CLI_CLI_SYNC_H
#define TUI_CLI_CLI_SYNC_H

#include "sync/replica.h"

struct cli_args;

int cli_cmd_manifest(struct cli_args *args);
int cli_cmd_sync(struct cli_args *args);
int cli_cmd_conflicts(struct cli_args *args);
int cli_cmd_resolve(struct cli_args *args);

/*
 * cli_replica_open - open the database `arg` names (DIR, HOST:DIR,
 * USER@HOST:DIR) with the command's -e, --remote-flockd and --timeout;
 * `writable` for sync's --to. On failure prints one line ("flockd CMD:
 * ARG: reason") and returns its exit status, else 0.
 */
int cli_replica_open(struct cli_args *args, const char *arg, int writable,
		     struct replica **r);

/* cli_replica_messages - print what the replica's last remote command
 * wrote on its standard error, each line as "flockd CMD: HOST: LINE",
 * escaped (escapes the remote flockd made are kept as they are). */
void cli_replica_messages(struct cli_args *args, struct replica *r);

/* cli_replica_error - a failure of replica `r` (`side` names it in the
 * message: "in A", "in --to"...): its remote messages, then one line;
 * returns cli_status(err). */
int cli_replica_error(struct cli_args *args, struct replica *r,
		      const char *side, const char *table, const char *key,
		      int err, const char *step);

struct conflict_set;

/* cli_conflicts_find - the conflict groups of the command's tables (-t,
 * or every table; the root table when KEYs follow DIR and no -t) and
 * KEYs (args->argv after DIR). 0, or an error (nothing printed). */
int cli_conflicts_find(struct cli_args *args, flockd_db *db,
		       struct conflict_set *set);

/* The help text shared by the commands that take HOST:DIR. */
#define CLI_REMOTE_DETAILS \
	"A database written HOST:DIR or USER@HOST:DIR is on another\n" \
	"machine, reached as rsync does: `flockd manifest`, `get`, `set`\n" \
	"and `delete` run there over the remote shell (-e, default ssh;\n" \
	"--remote-flockd, default flockd). Only values whose hashes differ\n" \
	"travel. A local path with a ':' is written with a '/' before it\n" \
	"(./a:b, /srv/a:b).\n"

#endif
