/*
 * table_list.c - the tables pane's model.
 */
#include "browser/table_list.h"

#include <stdlib.h>
#include <string.h>

void table_list_init(struct table_list *tl)
{
	memset(tl, 0, sizeof *tl);
}

static void free_names(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

void table_list_done(struct table_list *tl)
{
	free_names(tl->names, tl->count);
	memset(tl, 0, sizeof *tl);
}

int table_list_set(struct table_list *tl, char **names, size_t count)
{
	const char *old = table_list_current(tl);
	size_t cur = 0;
	int changed = 1;

	if (old != NULL) {
		/* First name >= the old one: the table itself or its next. */
		while (cur < count && strcmp(names[cur], old) < 0)
			cur++;
		if (cur < count && strcmp(names[cur], old) == 0)
			changed = 0;
		else if (cur == count && count > 0)
			cur = count - 1;
	} else if (count == 0) {
		changed = 0;
	}
	free_names(tl->names, tl->count);
	tl->names = names;
	tl->count = count;
	tl->cur = cur;
	if (tl->top >= count)
		tl->top = 0;
	return changed;
}

const char *table_list_current(const struct table_list *tl)
{
	return tl->cur < tl->count ? tl->names[tl->cur] : NULL;
}

size_t table_list_find(const struct table_list *tl, const char *name)
{
	for (size_t i = 0; i < tl->count; i++)
		if (strcmp(tl->names[i], name) == 0)
			return i;
	return (size_t)-1;
}

int table_list_move(struct table_list *tl, long delta)
{
	long r = (long)tl->cur + delta;
	if (tl->count == 0)
		return 0;
	if (r < 0)
		r = 0;
	if (r >= (long)tl->count)
		r = (long)tl->count - 1;
	if ((size_t)r == tl->cur)
		return 0;
	tl->cur = (size_t)r;
	return 1;
}

size_t table_list_scroll(struct table_list *tl, size_t height)
{
	if (height == 0)
		return tl->top;
	if (tl->cur < tl->top)
		tl->top = tl->cur;
	else if (tl->cur >= tl->top + height)
		tl->top = tl->cur - height + 1;
	if (tl->count <= height)
		tl->top = 0;
	else if (tl->top > tl->count - height)
		tl->top = tl->count - height;
	return tl->top;
}

const char *table_list_display(const char *name)
{
	return name[0] == '\0' ? "(root)" : name;
}
