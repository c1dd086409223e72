/* SPDX-License-Identifier: MIT */
/*
 * cli_commands.c - the one command table: every command of `flockd
 * COMMAND`, with its handler, operands, options (cli_options.c) and the
 * text of its --help. cli.c parses a command line against it; flockd(1)
 * documents the same commands.
 *
 * Adding a command: write `int cli_cmd_NAME(struct cli_args *args)` in a
 * file of its own (operands in args->argv, FLOCKD_DIR already put in;
 * errors through cli_error/cli_error_path; data through cli_output.h, then
 * `return cli_output_finish(args, status)`); add its entry below; add it
 * to flockd(1) (SYNOPSIS, COMMANDS, and a JSON OUTPUT schema block if it
 * has --json), to the three completions (tui/cli/completion: the command
 * list, _flockd_options and _flockd_roles, and fish's rules) and to the
 * command lists of tests/cli/test_cli_help.sh, test_cli_man.sh,
 * test_cli_options.sh and the completion tests.
 */
#include "cli/cli_common.h"

#include "cli/cli_export.h"
#include "cli/cli_help.h"
#include "cli/cli_inspect.h"
#include "cli/cli_list.h"
#include "cli/cli_sync.h"
#include "cli/cli_values.h"

/* How names are written, for the commands that list them. */
#define CLI_NAMES_OUT \
	"Output: one record per line, its fields separated by a TAB. Names\n" \
	"are escaped so that none holds a TAB or newline or reaches the\n" \
	"terminal raw: \\\\ is a backslash, \\n newline, \\t tab, \\r carriage\n" \
	"return, \\xHH another control byte or invalid UTF-8, \\uHHHH\n" \
	"(\\UHHHHHHHH) a C1 control, bidi, zero-width or invisible character;\n" \
	"printf '%b' in bash gives the name back. The root table is /.\n" \
	"With -z every field ends in a NUL byte instead, names are raw bytes\n" \
	"and the root table is empty. Headings go to standard error.\n"

#define CLI_JSON_OUT \
	"With --json: one JSON document with \"format_version\": 1 (schema in\n" \
	"flockd(1), JSON OUTPUT); a name that is not valid UTF-8 is given in\n" \
	"base64 in FIELD_base64 (\"key_base64\", \"table_base64\") instead.\n"

const struct cli_command cli_commands[] = {
	{"get", cli_cmd_get, "DIR KEY",
	 "Write the value of KEY to standard output, byte for byte.",
	 NULL, CLI_OPT_TABLE, 2, 2, 1, CLI_STATUS_COMMON},
	{"set", cli_cmd_set, "DIR KEY [FILE]",
	 "Store FILE (or standard input) as the value of KEY, byte for byte.",
	 "FILE absent or \"-\" means standard input. The value is streamed\n"
	 "to a temporary file and renamed over the key under an exclusive\n"
	 "lock; nothing is added or removed (no newline).\n"
	 "The database directory and the table are created if missing.\n",
	 CLI_OPT_TABLE | CLI_OPT_MTIME | CLI_OPT_SIZE | CLI_OPT_MODE,
	 2, 3, 1, CLI_STATUS_COMMON},
	{"create", cli_cmd_create, "DIR KEY [FILE]",
	 "Like set, but only if KEY does not exist yet (else exit status 4).",
	 NULL, CLI_OPT_TABLE | CLI_OPT_MTIME | CLI_OPT_SIZE | CLI_OPT_MODE,
	 2, 3, 1, CLI_STATUS_COMMON},
	{"update", cli_cmd_update, "DIR KEY [FILE]",
	 "Like set, but only if KEY exists (else exit status 3).",
	 NULL, CLI_OPT_TABLE | CLI_OPT_MTIME | CLI_OPT_SIZE | CLI_OPT_MODE,
	 2, 3, 1, CLI_STATUS_COMMON},
	{"delete", cli_cmd_delete, "DIR KEY...",
	 "Delete each KEY under an exclusive lock.",
	 "Every KEY is tried even if one fails.\n",
	 CLI_OPT_TABLE | CLI_OPT_FORCE, 2, -1, 1, CLI_STATUS_COMMON},
	{"ls", cli_cmd_ls, "DIR",
	 "List the keys of a table, sorted bytewise.",
	 "Conflict copies, backups and temp files are never keys (see flockd\n"
	 "check); -a adds every other NAME.kv file as NAME, as the Go\n"
	 "original lists them (conflict copies, unison and Syncthing backups).\n\n"
	 CLI_NAMES_OUT
	 "Fields: NAME; with -l: SIZE (bytes), MTIME (UTC, RFC 3339 with\n"
	 "nanoseconds), NAME; with -a -l: SIZE, MTIME, KIND (key,\n"
	 "syncthing-conflict, ...), NAME.\n"
	 CLI_JSON_OUT,
	 CLI_OPT_TABLE | CLI_OPT_LONG | CLI_OPT_ALL | CLI_OPT_NUL |
		 CLI_OPT_JSON,
	 1, 1, 1, CLI_STATUS_COMMON},
	{"tables", cli_cmd_tables, "DIR",
	 "List the tables of a database (nested ones by their path).",
	 "The root table (the database directory itself, the default of -t)\n"
	 "always exists and is not listed.\n\n"
	 CLI_NAMES_OUT
	 "Fields: TABLE.\n"
	 CLI_JSON_OUT,
	 CLI_OPT_NUL | CLI_OPT_JSON, 1, 1, 1, CLI_STATUS_COMMON},
	{"export", cli_cmd_export, "DIR",
	 "Write the keys of all tables (or of each TABLE) as JSON Lines.",
	 "One object per key: {\"format_version\": 1, \"table\": T, \"key\":\n"
	 "K, \"size\": BYTES, \"mtime\": RFC3339, \"value\": V}. The value is a\n"
	 "JSON string when it is valid UTF-8, else \"value_base64\" holds it\n"
	 "in base64; a table or key name that is not valid UTF-8 is\n"
	 "\"table_base64\"/\"key_base64\". The root table is \"\". A table\n"
	 "without keys is one object {\"format_version\": 1, \"table\": T}.\n"
	 "Keys are read under shared locks; a key that cannot be read is\n"
	 "reported and the export goes on (exit status of the first failure).\n",
	 CLI_OPT_TABLES, 1, 1, 1, CLI_STATUS_COMMON},
	{"import", cli_cmd_import, "DIR [FILE]",
	 "Create keys and tables from JSON Lines (FILE or standard input).",
	 "The format is that of export, of this or an earlier version\n"
	 "(\"format_version\" may be absent; \"size\" is checked when present,\n"
	 "\"mtime\" is ignored). The whole input is checked first: if any line\n"
	 "is malformed (a value without a key is), nothing is imported. Then\n"
	 "each key is created; a key that already exists is refused unless\n"
	 "--overwrite, and each refused or failed key is reported on its own\n"
	 "line. Values stream from the input to temporary files (never held\n"
	 "in memory) and are written in batches: made durable together, then\n"
	 "each installed under its lock, so that after a crash each key holds\n"
	 "its old or its new value. The exit status is that of the first\n"
	 "failure. Export, then import into an empty directory, reproduces\n"
	 "every table, key and value byte for byte.\n",
	 CLI_OPT_OVERWRITE | CLI_OPT_MODE, 1, 2, 1, CLI_STATUS_COMMON},
	{"locks", cli_cmd_locks, "DIR",
	 "Show which keys are locked now, and by which local process.",
	 "Every lock now held on (or waited for on) a key file or temp file\n"
	 "of the database: this machine's holders only (from /proc/locks,\n"
	 "which does not show locks other NFS clients hold; a holder in\n"
	 "another PID namespace shows no pid or command).\n\n"
	 CLI_NAMES_OUT
	 "Fields: TABLE, KEY (/ for a file of no key), STATE (held,\n"
	 "waiting), MODE (shared, exclusive), TYPE (flock, posix, ofd;\n"
	 "\",mandatory\" added), PID (- when unknown), COMMAND (- when\n"
	 "unknown), FILE, KIND (the file's kind: key, temp, ...).\n"
	 CLI_JSON_OUT "\n"
	 "Exit status 8 when /proc/locks is missing (not Linux, or /proc not\n"
	 "mounted).\n",
	 CLI_OPT_TABLE | CLI_OPT_NUL | CLI_OPT_JSON, 1, 1, 1,
	 CLI_STATUS_COMMON},
	{"check", cli_cmd_check, "DIR",
	 "Find stale temporary files, conflict copies and other oddities.",
	 CLI_CHECK_DETAILS "\n"
	 CLI_NAMES_OUT
	 "Fields: KIND, AGE, PATH, STATUS, and with --fix FIX (what it did).\n"
	 CLI_JSON_OUT "\n"
	 "Exit status as diff(1): 0 nothing found that needs you (files in\n"
	 "use or younger than the stale age, backups and strangers are shown\n"
	 "but do not count; after --fix, what it removed does not count), 1\n"
	 "findings remain, 2 or more trouble (a table could not be read, a\n"
	 "removal failed; 3 no such directory, 6 lock timeout, ...).\n",
	 CLI_OPT_NUL | CLI_OPT_JSON | CLI_OPT_FIX | CLI_OPT_OLDER_THAN, 1, 1, 1,
	 CLI_STATUS_DIFF},
	{"diff", cli_cmd_diff, "DB_A DB_B [KEY...]",
	 "Compare two databases (a primary and a replica), here or there.",
	 "Per key: only in A, only in B, or differs, with both sides' size\n"
	 "and modification time and which side is newer; conflict copies,\n"
	 "leftover files (temp files, strangers) and suspect values (an\n"
	 "interrupted rsync's: mtime at the epoch, or the same mtime with\n"
	 "other sizes) have statuses of their own, and so do tables on one\n"
	 "side only (their keys are not listed one by one). Values are\n"
	 "compared under shared locks: byte by byte when both databases are\n"
	 "here, by their XXH3 hashes when one is on another host. KEYs\n"
	 "limit the comparison to them (in the root table unless -t).\n"
	 "With FLOCKD_DIR set, one operand DIR_B is compared with\n"
	 "FLOCKD_DIR.\n\n"
	 CLI_REMOTE_DETAILS "\n"
	 CLI_NAMES_OUT
	 "Fields: STATUS (table-only-a, table-only-b, only-a, only-b,\n"
	 "differs, suspect, conflict, leftover), TABLE, NAME (the key, or\n"
	 "the file's name; / for a table), KIND (key, table, or the file's\n"
	 "kind), SIZE_A, MTIME_A, SIZE_B, MTIME_B (- where absent), NEWER\n"
	 "(a, b, same, -), DETAIL (size, content, type; epoch or\n"
	 "same-mtime, then ,differs or ,same; -).\n"
	 CLI_JSON_OUT "\n"
	 "Exit status as diff(1): 0 the same, 1 different, 2 or more trouble\n"
	 "(a value could not be read; 3 no such directory, 6 a lock timed\n"
	 "out, ...).\n",
	 CLI_OPT_TABLES | CLI_OPT_REMOTE | CLI_OPT_NUL | CLI_OPT_JSON, 2, -1,
	 2, CLI_STATUS_DIFF},
	{"manifest", cli_cmd_manifest, "DIR [KEY...]",
	 "List every key with its size, time, mode and content hash.",
	 "Streamed as the walk goes: tables in bytewise order, in each table\n"
	 "its keys in bytewise order. Each value is read under a shared\n"
	 "lock through the store and hashed with XXH3 (128 bits, the hex\n"
	 "digits xxhsum -H2 prints). With -a every entry comes: a record of\n"
	 "each table first, then its keys, then its other files (conflict\n"
	 "copies, temp files, backups...) by file name with their kind, and\n"
	 "a last record of kind end, so that a reader can tell a whole\n"
	 "manifest from a cut one: what diff and sync read from another\n"
	 "host. KEYs limit it to them (and, with -a, their files).\n\n"
	 CLI_NAMES_OUT
	 "Fields: TABLE, KEY, SIZE (bytes), MTIME, MODE (type and\n"
	 "permissions in octal, 100644), HASH (- when not read); with -a:\n"
	 "TABLE, KIND, NAME, SIZE, MTIME, MODE, HASH, ERROR (- or why it\n"
	 "could not be read: timeout, EACCES, ...).\n"
	 CLI_JSON_OUT "\n"
	 "A key that cannot be read is reported and the walk goes on (exit\n"
	 "status of the first failure).\n",
	 CLI_OPT_TABLES | CLI_OPT_ENTRIES | CLI_OPT_NUL | CLI_OPT_JSON, 1, -1,
	 1, CLI_STATUS_COMMON},
	{"sync", cli_cmd_sync, "[KEY...]",
	 "Repair a replica key by key: copy --from's values into --to.",
	 "The two databases are compared (as diff does) and each key that\n"
	 "differs or is missing in --to is copied from --from through the\n"
	 "store: read under a shared lock there, written here to a\n"
	 "temporary file, made durable, given the source's modification\n"
	 "time and renamed over the key under its exclusive lock (a key\n"
	 "missing in --to is created only if still missing, one that\n"
	 "differs replaced only if still there). With --delete, keys only\n"
	 "in --to are deleted. A key whose source is suspect (mtime at the\n"
	 "epoch: maybe torn by rsync) is never copied; conflict copies are\n"
	 "not keys (settle them with resolve). KEYs limit it to them (in\n"
	 "the root table unless -t). --to is created if missing.\n\n"
	 CLI_REMOTE_DETAILS
	 "Only one of --from and --to may be on another host.\n\n"
	 CLI_NAMES_OUT
	 "Fields: ACTION (create, update, delete, skip), TABLE, KEY, SIZE\n"
	 "(bytes copied; - for a delete), RESULT (done, dry-run, failed,\n"
	 "suspect).\n"
	 CLI_JSON_OUT "\n"
	 "Exit status 0 when every change was made (or, with --dry-run,\n"
	 "could be planned), else that of the first failure (1 when a\n"
	 "suspect source was skipped).\n",
	 CLI_OPT_TABLES | CLI_OPT_FROM_TO | CLI_OPT_DRY_RUN | CLI_OPT_ONLY |
		 CLI_OPT_DELETE | CLI_OPT_REMOTE | CLI_OPT_MODE | CLI_OPT_NUL |
		 CLI_OPT_JSON,
	 0, -1, 0, CLI_STATUS_COMMON},
	{"conflicts", cli_cmd_conflicts, "DIR [KEY...]",
	 "List each key's conflict copies, who made them, and if identical.",
	 "The copies Syncthing (KEY.sync-conflict-DATE-TIME-DEVICE.kv),\n"
	 "unison -copyonconflict, Dropbox and Nextcloud make when two\n"
	 "replicas changed one key: per key, its own record, then one per\n"
	 "copy with its size, time, the device, host or user that made it\n"
	 "and the date its name gives, and whether it holds the key's bytes\n"
	 "(compared under a shared lock on the key). KEYs limit it to them\n"
	 "(in the root table unless -t).\n\n"
	 CLI_NAMES_OUT
	 "Fields: TABLE, KEY, FILE, KIND (key, or missing when the key\n"
	 "is gone, then the copy's kind), SIZE, MTIME, WHO, WHEN (as the\n"
	 "name says, - when it says nothing), SAME (same, differs, -).\n"
	 CLI_JSON_OUT "\n"
	 "Exit status as check's: 0 no conflict copy, 1 some, 2 or more\n"
	 "trouble.\n",
	 CLI_OPT_TABLES | CLI_OPT_NUL | CLI_OPT_JSON, 1, -1, 1,
	 CLI_STATUS_DIFF},
	{"resolve", cli_cmd_resolve, "DIR [KEY...]",
	 "Settle conflict copies: each key keeps one version.",
	 "--keep key keeps each key's value, newest the most recently\n"
	 "modified version (the key, or a copy), largest the largest (the\n"
	 "newer of equal sizes), COPY the copy of that file name (ties: the\n"
	 "key wins). The chosen copy's bytes are saved over the key\n"
	 "atomically, under the key's exclusive lock, keeping its mode and\n"
	 "owner, and durably; only then are the key's copies removed, each\n"
	 "only if it is still the file that was looked at (and the chosen\n"
	 "one, or one identical to the key, only if its bytes are the\n"
	 "key's). A key written meanwhile is left alone (exit status 7).\n"
	 "--drop-identical alone removes only the copies identical to their\n"
	 "key. KEYs limit it to them (in the root table unless -t).\n\n"
	 CLI_NAMES_OUT
	 "Fields, one record per key: RESULT (done, partial: some copies\n"
	 "stay, failed, refused, nothing, dry-run), TABLE, KEY, ACTION\n"
	 "(keep, install, nothing, refused), CHOSEN (the file whose bytes\n"
	 "the key keeps, -), REMOVED and LEFT (copies removed and left).\n"
	 CLI_JSON_OUT "\n"
	 "Exit status 0 when every key was settled, else that of the first\n"
	 "failure (3 the key or the copy named is missing, 6 a copy is\n"
	 "locked, 7 a key or copy changed since it was looked at).\n",
	 CLI_OPT_TABLES | CLI_OPT_KEEP | CLI_OPT_DROP_IDENTICAL |
		 CLI_OPT_DRY_RUN | CLI_OPT_NUL | CLI_OPT_JSON,
	 1, -1, 1, CLI_STATUS_COMMON},
	{"info", cli_cmd_info, "DIR",
	 "Show the file system of a database and what it means for locks.",
	 CLI_INFO_DETAILS "\n" CLI_JSON_OUT,
	 CLI_OPT_JSON, 1, 1, 1, CLI_STATUS_COMMON},
	{"help", cli_cmd_help, "[COMMAND]",
	 "Show the list of commands, or the help of COMMAND.",
	 NULL, 0, 0, 1, 0, CLI_STATUS_COMMON},
};

const size_t cli_n_commands = sizeof cli_commands / sizeof cli_commands[0];
