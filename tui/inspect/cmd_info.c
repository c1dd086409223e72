/* cmd_info.c - `flockd info`: the file system under a database. */
#include "inspect/inspect_cli.h"

#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "inspect/fsinfo.h"
#include "inspect/inspect_cmd.h"
#include "inspect/inspect_text.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void info_help(FILE *out)
{
	fputs("Usage: flockd info [--json] DIR\n"
	      "Show the file system under the database in DIR (ext4, xfs,\n"
	      "btrfs, tmpfs, nfs, cifs, fuse, overlay, ...), what it means\n"
	      "for the locks that keep readers and writers apart:\n"
	      "  local      full local semantics\n"
	      "  nfs        locks work across NFS clients (and also conflict\n"
	      "             with fcntl locks)\n"
	      "  fuse       depends on the server; without lock forwarding,\n"
	      "             this machine only\n"
	      "  mandatory  CIFS/SMB: mandatory byte-range locks\n"
	      "and counts of tables, keys and bytes (every key file is\n"
	      "stat'ed; no value is read, no lock taken).\n"
	      "\n"
	      "      --json  one JSON object\n"
	      "  -h, --help  this help\n"
	      "\n"
	      "Exit status: 0 shown, 3 no such directory, 1 other errors,\n"
	      "2 usage.\n",
	      out);
}

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

static json_t *info_json(const char *dir, const struct fs_facts *f,
			 const struct fs_counts *c)
{
	json_t *o = json_object();
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
	return o;
}

static void info_text(const char *dir, const struct fs_facts *f,
		      const struct fs_counts *c, FILE *out)
{
	char *d = inspect_esc(dir);
	fprintf(out, "database:     %s\n", d);
	inspect_esc_free(d);
	char *t = inspect_esc(fs_name(f));
	fprintf(out, "file system:  %s", t);
	inspect_esc_free(t);
	if (f->have_mount) {
		char *m = inspect_esc(f->mount.mount_point);
		char *s = inspect_esc(f->mount.source);
		fprintf(out, " (mounted on %s from %s)", m, s);
		inspect_esc_free(m);
		inspect_esc_free(s);
	}
	fputc('\n', out);
	fprintf(out, "locks:        %s: %s\n", fsinfo_locks_label(f->locks),
		fsinfo_locks_meaning(f->locks));
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

int inspect_cmd_info(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *cmd = "info";
	int json = 0, c;
	inspect_getopt_reset();
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			info_help(stdout);
			return EXIT_OK;
		default:
			return inspect_bad_option(cmd, argv, c);
		}
	}
	if (argc - optind != 1)
		return inspect_usage_error(cmd, argc - optind < 1
				? "missing the database directory"
				: "too many arguments");
	const char *dir = argv[optind];
	flockd_db *db;
	int err = inspect_open_db(cmd, dir, FLOCKD_OPEN_READONLY,
				  INSPECT_DEFAULT_TIMEOUT_MS, &db);
	if (err != 0)
		return exit_code_for_error(err);
	struct fs_facts facts;
	struct fs_counts counts;
	flockd_table *root;
	err = flockd_table_open(db, "", 0, &root);
	if (err == 0) {
		err = fsinfo_facts(flockd_table_dirfd(root), dir,
				   FSINFO_MOUNTINFO_PATH, &facts);
		flockd_table_close(root);
	}
	if (err == 0)
		err = fsinfo_count(db, &counts);
	int status = EXIT_OK;
	if (err != 0) {
		char *d = inspect_esc(dir);
		inspect_err(cmd, "%s: %s", d, flockd_strerror(err));
		inspect_esc_free(d);
		status = exit_code_for_error(err);
	} else {
		if (json)
			err = jsonfmt_print(info_json(dir, &facts,
							   &counts), stdout);
		else
			info_text(dir, &facts, &counts, stdout);
		if (err != 0 || fflush(stdout) != 0) {
			inspect_err(cmd, "writing: %s", flockd_strerror(EIO));
			status = EXIT_OTHER;
		}
	}
	flockd_close(db);
	return status;
}
