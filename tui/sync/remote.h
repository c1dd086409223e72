/* SPDX-License-Identifier: MIT */
/*
 * remote.h - reaching a database on another machine as rsync does: an
 * argument HOST:PATH or USER@HOST:PATH names it, and the program runs
 * `flockd COMMAND ...` there through a remote shell (-e/--rsh CMD,
 * default "ssh"; --remote-flockd PATH, default "flockd"). Here: telling a
 * remote argument from a local path, splitting the remote-shell command
 * as rsync splits it, quoting words for the remote shell, and running one
 * remote command with pipes to its standard input and output. Plain C.
 *
 * The caller ignores SIGPIPE while it writes to a remote command's input
 * (a remote command that died then gives EPIPE, not the end of the
 * program).
 */
#ifndef TUI_SYNC_REMOTE_H
#define TUI_SYNC_REMOTE_H

#include <stddef.h>
#include <sys/types.h>

/* Where a database is. */
struct remote_spec {
	char *user;  /* USER@ of USER@HOST:PATH, or NULL; owned */
	char *host;  /* NULL: a local path; owned */
	char *path;  /* the path (on HOST when host is set); owned */
};

/*
 * remote_spec_parse - split `arg` as rsync splits its file arguments: a
 * ':' before any '/' makes it remote, HOST being what comes before the
 * ':' (after a USER@, the last '@' before it; an IPv6 address in
 * brackets, "[::1]:db", loses its brackets) and PATH what follows. Any
 * other argument is a local path, ':' or not: "./a:b" and "/srv/a:b" are
 * local, so a local path with a ':' stays reachable by starting it with
 * "./" or "/".
 * Returns 0 (out filled, release with remote_spec_free), ENOMEM, or
 * EINVAL with *why (static text): an empty host (":PATH"), an empty path
 * ("HOST:"), rsync's daemon forms ("HOST::MODULE", "rsync://...") or a
 * bracket not closed.
 */
int remote_spec_parse(const char *arg, struct remote_spec *out,
		      const char **why);
void remote_spec_free(struct remote_spec *s);

/*
 * remote_rsh_split - the words of a remote-shell command, as rsync splits
 * -e: words are separated by spaces; inside '...' or "..." spaces are
 * kept, and the same quote written twice ('' inside '...') is one quote
 * character; no backslash escapes. "ssh -p 2222 -o 'ProxyJump a b'" is
 * four words. Returns 0 (*argv a malloc'd NULL-terminated array of
 * *argc malloc'd words; remote_words_free), ENOMEM, or EINVAL with *why:
 * an unclosed quote, or no word at all.
 */
int remote_rsh_split(const char *cmd, char ***argv, size_t *argc,
		     const char **why);
void remote_words_free(char **argv);

/* remote_shell_quote - `s` as one word for a POSIX shell: '...' with
 * each ' written '\''. Malloc'd (free), NULL when memory runs out. */
char *remote_shell_quote(const char *s);

/* How to run commands on a host. Strings are borrowed. */
struct remote_opts {
	const char *rsh;           /* NULL: "ssh" */
	const char *remote_flockd; /* NULL: "flockd"; given to the remote
				      shell as it is (so "sudo flockd"
				      works), like rsync's --rsync-path */
};

/* A remote command being run. */
struct remote_proc {
	pid_t pid;
	int in;       /* write end of its standard input, or -1 */
	int out;      /* read end of its standard output, or -1 */
	int errfd;    /* where its standard error is collected */
};

enum remote_io {
	REMOTE_IN = 1u << 0,  /* a pipe to its input (else /dev/null) */
	REMOTE_OUT = 1u << 1, /* a pipe from its output (else /dev/null) */
};

/*
 * remote_argv - the local command line that runs `REMOTE_FLOCKD ARGS...`
 * on s->host: the words of o->rsh, "-l USER" when s->user is set and the
 * words hold no "-l" already, the host, and one word with the remote
 * command (each of `args` quoted for the remote shell). *argv as for
 * remote_rsh_split. 0, ENOMEM, or EINVAL with *why (a bad o->rsh).
 */
int remote_argv(const struct remote_spec *s, const struct remote_opts *o,
		const char *const *args, size_t nargs, char ***argv,
		const char **why);

/*
 * remote_start - run remote_argv's command line (searched in PATH) with
 * the pipes `io` asks for; its standard error goes to an unnamed file
 * that remote_finish hands over, so that nothing the remote side prints
 * reaches the terminal unescaped. 0 (p filled), or an errno value
 * (fork, pipe, ENOEXEC: the remote shell could not be run), EINVAL
 * with *why.
 */
int remote_start(const struct remote_spec *s, const struct remote_opts *o,
		 const char *const *args, size_t nargs, unsigned io,
		 struct remote_proc *p, const char **why);

/*
 * remote_finish - close the pipes, wait for the command, and give its
 * exit status (128 + N when killed by signal N) and what it wrote to
 * standard error (*messages malloc'd, NUL-terminated, or NULL when it
 * wrote nothing; raw bytes: escape before showing). messages may be NULL.
 * Returns 0 or the errno of waitpid.
 */
int remote_finish(struct remote_proc *p, int *status, char **messages);

/* remote_stop - for a caller that gives up early: SIGTERM the local
 * remote-shell process (which ends the remote command's input and
 * output); remote_finish must still follow. */
void remote_stop(struct remote_proc *p);

/*
 * remote_status_error - the error a remote command's exit status stands
 * for: 0 for 0; the store's codes for flockd's exit statuses (3 not
 * found, 4 exists, 5 invalid, 6 timeout, 7 conflict); ECONNABORTED for
 * 255 (the remote shell failed: no connection, authentication); ENOEXEC
 * for 126/127 (no flockd there: see --remote-flockd); EPROTO for 2 (the
 * remote flockd did not understand the command: an older version); EIO
 * for anything else.
 */
int remote_status_error(int status);

/* remote_strerror - flockd_strerror, but saying what the codes
 * remote_status_error gives for a remote shell's failures mean. Static. */
const char *remote_strerror(int err);

#endif
