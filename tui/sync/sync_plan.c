/* SPDX-License-Identifier: MIT */
/* sync_plan.c - what sync does per record, and copying one value. */
#include "sync/sync_plan.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

const char *sync_action_name(enum sync_action a)
{
	switch (a) {
	case SYNC_CREATE:
		return "create";
	case SYNC_UPDATE:
		return "update";
	case SYNC_DELETE:
		return "delete";
	default:
		return "none";
	}
}

int sync_only_parse(const char *arg, struct sync_opts *o)
{
	o->differs = o->missing = 0;
	const char *p = arg;
	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		if (n == 7 && strncmp(p, "differs", 7) == 0)
			o->differs = 1;
		else if (n == 7 && strncmp(p, "missing", 7) == 0)
			o->missing = 1;
		else
			return EINVAL;
		p += n;
		if (*p == ',' && *++p == '\0')
			return EINVAL;
	}
	return o->differs || o->missing ? 0 : EINVAL;
}

enum sync_action sync_plan_record(const struct rc_record *rec,
				  const struct sync_opts *o,
				  const char **skip_why)
{
	*skip_why = "";
	int in_a = rec->a.present, in_b = rec->b.present;
	switch (rec->status) {
	case RC_ONLY_A:
		return o->missing ? SYNC_CREATE : SYNC_NONE;
	case RC_ONLY_B:
		return o->delete ? SYNC_DELETE : SYNC_NONE;
	case RC_DIFFERS:
		return o->differs ? SYNC_UPDATE : SYNC_NONE;
	case RC_SUSPECT:
		if (rec->a.suspect) {
			*skip_why = "suspect in the source (modification "
				    "time at the epoch: maybe torn); not copied";
			return SYNC_NONE;
		}
		if (in_a && !in_b)
			return o->missing ? SYNC_CREATE : SYNC_NONE;
		if (!in_a && in_b)
			return o->delete ? SYNC_DELETE : SYNC_NONE;
		return rec->values_differ && o->differs ? SYNC_UPDATE
							: SYNC_NONE;
	case RC_CONFLICT:
		*skip_why = "a conflict copy: settle it with flockd resolve";
		return SYNC_NONE;
	default:
		return SYNC_NONE;
	}
}

/* Stream the source value into the writer, hashing it when the source
 * is remote. */
static int pump(struct replica_value *v, struct replica_writer *to,
		struct vhasher *h, const char **step)
{
	char buf[64 * 1024];
	for (;;) {
		ssize_t n = read(v->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*step = "read source";
			return errno;
		}
		if (n == 0)
			return 0;
		if (h != NULL)
			vhasher_update(h, buf, (size_t)n);
		int err = replica_put_write(to, buf, (size_t)n);
		if (err != 0)
			return -1; /* the writer reported it */
	}
}

int sync_copy(struct replica *from, struct replica_writer *to,
	      const struct rc_record *rec, enum sync_action action,
	      const char **step)
{
	enum flockd_put_mode mode = action == SYNC_CREATE ? FLOCKD_PUT_CREATE
							  : FLOCKD_PUT_UPDATE;
	struct replica_value *v;
	*step = "open source";
	int err = replica_value_open(from, rec->table, rec->name, &v);
	if (err != 0)
		return err;
	int remote = replica_is_remote(from);
	struct vhasher *h = NULL;
	if (remote && (err = vhasher_new(&h)) != 0) {
		replica_value_close(from, v);
		return err;
	}
	/* local: the facts under the lock held while copying; remote: the
	 * manifest's, checked by size and hash below */
	const struct flockd_stat *st = v->have_stat ? &v->st : &rec->a.st;
	if (h != NULL)
		vhasher_start(h);
	err = replica_put_start(to, rec->table, rec->name, mode, &st->mtime,
				st->size);
	if (err != 0) {
		/* refused: the writer's callback has said why */
		replica_value_close(from, v);
		vhasher_free(h);
		return 0;
	}
	err = pump(v, to, h, step);
	int cerr = replica_value_close(from, v);
	if (err == -1) {
		vhasher_free(h);
		return 0; /* the write failed: its result came already */
	}
	if (err == 0 && cerr != 0) {
		*step = "remote get";
		err = cerr;
	}
	if (err == 0 && h != NULL) {
		struct vhash got;
		vhasher_end(h, &got);
		if (!rec->a.have_hash || !vhash_equal(&got, &rec->a.hash)) {
			*step = "check source";
			err = FLOCKD_ECONFLICT;
		}
	}
	vhasher_free(h);
	if (err != 0) {
		replica_put_cancel(to);
		return err;
	}
	replica_put_end(to);
	return 0;
}
