# SPDX-License-Identifier: MIT
# fish completion for flockd(1), the same as the bash one (completion/flockd):
# commands, every option of each command and of the browser, directories,
# table names (after -t) and key names whatever the order of the words: the
# database is the DIR operand typed anywhere, else $FLOCKD_DIR, else the
# current directory. Fish gives a completion the line up to the cursor
# only, so a DIR typed after the cursor is not seen (bash and zsh see it).
# Names come from `flockd tables -z` / `flockd ls -z`; fish offers one
# candidate per line, so a name holding a newline or a tab cannot be
# offered and is left out.

set -l __flockd_commands get set create update delete ls tables export import locks check diff manifest sync conflicts resolve info help

# The command of the line ("" for the browser).
function __flockd_command
    set -l words (commandline -opc)
    if test (count $words) -ge 2; and contains -- $words[2] get set create update delete ls tables export import locks check diff manifest sync conflicts resolve info help
        echo $words[2]
    end
end

# The words of the line, the one being completed replaced by a marker
# (so that an option before it still takes it as its value): those before
# it (before), or those before and after it (all; fish, completing, shows
# none after it today).
function __flockd_words --argument-names which
    set -l before (commandline -opc)
    if test "$which" = before
        printf '%s\n' $before __flockd_cursor__
        return
    end
    set -l all (commandline -op)
    set -l cur (commandline -ct)
    set -l skip (math (count $before) + 1)
    test -n "$cur"; and set skip (math $skip + 1)
    printf '%s\n' $before __flockd_cursor__ $all[$skip..-1]
end

# Of WORDS (the command line's, from the first after the command): the
# -t value as "table VALUE" and each operand as "op WORD".
function __flockd_scan
    set -l first 2
    set -l c (__flockd_command)
    test -n "$c"; and set first 3
    set -l n (count $argv)
    set -l i $first
    set -l dashdash
    while test $i -le $n
        set -l w $argv[$i]
        if test "$w" = __flockd_cursor__
            # the word being completed is no operand
        else if test -n "$dashdash"; or not string match -q -- '-*' $w
            test -n "$w"; and echo "op $w"
        else if test "$w" = --
            set dashdash 1
        else if contains -- $w -t --table -k --key --timeout --older-than --compare --mtime --size --mode --keep --from --to --only -e --rsh --remote-flockd
            set i (math $i + 1)
            if contains -- $w -t --table; and test $i -le $n
                echo "table $argv[$i]"
            end
        end
        set i (math $i + 1)
    end
end

function __flockd_operands --argument-names which
    __flockd_scan (__flockd_words $which) | string match -r '^op .*' | string replace -r '^op ' ''
end

# The database directory: the first operand when it is a directory (or
# FLOCKD_DIR is unset), else FLOCKD_DIR, else ".".
function __flockd_dir
    set -l ops (__flockd_operands all)
    if test -n "$ops[1]"; and begin; test -d "$ops[1]"; or test -z "$FLOCKD_DIR"; end
        echo $ops[1]
    else if test -n "$FLOCKD_DIR"
        echo $FLOCKD_DIR
    else
        echo .
    end
end

function __flockd_table
    set -l t (__flockd_scan (__flockd_words all) | string match -r '^table .*' | string replace -r '^table ' '')
    test "$t[-1]" = /; and set t[-1] ''
    echo $t[-1]
end

# Names one per line, those holding a newline or a tab left out.
function __flockd_names
    set -l args $argv[1] -z -q --timeout 300ms
    if test $argv[1] = ls; and test -n "$argv[3]"
        set args $args -t $argv[3]
    end
    set -l names (command flockd $args -- $argv[2] 2>/dev/null | string split0)
    for name in $names
        string match -q -r '[\n\t]' -- $name; or printf '%s\n' $name
    end
end

function __flockd_tables
    echo /
    __flockd_names tables (__flockd_dir)
end

function __flockd_keys
    __flockd_names ls (__flockd_dir) (__flockd_table)
end

# Is the operand being typed a ROLE (dir, key, file) of the command? Its
# place counts a DIR left out for FLOCKD_DIR.
function __flockd_operand_is --argument-names role
    set -l before (__flockd_operands before)
    set -l ops (__flockd_operands all)
    set -l shift 0
    if test -n "$FLOCKD_DIR"; and begin; test -z "$ops[1]"; or not test -d "$ops[1]"; end
        set shift 1
    end
    set -l pos (math (count $before) + $shift + 1)
    set -l roles dir
    switch (__flockd_command)
        case get
            set roles dir key
        case set create update
            set roles dir key file
        case delete
            set roles dir key
            test $pos -gt 2; and set pos 2
        case import
            set roles dir file
        case diff
            set roles dir dir key
            test $pos -gt 3; and set pos 3
        case manifest conflicts resolve
            set roles dir key
            test $pos -gt 2; and set pos 2
        case sync
            set roles key
            set pos 1
    end
    test $pos -le (count $roles); and test "$roles[$pos]" = $role; and return 0
    # with FLOCKD_DIR and no operand typed yet, the first may still be DIR
    test $role = dir; and test $shift = 1; and test (count $before) = 0
end

complete -c flockd -f

# The first word: a command, or the browser's DIR.
complete -c flockd -n "not __fish_seen_subcommand_from $__flockd_commands" -a "$__flockd_commands"
complete -c flockd -n "not __fish_seen_subcommand_from $__flockd_commands" -a "(__fish_complete_directories)"

# The browser's options.
set -l browser "not __fish_seen_subcommand_from $__flockd_commands"
complete -c flockd -n $browser -s r -l read-only -d 'change nothing, take no exclusive lock'
complete -c flockd -n $browser -s t -l table -x -a '(__flockd_tables)' -d 'start in TABLE'
complete -c flockd -n $browser -s k -l key -x -a '(__flockd_keys)' -d 'start on KEY'
complete -c flockd -n $browser -l timeout -x -a '500ms 1s 2s 5s 30s 1m' -d 'lock wait limit'
complete -c flockd -n $browser -l compare -x -a '(__fish_complete_directories)' -d 'compare with DIR_B or HOST:PATH'
complete -c flockd -n $browser -s e -l rsh -x -a 'ssh' -d 'the remote shell for --compare HOST:PATH'
complete -c flockd -n $browser -l remote-flockd -x -d 'the flockd program on the other host'
complete -c flockd -n $browser -l demo -d 'browse a new demo database'
complete -c flockd -n $browser -l dump-config -d 'print the configuration in effect'
complete -c flockd -n $browser -s h -l help -d 'help'
complete -c flockd -n $browser -s V -l version -d 'the version'

# Every command's options.
set -l cmds get set create update delete ls tables export import locks check diff manifest sync conflicts resolve info
set -l all "__fish_seen_subcommand_from $cmds"
complete -c flockd -n $all -l timeout -x -a '500ms 1s 2s 5s 30s 1m 1h' -d 'wait at most this long for a lock'
complete -c flockd -n $all -s q -l quiet -d 'no informational lines'
complete -c flockd -n "__fish_seen_subcommand_from $cmds help" -s h -l help -d 'show the help'
complete -c flockd -n "__fish_seen_subcommand_from $cmds help" -l version -d 'show the version'
complete -c flockd -n "__fish_seen_subcommand_from get set create update delete ls export locks diff manifest sync conflicts resolve" -s t -l table -x -a '(__flockd_tables)' -d 'the table'
complete -c flockd -n "__fish_seen_subcommand_from delete" -s f -l force -d 'a missing key is not an error'
complete -c flockd -n "__fish_seen_subcommand_from ls" -s l -l long -d 'sizes and modification times'
complete -c flockd -n "__fish_seen_subcommand_from ls" -s a -l all -d 'every NAME.kv file'
complete -c flockd -n "__fish_seen_subcommand_from ls tables locks check diff manifest sync conflicts resolve" -s z -l null -d 'NUL-terminated fields, names raw'
complete -c flockd -n "__fish_seen_subcommand_from ls tables locks check diff info manifest sync conflicts resolve" -l json -d 'one JSON document'
complete -c flockd -n "__fish_seen_subcommand_from import" -l overwrite -d 'replace keys that exist'
complete -c flockd -n "__fish_seen_subcommand_from check" -l fix -d 'remove what the cleaning rule allows'
complete -c flockd -n "__fish_seen_subcommand_from check" -l older-than -x -a '30m 1h 2h 1d' -d 'the stale age'
complete -c flockd -n "__fish_seen_subcommand_from set create update" -l mtime -x -d 'the modification time (RFC 3339 UTC)'
complete -c flockd -n "__fish_seen_subcommand_from set create update" -l size -x -d 'store only exactly BYTES bytes'
complete -c flockd -n "__fish_seen_subcommand_from set create update import sync" -l mode -x -a '0600 0640 0644 0660 0664' -d 'permission bits of new keys (octal)'
complete -c flockd -n "__fish_seen_subcommand_from manifest" -s a -l all -d 'every entry, with its kind'
complete -c flockd -n "__fish_seen_subcommand_from resolve" -l keep -x -a 'key newest largest' -d 'the version each key keeps'
complete -c flockd -n "__fish_seen_subcommand_from resolve" -l drop-identical -d 'remove the copies identical to their key'
complete -c flockd -n "__fish_seen_subcommand_from resolve sync" -l dry-run -d 'say what would be done'
complete -c flockd -n "__fish_seen_subcommand_from sync" -l from -x -a '(__fish_complete_directories)' -d 'the database copied from'
complete -c flockd -n "__fish_seen_subcommand_from sync" -l to -x -a '(__fish_complete_directories)' -d 'the database copied into'
complete -c flockd -n "__fish_seen_subcommand_from sync" -l only -x -a 'differs missing differs,missing' -d 'what to copy'
complete -c flockd -n "__fish_seen_subcommand_from sync" -l delete -d 'delete the keys only in --to'
complete -c flockd -n "__fish_seen_subcommand_from diff sync" -s e -l rsh -x -a 'ssh' -d 'the remote shell'
complete -c flockd -n "__fish_seen_subcommand_from diff sync" -l remote-flockd -x -d 'the flockd program on the other host'

# Operands.
complete -c flockd -n "__fish_seen_subcommand_from help" -a "$__flockd_commands"
complete -c flockd -n "__fish_seen_subcommand_from $cmds; and __flockd_operand_is dir" -a '(__fish_complete_directories)'
complete -c flockd -n "__fish_seen_subcommand_from $cmds; and __flockd_operand_is key" -a '(__flockd_keys)'
complete -c flockd -n "__fish_seen_subcommand_from $cmds; and __flockd_operand_is file" -F
