/* SPDX-License-Identifier: MIT */
/*
 * bulk_plan.c - a bulk action's plan and its confirmation (bulk.h).
 */
#include "browser/bulk.h"

#include "browser/fmt.h"
#include "browser/table_list.h"
#include "common/textsafe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bulk_plan_init(struct bulk_plan *p, enum bulk_op op, const char *table,
		   const char *target)
{
	memset(p, 0, sizeof *p);
	p->op = op;
	p->table = strdup(table);
	p->target = target != NULL ? strdup(target) : NULL;
	if (p->table == NULL || (target != NULL && p->target == NULL)) {
		bulk_plan_done(p);
		return ENOMEM;
	}
	return 0;
}

void bulk_plan_done(struct bulk_plan *p)
{
	free(p->table);
	free(p->target);
	free(p->keys);
	free(p->key_off);
	for (size_t i = 0; i < p->n_nested; i++)
		free(p->nested[i]);
	free(p->nested);
	memset(p, 0, sizeof *p);
}

static int grow(void **v, size_t elem, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 256;
	while (c < need)
		c *= 2;
	void *n = realloc(*v, c * elem);
	if (n == NULL)
		return ENOMEM;
	*v = n;
	*cap = c;
	return 0;
}

int bulk_plan_add(struct bulk_plan *p, const char *key, size_t len)
{
	if (len == 0 || len > 255 || memchr(key, '/', len) != NULL ||
	    memchr(key, '\0', len) != NULL)
		return EINVAL;
	if (grow((void **)&p->keys, 1, &p->keys_cap, p->keys_len + len + 1) ||
	    grow((void **)&p->key_off, sizeof *p->key_off, &p->off_cap,
		 p->n_keys + 1))
		return ENOMEM;
	memcpy(p->keys + p->keys_len, key, len);
	p->keys[p->keys_len + len] = '\0';
	p->key_off[p->n_keys++] = p->keys_len;
	p->keys_len += len + 1;
	return 0;
}

const char *bulk_plan_key(const struct bulk_plan *p, size_t i)
{
	return i < p->n_keys ? p->keys + p->key_off[i] : NULL;
}

int bulk_plan_add_nested(struct bulk_plan *p, const char *table)
{
	char **v = realloc(p->nested, (p->n_nested + 1) * sizeof *v);
	if (v == NULL)
		return ENOMEM;
	p->nested = v;
	if ((v[p->n_nested] = strdup(table)) == NULL)
		return ENOMEM;
	p->n_nested++;
	return 0;
}

int bulk_plan_look(struct bulk_plan *p, flockd_db *db)
{
	flockd_table *t = NULL;
	int err = flockd_table_open(db, p->target, 0, &t);
	p->n_clash = 0;
	p->target_exists = err == FLOCKD_OK;
	if (err == FLOCKD_ENOTFOUND)
		return 0;
	if (err != FLOCKD_OK)
		return err;
	if (p->n_keys > BULK_CLASH_MAX) {
		p->n_clash = -1;
	} else {
		struct flockd_stat st;
		for (size_t i = 0; i < p->n_keys; i++)
			if (flockd_key_stat(t, bulk_plan_key(p, i), &st) == 0)
				p->n_clash++;
	}
	flockd_table_close(t);
	return 0;
}

int bulk_plan_asks_clash(const struct bulk_plan *p)
{
	return (p->op == BULK_COPY || p->op == BULK_MOVE) && p->target_exists &&
	       p->n_clash != 0;
}

const char *bulk_op_verb(enum bulk_op op)
{
	static const char *const v[] = {"delete", "copy", "move", "export",
					"drop", "rename"};
	return v[op];
}

const char *bulk_op_done(enum bulk_op op)
{
	static const char *const v[] = {"deleted", "copied", "moved",
					"exported", "deleted", "moved"};
	return v[op];
}

/* A name escaped for a question, cut to `cols`. */
static void shown(const char *name, char *buf, size_t size)
{
	textsafe_name_buf(buf, size, table_list_display(name), strlen(
				  table_list_display(name)), textsafe_locale());
}

/* "12 keys" or "key alice" (one key is named). */
static void what_keys(const struct bulk_plan *p, char *buf, size_t size)
{
	char n[32], k[200];
	if (p->n_keys == 1) {
		const char *key = bulk_plan_key(p, 0);
		textsafe_name_buf(k, sizeof k, key, strlen(key),
				  textsafe_locale());
		snprintf(buf, size, "key %s", k);
		return;
	}
	fmt_count(p->n_keys, n, sizeof n);
	snprintf(buf, size, "%s keys", n);
}

/* What a table op keeps: its files that are not keys, nested tables. */
static void what_stays(const struct bulk_plan *p, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	if (p->n_files > 0) {
		char n[32];
		fmt_count(p->n_files, n, sizeof n);
		len += (size_t)snprintf(buf, size, " Kept: %s file%s that %s "
					"not keys (and the directory)", n,
					p->n_files == 1 ? "" : "s",
					p->n_files == 1 ? "is" : "are");
	}
	for (size_t i = 0; i < p->n_nested && len + 8 < size; i++) {
		char t[120];
		shown(p->nested[i], t, sizeof t);
		if (i >= 3) {
			len += (size_t)snprintf(buf + len, size - len, ", +%zu",
						p->n_nested - i);
			break;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i == 0 ? (p->n_files ? "; nested tables "
							     : " Kept: nested tables ")
					       : ", ", t);
	}
	if (len > 0 && len + 2 < size)
		snprintf(buf + len, size - len, ".");
}

void bulk_plan_question(const struct bulk_plan *p, char *buf, size_t size)
{
	char keys[240], from[160], to[300], stays[400], n[32];
	what_keys(p, keys, sizeof keys);
	shown(p->table, from, sizeof from);
	if (p->target != NULL)
		textsafe_name_buf(to, sizeof to, p->op == BULK_EXPORT
				  ? p->target : table_list_display(p->target),
				  strlen(p->op == BULK_EXPORT ? p->target
					 : table_list_display(p->target)),
				  textsafe_locale());
	what_stays(p, stays, sizeof stays);
	switch (p->op) {
	case BULK_DELETE:
		snprintf(buf, size, "Delete %s of %s?", keys, from);
		break;
	case BULK_COPY:
	case BULK_MOVE:
		snprintf(buf, size, "%s %s from %s to %s%s?",
			 p->op == BULK_COPY ? "Copy" : "Move", keys, from, to,
			 p->target_exists ? "" : " (a new table)");
		if (bulk_plan_asks_clash(p)) {
			size_t len = strlen(buf);
			fmt_count((uint64_t)p->n_clash, n, sizeof n);
			snprintf(buf + len, size - len, p->n_clash < 0
				 ? " Keys %s has already:"
				 : " %s of them exist%s there:",
				 p->n_clash < 0 ? to : n,
				 p->n_clash == 1 ? "s" : "");
		}
		break;
	case BULK_EXPORT:
		snprintf(buf, size, "Export %s of %s to %s%s?", keys, from, to,
			 p->overwrite ? " (replacing the file)" : "");
		break;
	case BULK_DROP_TABLE:
		fmt_count(p->n_keys, n, sizeof n);
		snprintf(buf, size, "Delete table %s: its %s key%s, each under "
			 "its lock?%s", from, n, p->n_keys == 1 ? "" : "s",
			 stays);
		break;
	case BULK_RENAME_TABLE:
		fmt_count(p->n_keys, n, sizeof n);
		snprintf(buf, size, "Rename table %s to %s: move its %s key%s "
			 "one by one?%s", from, to, n, p->n_keys == 1 ? "" : "s",
			 stays);
		break;
	}
}
