/* SPDX-License-Identifier: MIT */
/* remote.c - HOST:PATH arguments and commands run over a remote shell. */
#include "sync/remote.h"

#include "common/exit_codes.h"
#include "flockd.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

void remote_spec_free(struct remote_spec *s)
{
	free(s->user);
	free(s->host);
	free(s->path);
	memset(s, 0, sizeof *s);
}

/* Where HOST ends in s (at the ':'), following rsync's parse_hostspec:
 * NULL when s names a local path; *user_len the length of "USER@" and
 * *host and *host_len the host without brackets. */
static const char *find_host_colon(const char *s, size_t *user_len,
				   const char **host, size_t *host_len,
				   const char **why)
{
	const char *host_start = s;
	*user_len = 0;
	*host_len = 0;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '/')
			return NULL;
		if (*p == ':') {
			if (*host_len == 0)
				*host_len = (size_t)(p - host_start);
			*host = host_start;
			return p;
		}
		if (*p == '@') {
			*user_len = (size_t)(p - s) + 1;
			host_start = p + 1;
		} else if (*p == '[' && p == host_start) {
			const char *end = strchr(p, ']');
			if (end == NULL || (end[1] != ':' && end[1] != '/' &&
					    end[1] != '\0')) {
				*why = "a '[' without its ']:' (an IPv6 host is "
				       "written [ADDRESS]:PATH)";
				return (const char *)-1;
			}
			host_start = p + 1;
			*host_len = (size_t)(end - host_start);
			p = end;
		}
	}
	return NULL;
}

int remote_spec_parse(const char *arg, struct remote_spec *out,
		      const char **why)
{
	memset(out, 0, sizeof *out);
	size_t user_len, host_len;
	const char *host = NULL;
	if (strncmp(arg, "rsync://", 8) == 0) {
		*why = "rsync:// names an rsync daemon; flockd reaches a host "
		       "over a remote shell: HOST:PATH";
		return EINVAL;
	}
	const char *colon = find_host_colon(arg, &user_len, &host, &host_len,
					    why);
	if (colon == (const char *)-1)
		return EINVAL;
	if (colon == NULL) {
		out->path = strdup(arg);
		return out->path ? 0 : ENOMEM;
	}
	if (host_len == 0) {
		*why = "no host before ':' (write ./PATH for a local path "
		       "with a ':')";
		return EINVAL;
	}
	if (colon[1] == ':') {
		*why = "HOST::MODULE names an rsync daemon; flockd reaches a "
		       "host over a remote shell: HOST:PATH";
		return EINVAL;
	}
	if (colon[1] == '\0') {
		*why = "no path after 'HOST:'";
		return EINVAL;
	}
	out->host = strndup(host, host_len);
	out->path = strdup(colon + 1);
	if (user_len > 1)
		out->user = strndup(arg, user_len - 1);
	if (out->host == NULL || out->path == NULL ||
	    (user_len > 1 && out->user == NULL)) {
		remote_spec_free(out);
		return ENOMEM;
	}
	return 0;
}

void remote_words_free(char **argv)
{
	if (argv == NULL)
		return;
	for (size_t i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

/* Append a copy of s[0..len) to a NULL-terminated word array. */
static int add_word(char ***argv, size_t *argc, const char *s, size_t len)
{
	char **grown = realloc(*argv, (*argc + 2) * sizeof *grown);
	if (grown == NULL)
		return ENOMEM;
	*argv = grown;
	if ((grown[*argc] = strndup(s, len)) == NULL)
		return ENOMEM;
	grown[++*argc] = NULL;
	return 0;
}

/* One word of an rsh command starting at *f (not a space), rsync's way,
 * into buf; *f is left after it. */
static int rsh_word(const char **f, char *buf, size_t *len, const char **why)
{
	char in_quote = '\0';
	const char *p = *f;
	size_t n = 0;
	while (*p != '\0' && (*p != ' ' || in_quote)) {
		if (*p == '\'' || *p == '"') {
			if (!in_quote) {
				in_quote = *p++;
				continue;
			}
			if (*p == in_quote && p[1] != in_quote) {
				in_quote = '\0';
				p++;
				continue;
			}
			if (*p == in_quote)
				p++; /* a doubled quote: one of it */
		}
		buf[n++] = *p++;
	}
	if (in_quote) {
		*why = in_quote == '\'' ? "missing trailing ' in the remote "
					  "shell command"
					: "missing trailing \" in the remote "
					  "shell command";
		return EINVAL;
	}
	*f = p;
	*len = n;
	return 0;
}

int remote_rsh_split(const char *cmd, char ***argv, size_t *argc,
		     const char **why)
{
	*argv = NULL;
	*argc = 0;
	char *buf = malloc(strlen(cmd) + 1);
	int err = buf ? 0 : ENOMEM;
	const char *f = cmd;
	while (err == 0 && *f != '\0') {
		if (*f == ' ') {
			f++;
			continue;
		}
		size_t len;
		err = rsh_word(&f, buf, &len, why);
		if (err == 0)
			err = add_word(argv, argc, buf, len);
	}
	free(buf);
	if (err == 0 && *argc == 0) {
		*why = "the remote shell command is empty";
		err = EINVAL;
	}
	if (err != 0) {
		remote_words_free(*argv);
		*argv = NULL;
		*argc = 0;
	}
	return err;
}

char *remote_shell_quote(const char *s)
{
	size_t n = 2;
	for (const char *p = s; *p; p++)
		n += *p == '\'' ? 4 : 1;
	char *q = malloc(n + 1), *o = q;
	if (q == NULL)
		return NULL;
	*o++ = '\'';
	for (const char *p = s; *p; p++) {
		if (*p == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *p;
		}
	}
	*o++ = '\'';
	*o = '\0';
	return q;
}

/* "REMOTE_FLOCKD 'arg' 'arg'..." */
static char *remote_command(const struct remote_opts *o,
			    const char *const *args, size_t nargs)
{
	const char *prog = o->remote_flockd ? o->remote_flockd : "flockd";
	size_t cap = strlen(prog) + 1, len = strlen(prog);
	char *cmd = malloc(cap);
	if (cmd == NULL)
		return NULL;
	memcpy(cmd, prog, len + 1);
	for (size_t i = 0; i < nargs; i++) {
		char *q = remote_shell_quote(args[i]);
		char *grown = q ? realloc(cmd, len + strlen(q) + 2) : NULL;
		if (grown == NULL) {
			free(q);
			free(cmd);
			return NULL;
		}
		cmd = grown;
		cmd[len++] = ' ';
		memcpy(cmd + len, q, strlen(q) + 1);
		len += strlen(q);
		free(q);
	}
	return cmd;
}

int remote_argv(const struct remote_spec *s, const struct remote_opts *o,
		const char *const *args, size_t nargs, char ***argv,
		const char **why)
{
	size_t argc;
	int err = remote_rsh_split(o->rsh ? o->rsh : "ssh", argv, &argc, why);
	if (err != 0)
		return err;
	int dash_l = 0;
	for (size_t i = 0; i + 1 < argc; i++)
		if (strcmp((*argv)[i], "-l") == 0 && (*argv)[i + 1][0] != '-')
			dash_l = 1;
	if (s->user != NULL && !dash_l) {
		err = add_word(argv, &argc, "-l", 2);
		if (err == 0)
			err = add_word(argv, &argc, s->user, strlen(s->user));
	}
	if (err == 0)
		err = add_word(argv, &argc, s->host, strlen(s->host));
	char *cmd = err == 0 ? remote_command(o, args, nargs) : NULL;
	if (err == 0 && cmd == NULL)
		err = ENOMEM;
	if (err == 0)
		err = add_word(argv, &argc, cmd, strlen(cmd));
	free(cmd);
	if (err != 0) {
		remote_words_free(*argv);
		*argv = NULL;
	}
	return err;
}

/* In the child: set up descriptors 0, 1, 2 and run argv. Never returns. */
static void child_exec(char **argv, int in, int out, int errfd, int report)
{
	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if ((in >= 0 ? dup2(in, 0) : dup2(devnull, 0)) < 0 ||
	    (out >= 0 ? dup2(out, 1) : dup2(devnull, 1)) < 0 ||
	    dup2(errfd, 2) < 0)
		_exit(127);
	signal(SIGPIPE, SIG_DFL);
	execvp(argv[0], argv);
	int e = errno;
	if (write(report, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

/* Close both ends of each pipe that is open. */
static void close_pair(int fds[2])
{
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	fds[0] = fds[1] = -1;
}

/* Wait for exec to succeed or report its errno through `report`. */
static int exec_result(int report)
{
	int e = 0;
	ssize_t n;
	while ((n = read(report, &e, sizeof e)) < 0 && errno == EINTR)
		;
	return n == (ssize_t)sizeof e ? e : 0;
}

int remote_start(const struct remote_spec *s, const struct remote_opts *o,
		 const char *const *args, size_t nargs, unsigned io,
		 struct remote_proc *p, const char **why)
{
	char **argv;
	int err = remote_argv(s, o, args, nargs, &argv, why);
	if (err != 0)
		return err;
	int in[2] = {-1, -1}, out[2] = {-1, -1}, rep[2] = {-1, -1};
	int errfd = memfd_create("flockd-remote-stderr", MFD_CLOEXEC);
	if (errfd < 0 || pipe2(rep, O_CLOEXEC) != 0 ||
	    ((io & REMOTE_IN) && pipe2(in, O_CLOEXEC) != 0) ||
	    ((io & REMOTE_OUT) && pipe2(out, O_CLOEXEC) != 0)) {
		err = errno;
		goto fail;
	}
	pid_t pid = fork();
	if (pid < 0) {
		err = errno;
		goto fail;
	}
	if (pid == 0)
		child_exec(argv, in[0], out[1], errfd, rep[1]);
	close(rep[1]);
	rep[1] = -1;
	int exec_err = exec_result(rep[0]);
	close_pair(rep);
	remote_words_free(argv);
	p->pid = pid;
	p->errfd = errfd;
	p->in = in[1];
	p->out = out[0];
	if (in[0] >= 0)
		close(in[0]);
	if (out[1] >= 0)
		close(out[1]);
	if (exec_err != 0) {
		int status;
		remote_finish(p, &status, NULL);
		*why = "the remote shell command could not be run (see -e)";
		return exec_err;
	}
	return 0;
fail:
	close_pair(in);
	close_pair(out);
	close_pair(rep);
	if (errfd >= 0)
		close(errfd);
	remote_words_free(argv);
	*why = "cannot start the remote shell";
	return err;
}

/* The collected standard error, or NULL when empty. */
static char *collected(int fd)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_size <= 0)
		return NULL;
	size_t n = (size_t)st.st_size;
	char *buf = malloc(n + 1);
	if (buf == NULL)
		return NULL;
	ssize_t got = pread(fd, buf, n, 0);
	if (got <= 0) {
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	return buf;
}

int remote_finish(struct remote_proc *p, int *status, char **messages)
{
	if (p->in >= 0)
		close(p->in);
	if (p->out >= 0)
		close(p->out);
	p->in = p->out = -1;
	int st, err = 0;
	while (waitpid(p->pid, &st, 0) < 0) {
		if (errno != EINTR) {
			err = errno;
			break;
		}
	}
	if (err == 0)
		*status = WIFEXITED(st) ? WEXITSTATUS(st)
			  : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 255;
	if (messages != NULL)
		*messages = collected(p->errfd);
	close(p->errfd);
	p->errfd = -1;
	return err;
}

void remote_stop(struct remote_proc *p)
{
	if (p->pid > 0)
		kill(p->pid, SIGTERM);
}

int remote_status_error(int status)
{
	switch (status) {
	case EXIT_OK:
		return 0;
	case EXIT_NOT_FOUND:
		return FLOCKD_ENOTFOUND;
	case EXIT_EXISTS:
		return FLOCKD_EEXIST;
	case EXIT_INVALID:
		return FLOCKD_EINVALID;
	case EXIT_TIMEOUT:
		return FLOCKD_ETIMEOUT;
	case EXIT_CONFLICT:
		return FLOCKD_ECONFLICT;
	case EXIT_USAGE:
		return EPROTO;
	case 126:
	case 127:
		return ENOEXEC;
	case 255:
		return ECONNABORTED;
	default:
		return EIO;
	}
}

const char *remote_strerror(int err)
{
	switch (err) {
	case ECONNABORTED:
		return "the remote shell failed (no connection, or the login "
		       "was refused)";
	case ENOEXEC:
		return "flockd could not be run there (see --remote-flockd)";
	case EPROTO:
		return "the remote flockd did not understand the command (an "
		       "older version?) or its output was cut short";
	default:
		return flockd_strerror(err);
	}
}
