/* SPDX-License-Identifier: MIT */
/* edview_find.c - the editor screen's search (case-blind and regex
 * options, the highlight of the matches), replace (confirmed one by one,
 * or all; one undo step either way) and go to (line, line:col, @byte). */
#include "editor/edview.h"
#include "editor/edreplace.h"
#include "editor/edsearch.h"
#include "editor/motion.h"

#include "common/textsafe.h"
#include "ui/ask.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "[regex, ignore case]" or "" */
static void options_shown(unsigned flags, char *buf, size_t size)
{
	if (flags == 0) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, size, "[%s%s%s]", flags & EDFIND_REGEX ? "regex" : "",
		 flags == (EDFIND_REGEX | EDFIND_ICASE) ? ", " : "",
		 flags & EDFIND_ICASE ? "ignore case" : "");
}

/* find_shown: the options and the pattern, escaped */
static void set_shown(struct edview *v, unsigned flags)
{
	char opts[64], pat[100];
	options_shown(flags, opts, sizeof opts);
	textsafe_name_buf(pat, sizeof pat, v->find_text,
			  strlen(v->find_text), textsafe_locale());
	snprintf(v->find_shown, sizeof v->find_shown, "%s%s%s", opts,
		 opts[0] ? " " : "", pat);
}

void edview_toggle_find_flag(struct edview *v, unsigned flag)
{
	v->find_flags ^= flag;
	const char *what = flag == EDFIND_REGEX ? "regular expressions"
						: "ignore case";
	const char *on = v->find_flags & flag ? "on" : "off";
	if (v->find_text == NULL || v->find_hex) {
		/* no pattern, or hex bytes: the next search takes it */
		edsession_say(v->s, 0, "search: %s %s", what, on);
		return;
	}
	/* the pattern is searched the new way from now on */
	char err[160];
	int rc = edfind_set(&v->find, v->find_text, strlen(v->find_text),
			    v->find_flags, err, sizeof err);
	if (rc != 0) {
		edfind_done(&v->find); /* the next search asks again */
		v->highlight = 0;
		edsession_say(v->s, 1, "search: %s %s; the pattern is not "
			      "one: %s", what, on,
			      rc == ENOMEM ? "out of memory" : err);
		return;
	}
	set_shown(v, v->find_flags);
	edsession_say(v->s, 0, "search: %s %s: %s", what, on, v->find_shown);
}

/* Ask for a pattern ("Search [regex]: ") and make it the search's.
 * 1 when set, 0 when cancelled or refused (message said why). */
static int ask_pattern(struct edview *v, const char *what)
{
	struct edsession *s = v->s;
	char opts[64], q[160];
	options_shown(v->find_flags, opts, sizeof opts);
	snprintf(q, sizeof q, "%s%s%s%s: ", what, opts[0] ? " " : "", opts,
		 v->hex ? " (hex bytes or text)" : "");
	char *text = NULL;
	if (ask_prompt(s->ui, q, NULL, NULL, &text) != 1 ||
	    text[0] == '\0') {
		free(text);
		return 0;
	}
	unsigned char *bytes = (unsigned char *)text;
	size_t n = strlen(text);
	unsigned flags = v->find_flags;
	unsigned char hexbytes[256];
	long h = v->hex && n / 2 < sizeof hexbytes
		? edsearch_parse_hex(text, hexbytes, sizeof hexbytes) : -1;
	if (h > 0) { /* bytes, exactly */
		bytes = hexbytes;
		n = (size_t)h;
		flags = 0;
	}
	char err[160];
	int rc = edfind_set(&v->find, bytes, n, flags, err, sizeof err);
	if (rc != 0) {
		char shown[128];
		textsafe_name_buf(shown, sizeof shown, text, strlen(text),
				  textsafe_locale());
		edsession_say(s, 1, "%s: %s", shown,
			      rc == ENOMEM ? "out of memory" : err);
		free(text);
		return 0;
	}
	free(v->find_text);
	v->find_text = text;
	v->find_hex = h > 0;
	set_shown(v, flags);
	v->highlight = 1;
	return 1;
}

void edview_search(struct edview *v, int backward, int ask)
{
	struct edsession *s = v->s;
	if ((ask || !edfind_active(&v->find)) &&
	    !ask_pattern(v, backward ? "Search backward" : "Search"))
		return;
	const struct gapbuf *gb = &v->eb.gb;
	int wrapped = 0;
	size_t len = gapbuf_len(gb);
	struct edfind_match m;
	int r = backward
		? edfind_prev(&v->find, gb, v->cursor, &m, &wrapped)
		: edfind_next(&v->find, gb, v->cursor < len ? v->cursor + 1 : 0,
			      &m, &wrapped);
	v->highlight = 1;
	if (r != 1) {
		edsession_say(s, 1, "%s: %s", r == 0 ? "not found"
			      : "out of memory searching", v->find_shown);
		return;
	}
	v->cursor = v->hex ? m.start : edview_snap(v, m.start);
	v->nibble = 0;
	v->goal_col = -1;
	edsession_say(s, 0, "%s%s", wrapped ? "search wrapped around: " : "",
		      v->find_shown);
}

/* ----------------------------------------------------------- replace */

struct replace_run {
	char *with;      /* the replacement template (owned) */
	size_t with_len;
	size_t stop;     /* after wrapping: matches before it only */
	int wrapped;
	size_t count;
};

/* The next match at or after p (wrapping once to the start, up to where
 * the run began). 1, 0 (no more) or ENOMEM. */
static int next_match(struct edview *v, struct replace_run *r, size_t p,
		      struct edfind_match *m)
{
	size_t len = edbuf_len(&v->eb);
	size_t hi = r->wrapped ? r->stop : len;
	int got = p <= hi ? edfind_first(&v->find, &v->eb.gb, p, hi, m) : 0;
	if (got != 0 || r->wrapped)
		return got;
	r->wrapped = 1;
	return r->stop > 0 ? edfind_first(&v->find, &v->eb.gb, 0, r->stop, m)
			   : 0;
}

/* Replace m; where the search goes on. 0 or ENOMEM. */
static int replace_match(struct edview *v, struct replace_run *r,
			 const struct edfind_match *m, size_t *p)
{
	size_t end;
	int err = edreplace_one(&v->find, &v->eb, m, r->with, r->with_len,
				&end);
	if (err)
		return err;
	if (r->wrapped) /* before the run's start: it moves */
		r->stop = r->stop + end - m->end;
	r->count++;
	*p = m->end > m->start ? end : end + 1;
	v->cursor = end;
	return 0;
}

static const struct ask_choice replace_choices[] = {
	{KA_REPLACE_THIS, "replace"},
	{KA_SKIP, "skip"},
	{KA_REPLACE_REST, "all the rest"},
	{KA_CANCEL, "stop"},
};

/* The confirming loop; the caller has the undo group open. */
static void replace_loop(struct edview *v, struct replace_run *r)
{
	size_t p = v->cursor;
	int ask = 1, err = 0;
	struct edfind_match m;
	for (;;) {
		int got = next_match(v, r, p, &m);
		if (got != 1) {
			err = got;
			break;
		}
		v->cursor = edview_snap(v, m.start);
		v->goal_col = -1;
		enum keymap_action a = KA_REPLACE_THIS;
		if (ask) {
			edsession_say(v->s, 0, "replace %s", v->find_shown);
			edview_draw(v);
			a = ask_choose(v->s->ui, KV_REPLACE, "Replace this "
				       "match?", replace_choices,
				       sizeof replace_choices /
				       sizeof replace_choices[0]);
		}
		if (a == KA_REPLACE_REST) {
			ask = 0;
			a = KA_REPLACE_THIS;
		}
		if (a == KA_SKIP) {
			p = m.end > m.start ? m.end : m.start + 1;
			continue;
		}
		if (a != KA_REPLACE_THIS)
			break;
		if ((err = replace_match(v, r, &m, &p)) != 0)
			break;
	}
	if (err)
		edview_say_nomem(v);
	else
		edsession_say(v->s, 0, "replaced %zu match%s of %s%s",
			      r->count, r->count == 1 ? "" : "es",
			      v->find_shown, r->count ? " (one undo step)"
						      : "");
}

/* Ask what to replace and with what; 1 when both were given. */
static int ask_replace(struct edview *v, struct replace_run *r,
		       const char *what)
{
	if (edview_refuse_read_only(v))
		return 0;
	if (v->hex) {
		edsession_say(v->s, 1, "replace works in text mode");
		return 0;
	}
	if (!ask_pattern(v, what))
		return 0;
	/* the pattern was just typed: the question stays short */
	const char *q = v->find.flags & EDFIND_REGEX
		? "Replace with (\\1..\\9 are groups): " : "Replace with: ";
	if (ask_prompt(v->s->ui, q, NULL, NULL, &r->with) != 1)
		return 0;
	r->with_len = strlen(r->with);
	return 1;
}

void edview_replace(struct edview *v, int all)
{
	struct replace_run r = {NULL, 0, v->cursor, 0, 0};
	if (!ask_replace(v, &r, all ? "Replace all" : "Replace")) {
		free(r.with);
		return;
	}
	edbuf_break(&v->eb);
	if (all) {
		int err = edreplace_all(&v->find, &v->eb, r.with, r.with_len,
					&r.count);
		if (err)
			edview_say_nomem(v);
		else
			edsession_say(v->s, r.count ? 0 : 1, "replaced %zu "
				      "match%s of %s%s", r.count,
				      r.count == 1 ? "" : "es", v->find_shown,
				      r.count ? " (one undo step)" : "");
		size_t len = edbuf_len(&v->eb);
		v->cursor = edview_snap(v, v->cursor > len ? len : v->cursor);
	} else {
		edbuf_group_begin(&v->eb);
		replace_loop(v, &r);
		edbuf_group_end(&v->eb);
	}
	edbuf_break(&v->eb);
	v->goal_col = -1;
	free(r.with);
}

/* ------------------------------------------------------------ go to */

static void goto_text(struct edview *v, const char *text)
{
	struct motion_goto g;
	if (motion_parse_goto(text, &g) != 0) {
		edsession_say(v->s, 1, "go to LINE, LINE:COL or @BYTE (digits, "
			      "@0x for hex)");
		return;
	}
	size_t len = edbuf_len(&v->eb);
	if (g.is_byte) {
		size_t to = g.byte > len ? len : (size_t)g.byte;
		v->cursor = edview_snap(v, to);
		if (v->cursor != to)
			edsession_say(v->s, 0, "byte %zu is inside a "
				      "character: at its start, byte %zu", to,
				      v->cursor);
		return;
	}
	size_t ls = motion_goto_line(&v->eb.gb, g.line ? (size_t)g.line : 1);
	v->cursor = motion_goto_column(&v->eb.gb, edview_ix(v), ls, g.col);
}

void edview_goto(struct edview *v)
{
	char *text = NULL;
	const char *q = v->hex ? "Go to offset (0x hex or decimal): "
			       : "Go to LINE[:COL] or @BYTE: ";
	if (ask_prompt(v->s->ui, q, NULL, NULL, &text) != 1) {
		free(text);
		return;
	}
	unsigned long long n = 0;
	if (!v->hex) {
		goto_text(v, text);
	} else if (motion_parse_position(text, 1, &n) != 0) {
		edsession_say(v->s, 1, "not a byte offset: use digits only");
	} else {
		size_t len = edbuf_len(&v->eb);
		v->cursor = n > len ? len : (size_t)n;
		v->nibble = 0;
	}
	v->goal_col = -1;
	free(text);
}
