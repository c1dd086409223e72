/* SPDX-License-Identifier: MIT */
/* edview_json.c - JSON on the editor screen: the status line's validity
 * mark (checked as the value changes when it is small, when the keyboard
 * rests when it is large, never past EDVIEW_JSON_MAX), and pretty-print /
 * compact, applied only after the user saw the difference. */
#include "editor/eddiff.h"
#include "editor/edjson.h"
#include "editor/edview.h"

#include "ui/ask.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse at every change up to this size (jansson: about 5 ms); larger
 * values are parsed when no key came for a second. */
#define EDVIEW_JSON_EAGER (64u * 1024u)
/* Past this, no mark: a parse would hold the screen too long (about
 * 0.15 s a MiB of small objects, measured). */
#define EDVIEW_JSON_MAX (2u * 1024u * 1024u)

static void check_now(struct edview *v)
{
	v->json_state = edjson_check(&v->eb.gb, NULL, 0);
	v->json_version = v->eb.version;
	v->json_checked = 1;
}

const char *edview_json_mark(struct edview *v)
{
	size_t len = edbuf_len(&v->eb);
	if (len > EDVIEW_JSON_MAX || !edjson_looks(&v->eb.gb))
		return "";
	int fresh = v->json_checked && v->json_version == v->eb.version;
	if (!fresh && len <= EDVIEW_JSON_EAGER) {
		check_now(v);
		fresh = 1;
	}
	if (!fresh)
		return "  JSON ?"; /* checked when the keyboard rests */
	return v->json_state == EDJSON_VALID ? "  JSON ok"
	       : v->json_state == EDJSON_INVALID ? "  JSON invalid" : "";
}

void edview_json_idle(struct edview *v)
{
	size_t len = edbuf_len(&v->eb);
	if (len <= EDVIEW_JSON_MAX &&
	    !(v->json_checked && v->json_version == v->eb.version) &&
	    edjson_looks(&v->eb.gb))
		check_now(v);
}

/* The whole buffer becomes `text`: one undo step, new bytes in before
 * the old ones go. */
static int replace_all(struct edview *v, const char *text, size_t n)
{
	struct edbuf *eb = &v->eb;
	size_t old = edbuf_len(eb);
	edbuf_break(eb);
	edbuf_group_begin(eb);
	int err = edbuf_insert(eb, old, text, n, EDBUF_MERGE_NONE);
	if (!err)
		err = edbuf_delete(eb, 0, old, EDBUF_MERGE_NONE);
	edbuf_group_end(eb);
	edbuf_break(eb);
	return err;
}

void edview_json_format(struct edview *v, int pretty)
{
	struct edsession *s = v->s;
	const char *how = pretty ? "pretty-printed" : "compacted";
	if (edview_refuse_read_only(v))
		return;
	char *text, why[200];
	size_t n;
	int err = edjson_format(&v->eb.gb, pretty, &text, &n, why, sizeof why);
	if (err == EINVAL) {
		edsession_say(s, 1, "not valid JSON, nothing changed: %s", why);
		return;
	}
	if (err) {
		edview_say_nomem(v);
		return;
	}
	size_t len = edbuf_len(&v->eb);
	const unsigned char *now = gapbuf_contents(&v->eb.gb);
	if (n == len && memcmp(now, text, n) == 0) {
		edsession_say(s, 0, "the JSON is %s already", how);
		free(text);
		return;
	}
	/* see it before it is used: numbers and repeated keys may change */
	char ta[200], tb[200];
	snprintf(ta, sizeof ta, "the buffer (%zu bytes)", len);
	snprintf(tb, sizeof tb, "%s (%zu bytes)", how, n);
	err = eddiff_show(s->ui, s->key_shown, now, len, ta, text, n, tb);
	char q[100];
	snprintf(q, sizeof q, "Use the %s JSON (one undo step)?", how);
	if (err) {
		edview_say_nomem(v);
	} else if (!ask_yesno(s->ui, q)) {
		edsession_say(s, 0, "not reformatted");
	} else if (replace_all(v, text, n) != 0) {
		edview_say_nomem(v);
	} else {
		v->cursor = 0;
		v->top = 0;
		v->hscroll = 0;
		v->goal_col = -1;
		v->sel.active = 0;
		edsession_say(s, 0, "%s the JSON (%zu bytes); save writes it, "
			      "undo takes it back", how, n);
	}
	free(text);
}
