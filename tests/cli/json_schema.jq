# json_schema.jq - check one JSON document against a schema of flockd(1)'s
# JSON OUTPUT section. Run as
#   jq -r --argjson schema '{"PATH": "TYPE", ...}' -f json_schema.jq DOC
# and it prints one line per problem (nothing when the document matches),
# then, prefixed "seen ", every schema path the document used.
#
# PATH: "keys[].size" is member size of each element of array keys;
# "files.*" any member of object files. TYPE: number (an integer), string,
# boolean, array, object, time (RFC 3339 UTC with nanoseconds), name and
# bytes (a string, or the member PATH_base64 holding base64); "T|null"
# allows null; a final "?" makes the member optional.

# ["keys", 0, "key"] -> "keys[].key"
def norm:
  reduce .[] as $c ("";
    if ($c | type) == "number" then . + "[]"
    elif . == "" then $c
    else . + "." + $c end);

def parent:
  if test("\\[\\]$") then sub("\\[\\]$"; "")
  elif test("\\.") then sub("\\.[^.]*$"; "")
  else "" end;

def member:
  if test("\\.") then sub("^.*\\."; "") else sub("^.*\\]"; "") end;

def base_type: sub("\\?$"; "");

def is_named($t): ($t | base_type | split("|") | any(. == "name" or . == "bytes"));

# The schema path that documents the actual path $n, with whether it is
# the base64 form; null when none does.
def documented($n):
  if $schema[$n] != null then {path: $n, b64: false}
  elif ($n | test("_base64$")) and
       ($schema[$n | sub("_base64$"; "")] // "" | . != "" and is_named(.))
  then {path: ($n | sub("_base64$"; "")), b64: true}
  elif $schema[($n | parent) + ".*"] != null
  then {path: (($n | parent) + ".*"), b64: false}
  else null end;

def type_ok($t; $b64):
  . as $v
  | $t | base_type | split("|") | any(
      if . == "null" then $v == null
      elif . == "string" then ($v | type) == "string"
      elif . == "number" then ($v | type) == "number" and ($v | floor) == $v
      elif . == "boolean" then ($v | type) == "boolean"
      elif . == "object" then ($v | type) == "object"
      elif . == "array" then ($v | type) == "array"
      elif . == "name" or . == "bytes" then ($v | type) == "string" and
        (if $b64 then $v | test("^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
         else true end)
      elif . == "time" then ($v | type) == "string" and
        ($v | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{9}Z$"))
      else false end);

. as $doc
| [paths] as $all
| (
    # the document is an object
    (if ($doc | type) != "object" then "the document is not an object" else empty end),
    # every member is documented and of its type
    ($all[] as $p | ($p | norm) as $n | ($doc | getpath($p)) as $v
      | if ($n | test("\\[\\]$")) then
          (if ($v | type) != "object" then "\($n): an element that is not an object" else empty end)
        else documented($n) as $d
          | if $d == null then "\($n): not documented"
            elif ($v | type_ok($schema[$d.path]; $d.b64) | not)
            then "\($n): \($v | tojson | .[0:60]) is not \($schema[$d.path] | base_type)"
            else empty end
        end),
    # a name is either FIELD or FIELD_base64, never both
    ($all[] as $p | ($p | norm) as $n
      | select(($n | test("_base64$")) and documented($n).b64 == true)
      | ($doc | getpath($p[:-1])) as $obj
      | select($obj | has($p[-1] | sub("_base64$"; "")))
      | "\($n): both \($p[-1] | sub("_base64$"; "")) and \($p[-1])"),
    # every member that is not optional is there, in every instance
    ($schema | to_entries[]
      | select((.value | endswith("?")) | not)
      | select((.key | endswith(".*")) | not)
      | .key as $k | .value as $t | ($k | parent) as $par | ($k | member) as $f
      | (if $par == "" then [[]] else [$all[] | select(norm == $par)] end)[] as $pp
      | ($doc | getpath($pp)) as $obj
      | select(($obj | type) == "object")
      | select(($obj | has($f)) or (is_named($t) and ($obj | has($f + "_base64"))) | not)
      | "\($k): missing" + (if $pp == [] then "" else " in \($pp | norm)" end)),
    # what was seen, for the coverage check
    ([$all[] | norm | select(test("\\[\\]$") | not) | documented(.) | select(. != null) | .path]
      | unique[] | "seen " + .)
  )
