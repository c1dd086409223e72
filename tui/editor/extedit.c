/* SPDX-License-Identifier: MIT */
/* extedit.c - run $VISUAL/$EDITOR on a private copy of a value. */
#include "editor/extedit.h"

#include "common/fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

const char *extedit_command(void)
{
	const char *e = getenv("VISUAL");
	if (e == NULL || *e == '\0')
		e = getenv("EDITOR");
	if (e == NULL || *e == '\0')
		e = "vi";
	return e;
}

/* "$TMPDIR/flockd-KEY-XXXXXX" with KEY reduced to safe characters. */
static int make_template(const char *hint, char *path, size_t size)
{
	const char *dir = getenv("TMPDIR");
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	char safe[41];
	size_t n = 0;
	for (const char *p = hint ? hint : ""; *p && n < sizeof safe - 1; p++) {
		char c = *p;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || c == '.' || c == '_' ||
			 c == '-';
		safe[n++] = ok ? c : '_';
	}
	safe[n] = '\0';
	int w = snprintf(path, size, "%s/flockd-%s%sXXXXXX", dir, safe,
			 n ? "-" : "");
	return w < 0 || (size_t)w >= size ? ENAMETOOLONG : 0;
}

static int read_back(const char *path, void **out, size_t *out_len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno;
	size_t cap = 65536, n = 0;
	struct stat st;
	if (fstat(fd, &st) == 0 && st.st_size > 0)
		cap = (size_t)st.st_size + 1;
	char *buf = malloc(cap);
	int err = buf ? 0 : ENOMEM;
	while (!err) {
		if (n == cap) {
			char *nb = realloc(buf, cap * 2);
			if (nb == NULL) {
				err = ENOMEM;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno != EINTR)
				err = errno;
			continue;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	*out = buf;
	*out_len = n;
	return 0;
}

/* Fork and exec the editor; wait for it with SIGINT/SIGQUIT ignored (the
 * terminal's ^C belongs to the editor), like system(3). */
static int spawn_editor(const char *path, int *exit_status)
{
	const char *editor = extedit_command();
	size_t cmdlen = strlen(editor) + sizeof " \"$@\"";
	char *cmd = malloc(cmdlen);
	if (cmd == NULL)
		return ENOMEM;
	snprintf(cmd, cmdlen, "%s \"$@\"", editor);

	struct sigaction ign, dfl, old_int, old_quit, old_tstp;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	dfl = ign;
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	/* Ctrl-Z stops us with the editor, without curses' handler: it
	 * would repaint our screen over the editor's at `fg` */
	sigaction(SIGTSTP, &dfl, &old_tstp);

	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &dfl, NULL);
		sigaction(SIGQUIT, &dfl, NULL);
		execl("/bin/sh", "sh", "-c", cmd, editor, path, (char *)NULL);
		_exit(127);
	}
	int err = 0;
	if (pid < 0) {
		err = errno;
	} else {
		int status;
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				err = errno;
				break;
			}
		}
		if (!err)
			*exit_status = WIFEXITED(status)
				? WEXITSTATUS(status)
				: 128 + WTERMSIG(status);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGTSTP, &old_tstp, NULL);
	free(cmd);
	return err;
}

int extedit_run(const void *data, size_t len, const char *name_hint,
		const struct extedit_hooks *hooks, int *exit_status,
		void **out, size_t *out_len, char *path_out)
{
	char path[PATH_MAX];
	*out = NULL;
	*out_len = 0;
	*exit_status = -1;
	int err = make_template(name_hint, path, sizeof path);
	if (err)
		return err;
	int fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (path_out != NULL)
		snprintf(path_out, PATH_MAX, "%s", path);
	err = fchmod(fd, 0600) ? errno : 0;
	if (!err)
		err = fdio_write_all(fd, data, len);
	if (close(fd) && !err)
		err = errno;
	if (!err) {
		if (hooks && hooks->suspend)
			hooks->suspend(hooks->ctx);
		err = spawn_editor(path, exit_status);
		if (hooks && hooks->resume)
			hooks->resume(hooks->ctx);
	}
	if (err) {
		unlink(path); /* nothing ran: only our copy of the value */
		return err;
	}
	err = read_back(path, out, out_len);
	if (path_out == NULL && !err)
		unlink(path); /* the caller cannot name it: it has the text */
	return err;
}

void extedit_remove(const char *path)
{
	unlink(path);
}
