/* SPDX-License-Identifier: MIT */
/* cli_info.c - `flockd info`: the file system under a database
 * (tui/inspect/fsinfo.h), as "NAME: VALUE" lines or one JSON document. */
#include "cli/cli_inspect.h"

#include "cli/cli_common.h"
#include "cli/cli_output.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "common/textsafe.h"
#include "inspect/fsinfo.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

/* "1.2 MiB" */
static void human_bytes(uint64_t n, char *buf, size_t size)
{
	static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB",
					    "PiB"};
	double v = (double)n;
	size_t u = 0;
	while (v >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, size, "%" PRIu64 " B", n);
	else
		snprintf(buf, size, "%.1f %s", v, units[u]);
}

static const char *fs_name(const struct fs_facts *f)
{
	if (f->have_mount)
		return f->mount.fstype;
	return f->type_name ? f->type_name : "unknown";
}

/* How the database's writes make new values (flockd_table_temp_kind of
 * the root table): what a crash can leave behind depends on it. */
struct info_temps {
	int err;                     /* 0, or why it is not known */
	enum flockd_temp_kind kind;
};

static const char *temps_label(const struct info_temps *t)
{
	if (t->err != 0)
		return "unknown";
	return t->kind == FLOCKD_TEMP_UNNAMED ? "unnamed" : "named";
}

static void temps_text(const struct info_temps *t, FILE *out)
{
	fprintf(out, "temp files:   %s: ", temps_label(t));
	if (t->err != 0)
		fprintf(out, "could not try an unnamed temp file here (%s)\n",
			flockd_strerror(t->err));
	else if (t->kind == FLOCKD_TEMP_UNNAMED)
		fputs("new values are written to unnamed temp files "
		      "(O_TMPFILE), a crash leaves nothing behind\n", out);
	else
		fputs("O_TMPFILE or /proc is not available, new values are "
		      "written to named temp files, which a crash can leave "
		      "for check\n", out);
}

static json_t *info_json(const char *dir, const struct fs_facts *f,
			 const struct fs_counts *c, const struct info_temps *t)
{
	json_t *o = cli_json_object();
	jsonfmt_set_name(o, "database", dir);
	json_object_set_new(o, "fs_type", json_string(fs_name(f)));
	char magic[32];
	snprintf(magic, sizeof magic, "0x%lx", f->f_type);
	json_object_set_new(o, "fs_magic", json_string(magic));
	if (f->have_mount) {
		jsonfmt_set_name(o, "mount_point", f->mount.mount_point);
		jsonfmt_set_name(o, "mount_source", f->mount.source);
	}
	json_object_set_new(o, "locks",
			    json_string(fsinfo_locks_label(f->locks)));
	json_object_set_new(o, "locks_meaning",
			    json_string(fsinfo_locks_meaning(f->locks)));
	json_object_set_new(o, "tables", json_integer((json_int_t)c->tables));
	json_object_set_new(o, "keys", json_integer((json_int_t)c->keys));
	json_object_set_new(o, "bytes", json_integer((json_int_t)c->bytes));
	json_object_set_new(o, "unreadable_tables",
			    json_integer((json_int_t)c->unreadable));
	json_object_set_new(o, "suspect_keys",
			    json_integer((json_int_t)c->suspect));
	json_t *files = json_object();
	for (int k = 0; k < FLOCKD_ENTRY_KIND_COUNT; k++)
		if (c->by_kind[k] > 0)
			json_object_set_new(files, flockd_entry_kind_name(
				(enum flockd_entry_kind)k),
				json_integer((json_int_t)c->by_kind[k]));
	json_object_set_new(o, "files", files);
	json_object_set_new(o, "free_bytes", json_integer(
		(json_int_t)(f->blocks_free * f->block_size)));
	json_object_set_new(o, "temp_files", json_string(temps_label(t)));
	return o;
}

/* `s` escaped as a name on `out` ("?" when memory runs out). */
static void info_name(FILE *out, const char *s)
{
	char *e = textsafe_name_str(s);
	fputs(e != NULL ? e : "?", out);
	free(e);
}

static void info_text(const char *dir, const struct fs_facts *f,
		      const struct fs_counts *c, const struct info_temps *t,
		      FILE *out)
{
	fputs("database:     ", out);
	info_name(out, dir);
	fputs("\nfile system:  ", out);
	info_name(out, fs_name(f));
	if (f->have_mount) {
		fputs(" (mounted on ", out);
		info_name(out, f->mount.mount_point);
		fputs(" from ", out);
		info_name(out, f->mount.source);
		fputc(')', out);
	}
	fputc('\n', out);
	fprintf(out, "locks:        %s: %s\n", fsinfo_locks_label(f->locks),
		fsinfo_locks_meaning(f->locks));
	temps_text(t, out);
	char bytes[32], free_b[32];
	human_bytes(c->bytes, bytes, sizeof bytes);
	human_bytes(f->blocks_free * f->block_size, free_b, sizeof free_b);
	fprintf(out, "tables:       %zu\n", c->tables);
	fprintf(out, "keys:         %zu\n", c->keys);
	fprintf(out, "bytes:        %" PRIu64 " (%s)\n", c->bytes, bytes);
	fprintf(out, "free space:   %s\n", free_b);
	if (c->suspect > 0)
		fprintf(out, "suspect:      %zu key%s with mtime at the epoch "
			"(torn by rsync?)\n", c->suspect,
			c->suspect == 1 ? "" : "s");
	if (c->other > 0) {
		char kinds[512];
		fsinfo_kinds_text(c, kinds, sizeof kinds);
		fprintf(out, "other files:  %zu (%s)\n", c->other, kinds);
	}
	if (c->unreadable > 0)
		fprintf(out, "unreadable:   %zu table%s could not be listed\n",
			c->unreadable, c->unreadable == 1 ? "" : "s");
}

int cli_cmd_info(struct cli_args *args)
{
	const char *dir = args->argv[0];
	flockd_db *db = NULL;
	int status = cli_open_db(args, dir,
				 FLOCKD_OPEN_READONLY | FLOCKD_OPEN_NOCREATE,
				 &db);
	if (status != 0)
		return status;
	struct fs_facts facts;
	struct fs_counts counts;
	struct info_temps temps = {0, FLOCKD_TEMP_NAMED};
	flockd_table *root;
	int err = flockd_table_open(db, "", 0, &root);
	if (err == 0) {
		err = fsinfo_facts(flockd_table_dirfd(root), dir,
				   FSINFO_MOUNTINFO_PATH, &facts);
		temps.err = flockd_table_temp_kind(root, &temps.kind);
		flockd_table_close(root);
	}
	if (err == 0)
		err = fsinfo_count(db, &counts);
	if (err != 0)
		status = cli_error_path(args, dir, err, "count files");
	else if (args->json)
		cli_json_print(args, info_json(dir, &facts, &counts, &temps));
	else
		info_text(dir, &facts, &counts, &temps, stdout);
	flockd_close(db);
	return cli_output_finish(args, status);
}
