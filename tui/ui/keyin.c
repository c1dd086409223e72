/* SPDX-License-Identifier: MIT */
/*
 * keyin.c - curses keys to key codes: the function keys curses knows, the
 * control characters a terminal sends for Enter, Tab, Esc and Backspace,
 * Esc as the Alt prefix, bracketed pastes and a terminal that went away.
 */
#include "ui/keyin.h"

#include "common/curses_ui.h"
#include "ui/keycode.h"
#include "ui/termsig.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Our codes for the paste markers, far above curses' own and the ones it
 * gives extended keys (kLFT5 ...). */
#define CODE_PASTE_BEGIN 0x6f00
#define CODE_PASTE_END 0x6f01
#define PASTE_END "\033[201~"
#define PASTE_END_LEN 6
#define PASTE_QUIET_MS 1000 /* a paste without its end marker ends here */
#define BLOCK_SLICE_MS 250  /* "forever" waits this long between looks
			       at the signal flags */

void keyin_init(struct keyin *in, int fd)
{
	memset(in, 0, sizeof *in);
	in->fd = fd;
}

void keyin_done(struct keyin *in)
{
	free(in->paste);
	in->paste = NULL;
	in->paste_len = in->paste_cap = 0;
}

const char *keyin_paste(const struct keyin *in, size_t *len)
{
	*len = in != NULL && in->paste != NULL ? in->paste_len : 0;
	return *len ? in->paste : "";
}

int keyin_gone(const struct keyin *in)
{
	return in != NULL && in->gone;
}

/* A curses KEY_* code; 0 for the ones the program has no use for. */
static int special_key(int code)
{
	switch (code) {
	case KEY_UP: return KC_UP;
	case KEY_DOWN: return KC_DOWN;
	case KEY_LEFT: return KC_LEFT;
	case KEY_RIGHT: return KC_RIGHT;
	case KEY_HOME: return KC_HOME;
	case KEY_END: return KC_END;
	case KEY_PPAGE: return KC_PGUP;
	case KEY_NPAGE: return KC_PGDN;
	case KEY_IC: return KC_INSERT;
	case KEY_DC: return KC_DELETE;
	case KEY_BACKSPACE: return KC_BACKSPACE;
	case KEY_ENTER: return KC_ENTER;
	case KEY_BTAB: return KC_BTAB;
	case KEY_SR: return KC_SHIFT_UP;
	case KEY_SF: return KC_SHIFT_DOWN;
	case KEY_SLEFT: return KC_SHIFT_LEFT;
	case KEY_SRIGHT: return KC_SHIFT_RIGHT;
	case KEY_SHOME: return KC_SHIFT_HOME;
	case KEY_SEND: return KC_SHIFT_END;
	case KEY_RESIZE: return KC_RESIZE;
	case KEY_MOUSE: return KC_MOUSE;
	case CODE_PASTE_BEGIN: return KC_PASTE;
	default: break;
	}
	if (code >= KEY_F(1) && code <= KEY_F(KC_F_MAX))
		return KC_F(code - KEY_F0);
	/* xterm's Ctrl+arrow: terminfo's extended names kLFT5, kRIT5... */
	const char *name = keyname(code);
	if (name != NULL && strlen(name) == 5 && name[4] >= '5') {
		if (!strncmp(name, "kLFT", 4))
			return KC_CTRL_LEFT;
		if (!strncmp(name, "kRIT", 4))
			return KC_CTRL_RIGHT;
		if (!strncmp(name, "kHOM", 4))
			return KC_CTRL_HOME;
		if (!strncmp(name, "kEND", 4))
			return KC_CTRL_END;
	}
	/* Shift+Up/Down where terminfo names them kUP/kDN (not kri/kind) */
	if (name != NULL && !strcmp(name, "kUP"))
		return KC_SHIFT_UP;
	if (name != NULL && !strcmp(name, "kDN"))
		return KC_SHIFT_DOWN;
	return 0;
}

/* A character from the terminal, the control ones that stand for keys
 * turned into those keys. */
static int char_key(int ch)
{
	switch (ch) {
	case '\r':
	case '\n': return KC_ENTER;
	case '\t': return KC_TAB;
	case 27: return KC_ESC;
	case 0x7f: return KC_BACKSPACE;
	case 0: return 0; /* Ctrl-Space / Ctrl-@: nothing to bind */
	default: return ch;
	}
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * curses gave no key: a timeout, or the terminal is gone (its reads give
 * end of file or EIO, and curses says ERR at once, forever). Tell them
 * apart without losing a byte: poll says HUP/ERR, or says readable and a
 * non-blocking read of one byte gives end of file or an error; a byte read
 * goes back to curses.
 */
static void check_gone(struct keyin *in)
{
	struct pollfd p = {in->fd, POLLIN, 0};
	if (poll(&p, 1, 0) <= 0)
		return;
	if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) {
		in->gone = 1;
		return;
	}
	int flags = fcntl(in->fd, F_GETFL);
	if (flags < 0 || fcntl(in->fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return;
	unsigned char c;
	ssize_t n = read(in->fd, &c, 1);
	int e = errno;
	fcntl(in->fd, F_SETFL, flags);
	if (n == 1)
		ungetch(c);
	else if (n == 0 || (e != EAGAIN && e != EWOULDBLOCK && e != EINTR))
		in->gone = 1;
}

static int paste_reserve(struct keyin *in, size_t more)
{
	if (in->paste_len + more <= in->paste_cap)
		return 0;
	size_t cap = in->paste_cap ? in->paste_cap : 65536;
	while (cap < in->paste_len + more)
		cap *= 2;
	char *p = realloc(in->paste, cap);
	if (p == NULL)
		return ENOMEM;
	in->paste = p;
	in->paste_cap = cap;
	return 0;
}

/* Give curses back what came after the paste's end marker (typed keys). */
static void push_back(const char *s, size_t n)
{
	while (n > 0)
		ungetch((unsigned char)s[--n]);
}

/* Where the end marker is in the paste, looking from `from`; -1 if not
 * there yet. */
static long find_end(const struct keyin *in, size_t from)
{
	if (in->paste_len < PASTE_END_LEN)
		return -1;
	from = from > PASTE_END_LEN ? from - PASTE_END_LEN : 0;
	const char *p = memmem(in->paste + from, in->paste_len - from,
			       PASTE_END, PASTE_END_LEN);
	return p != NULL ? (long)(p - in->paste) : -1;
}

/*
 * After ESC[200~: the pasted bytes up to ESC[201~, read from the
 * descriptor in large reads (curses reads a byte per system call: a large
 * paste would take seconds). A terminal that stops sending without the
 * marker ends the paste after PASTE_QUIET_MS; one that goes away ends it
 * and marks the input gone. Out of memory keeps what fitted.
 */
static void read_paste(struct keyin *in)
{
	in->paste_len = 0;
	long long quiet_until = now_ms() + PASTE_QUIET_MS;
	for (;;) {
		long wait = (long)(quiet_until - now_ms());
		struct pollfd p = {in->fd, POLLIN, 0};
		int r = wait > 0 ? poll(&p, 1, (int)wait) : 0;
		if (r == 0 || termsig_pending())
			return;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (!(p.revents & POLLIN)) {
			in->gone = 1;
			return;
		}
		if (paste_reserve(in, 65536) != 0)
			return;
		ssize_t n = read(in->fd, in->paste + in->paste_len, 65536);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			in->gone = 1;
			return;
		}
		size_t before = in->paste_len;
		in->paste_len += (size_t)n;
		long end = find_end(in, before);
		if (end >= 0) {
			size_t after = (size_t)end + PASTE_END_LEN;
			push_back(in->paste + after, in->paste_len - after);
			in->paste_len = (size_t)end;
			return;
		}
		quiet_until = now_ms() + PASTE_QUIET_MS;
	}
}

/* One key from curses: 1 with *code set (0 for a key of no use), 0 on
 * timeout or when the terminal went away. */
static int read_one(struct keyin *in, int timeout_ms, int *code)
{
	wint_t ch;
	timeout(timeout_ms);
	int rc = get_wch(&ch);
	if (rc == ERR) {
		if (in != NULL)
			check_gone(in);
		return 0;
	}
	*code = rc == KEY_CODE_YES ? special_key((int)ch) : char_key((int)ch);
	if (*code == KC_PASTE && in != NULL)
		read_paste(in);
	else if (*code == KC_PASTE)
		*code = 0;
	return 1;
}

/* A signal or a lost terminal that every loop must see. */
static int event_key(struct keyin *in)
{
	if (in == NULL)
		return 0;
	if (in->gone || termsig_pending())
		return KC_HANGUP;
	if (termsig_take_interrupt())
		return KC_CTRL('C');
	return 0;
}

int keyin_read(struct keyin *in, int timeout_ms, int alt_ms)
{
	int key = 0, next;
	long long until = timeout_ms > 0 ? now_ms() + timeout_ms : 0;
	for (;;) {
		int ev = event_key(in);
		if (ev != 0)
			return ev;
		/* never block for long: a signal may not interrupt curses */
		int slice = timeout_ms < 0 || timeout_ms > BLOCK_SLICE_MS
				    ? BLOCK_SLICE_MS : timeout_ms;
		if (timeout_ms > 0) {
			long long left = until - now_ms();
			if (left <= 0)
				return 0;
			if (left < slice)
				slice = (int)left;
		}
		if (read_one(in, slice, &key)) {
			if (key != 0)
				break;
			continue;
		}
		if (timeout_ms == 0 || (in != NULL && in->gone))
			return event_key(in);
	}
	if (key != KC_ESC)
		return key;
	if (!read_one(in, alt_ms, &next))
		return KC_ESC;
	/* Esc then a character: Alt+character; Esc then a special key is
	 * that key (some terminals send Alt+arrow so) */
	if (keycode_is_text(next))
		return KC_META(next);
	return next;
}

void keyin_set_escdelay(int ms)
{
	set_escdelay(ms);
}

void keyin_set_paste(int on)
{
	putp(on ? "\033[?2004h" : "\033[?2004l");
	fflush(stdout);
}

void keyin_define_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} extra[] = {
		{"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME},
		{"\033[H", KEY_HOME},  {"\033OH", KEY_HOME},
		{"\033[4~", KEY_END},  {"\033[8~", KEY_END},
		{"\033[F", KEY_END},   {"\033OF", KEY_END},
		{"\033[200~", CODE_PASTE_BEGIN},
		{"\033[201~", CODE_PASTE_END},
	};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
}
