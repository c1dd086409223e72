/* SPDX-License-Identifier: MIT */
/* test_remote.c - HOST:PATH as rsync reads it (local paths with ':'
 * stay local), -e split as rsync splits it, words quoted for the remote
 * shell, the command line given to the remote shell, and running a
 * command through a fake remote shell that runs it here: its output,
 * input, standard error and exit status. */
#include "sync_test.h"

#include "sync/remote.h"

#include <signal.h>
#include <unistd.h>

static void spec(const char *arg, const char *user, const char *host,
		 const char *path)
{
	struct remote_spec s;
	const char *why = NULL;
	print_message("# %s\n", arg);
	assert_int_equal(remote_spec_parse(arg, &s, &why), 0);
	if (user == NULL)
		assert_null(s.user);
	else
		assert_string_equal(s.user, user);
	if (host == NULL)
		assert_null(s.host);
	else
		assert_string_equal(s.host, host);
	assert_string_equal(s.path, path);
	remote_spec_free(&s);
}

static void bad_spec(const char *arg)
{
	struct remote_spec s;
	const char *why = NULL;
	print_message("# %s\n", arg);
	assert_int_equal(remote_spec_parse(arg, &s, &why), EINVAL);
	assert_non_null(why);
}

static void test_specs(void **state)
{
	(void)state;
	spec("db", NULL, NULL, "db");
	spec("/srv/db", NULL, NULL, "/srv/db");
	spec("host:db", NULL, "host", "db");
	spec("host:/srv/db", NULL, "host", "/srv/db");
	spec("me@host:db", "me", "host", "db");
	spec("a@b@host:db", "a@b", "host", "db");
	spec("[::1]:db", NULL, "::1", "db");
	spec("me@[fe80::1]:x:y", "me", "fe80::1", "x:y");
	/* a '/' before the ':' keeps a path local, as rsync does */
	spec("./a:b", NULL, NULL, "./a:b");
	spec("/srv/a:b", NULL, NULL, "/srv/a:b");
	spec("dir/host:x", NULL, NULL, "dir/host:x");
	bad_spec(":db");
	bad_spec("me@:db");
	bad_spec("host:");
	bad_spec("host::module");
	bad_spec("rsync://host/db");
	bad_spec("[::1:db");
}

static void words(const char *cmd, const char *const *want, size_t n)
{
	char **argv;
	size_t argc;
	const char *why;
	assert_int_equal(remote_rsh_split(cmd, &argv, &argc, &why), 0);
	assert_int_equal(argc, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(argv[i], want[i]);
	assert_null(argv[n]);
	remote_words_free(argv);
}

static void test_rsh_split(void **state)
{
	(void)state;
	const char *w1[] = {"ssh"};
	words("ssh", w1, 1);
	const char *w2[] = {"ssh", "-p", "2222", "-o", "ProxyJump a b"};
	words("  ssh -p 2222  -o 'ProxyJump a b' ", w2, 5);
	const char *w3[] = {"ssh", "-F", "my conf", "it's"};
	words("ssh -F \"my conf\" 'it''s'", w3, 4);
	const char *w4[] = {"a\"b", "c'd", "x\\y"};
	words("'a\"b' \"c'd\" x\\y", w4, 3);
	const char *w5[] = {"ab", "say \"hi\""};
	words("a'b' \"say \"\"hi\"\"\"", w5, 2);
	char **argv;
	size_t argc;
	const char *why;
	assert_int_equal(remote_rsh_split("ssh 'open", &argv, &argc, &why),
			 EINVAL);
	assert_int_equal(remote_rsh_split("   ", &argv, &argc, &why), EINVAL);
}

/* sh -c 'printf %s WORD' gives back the original bytes. */
static void test_shell_quote(void **state)
{
	(void)state;
	const char *hard[] = {"plain", "", "it's", "a b\tc\nd", "$HOME `x`",
			      "'''", "\\\"", "-n", "\xff\xfe"};
	for (size_t i = 0; i < sizeof hard / sizeof *hard; i++) {
		char *q = remote_shell_quote(hard[i]);
		char cmd[256];
		snprintf(cmd, sizeof cmd, "printf %%s %s", q);
		FILE *p = popen(cmd, "r");
		char got[128] = "";
		size_t n = fread(got, 1, sizeof got - 1, p);
		got[n] = '\0';
		assert_int_equal(pclose(p), 0);
		assert_string_equal(got, hard[i]);
		free(q);
	}
}

static void test_argv(void **state)
{
	(void)state;
	struct remote_spec s = {0};
	const char *why;
	s.host = (char *)"host";
	s.user = (char *)"me";
	s.path = (char *)"db";
	struct remote_opts o = {"ssh -p 22", NULL};
	const char *args[] = {"get", "-t", "it's", "--", "db", "k"};
	char **argv;
	assert_int_equal(remote_argv(&s, &o, args, 6, &argv, &why), 0);
	const char *want[] = {"ssh", "-p", "22", "-l", "me", "host",
			      "flockd 'get' '-t' 'it'\\''s' '--' 'db' 'k'"};
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(argv[i], want[i]);
	assert_null(argv[7]);
	remote_words_free(argv);
	/* -l already given: no second one; --remote-flockd as it is */
	o.rsh = "ssh -l other";
	o.remote_flockd = "sudo /opt/flockd";
	assert_int_equal(remote_argv(&s, &o, args, 1, &argv, &why), 0);
	const char *want2[] = {"ssh", "-l", "other", "host",
			       "sudo /opt/flockd 'get'"};
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(argv[i], want2[i]);
	assert_null(argv[5]);
	remote_words_free(argv);
	o.rsh = "ssh \"";
	assert_int_equal(remote_argv(&s, &o, args, 1, &argv, &why), EINVAL);
}

/* The fake remote shell, with an option it must pass over. */
static char *fake_rsh(char *dir)
{
	static char cmd[SY_PATH + 8];
	snprintf(cmd, sizeof cmd, "%s -x", sy_fake_rsh(dir));
	return cmd;
}

static char *read_all(int fd)
{
	static char buf[4096];
	size_t n = 0;
	ssize_t got;
	while ((got = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
		n += (size_t)got;
	buf[n] = '\0';
	return buf;
}

static void test_run(void **state)
{
	(void)state;
	char *dir = testutil_mkdtemp();
	struct remote_spec s = {.host = (char *)"h", .path = (char *)"db"};
	struct remote_opts o = {fake_rsh(dir), "echo"};
	struct remote_proc p;
	const char *why;
	int status;
	char *messages;
	const char *args[] = {"a b", "it's", "$HOME"};
	assert_int_equal(remote_start(&s, &o, args, 3, REMOTE_OUT, &p, &why),
			 0);
	assert_string_equal(read_all(p.out), "a b it's $HOME\n");
	assert_int_equal(remote_finish(&p, &status, &messages), 0);
	assert_int_equal(status, 0);
	assert_null(messages);
	/* input, standard error and the exit status */
	o.remote_flockd = "cat; echo 'no such key' >&2; exit 3; :";
	assert_int_equal(remote_start(&s, &o, args, 0,
				      REMOTE_IN | REMOTE_OUT, &p, &why), 0);
	assert_int_equal(write(p.in, "value\0bytes", 11), 11);
	close(p.in);
	p.in = -1;
	char *out = read_all(p.out);
	assert_memory_equal(out, "value\0bytes", 11);
	assert_int_equal(remote_finish(&p, &status, &messages), 0);
	assert_int_equal(status, 3);
	assert_int_equal(remote_status_error(status), FLOCKD_ENOTFOUND);
	assert_string_equal(messages, "no such key\n");
	free(messages);
	/* stopped early: killed, reported as such */
	o.remote_flockd = "sleep 30";
	assert_int_equal(remote_start(&s, &o, args, 0, REMOTE_OUT, &p, &why),
			 0);
	remote_stop(&p);
	assert_int_equal(remote_finish(&p, &status, NULL), 0);
	assert_int_equal(status, 128 + SIGTERM);
	/* no such remote shell */
	o.rsh = "/nonexistent/ssh";
	assert_int_equal(remote_start(&s, &o, args, 0, REMOTE_OUT, &p, &why),
			 ENOENT);
	assert_int_equal(remote_status_error(255), ECONNABORTED);
	assert_int_equal(remote_status_error(127), ENOEXEC);
	assert_int_equal(remote_status_error(2), EPROTO);
	assert_int_equal(remote_status_error(6), FLOCKD_ETIMEOUT);
	testutil_rm_rf(dir);
	free(dir);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_specs),
		cmocka_unit_test(test_rsh_split),
		cmocka_unit_test(test_shell_quote),
		cmocka_unit_test(test_argv),
		cmocka_unit_test(test_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
