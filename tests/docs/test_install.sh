#!/bin/bash
# SPDX-License-Identifier: MIT
# test_install.sh - what `make install` puts in a DESTDIR tree works the way
# a user of the installed package meets it: README.md's example program
# compiles with `pkg-config --cflags --libs libflockd` (pointed at that tree
# only), links the installed shared library and does what the README says;
# the installed flockd uses the shared library and reports configure.ac's
# version, and so do the installed manual pages.
. "$top_srcdir/tests/lib/tap.sh"
: "${MAKE:=make}" "${CC:=cc}"
for var in libdir includedir pkgconfigdir mandir bindir bashcompletiondir \
	zshcompletiondir fishcompletiondir \
	PACKAGE_VERSION FLOCKD_RELEASE_DATE; do
	[ -n "${!var}" ] || bail "\$$var is not set (run through make check)"
done
work=$(mktemp -d "${TMPDIR:-/tmp}/flockd-install-test.XXXXXX") || bail "mktemp"
trap 'rm -rf "$work"' EXIT
stage=$work/stage

# A make of its own (not the jobs of the make check running us).
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	"$MAKE" -C "$top_builddir" install DESTDIR="$stage" >"$work/install.log" 2>&1; then
	sed 's/^/# /' "$work/install.log" | tail -n 20
	bail "make install DESTDIR=$stage failed"
fi
tap_pass "make install DESTDIR=... succeeds"

# --- what the library's packages ship
ok "the header is installed in includedir" test -s "$stage$includedir/flockd.h"
ok "the shared library is installed under its soname" test -s "$stage$libdir/libflockd.so.0"
ok "libflockd.so (the link -lflockd finds) is installed" test -e "$stage$libdir/libflockd.so"
ok "libflockd.pc is installed in pkgconfigdir" test -s "$stage$pkgconfigdir/libflockd.pc"
ok "libflockd(3) is installed" test -s "$stage$mandir/man3/libflockd.3"
is "$(find "$stage" -name '*flockd_core*' -o -name '*libtui*')" "" \
	"no internal library is installed"

# --- README's example against the installed tree only. The sysroot puts the
# tree under $stage; PKG_CONFIG_LIBDIR replaces the system's search path, and
# the ALLOW_SYSTEM switches keep -I/usr/include and -L/usr/lib (prefix=/usr,
# as in the Debian build), which the sysroot then points into $stage.
export PKG_CONFIG_LIBDIR=$stage$pkgconfigdir PKG_CONFIG_PATH= \
	PKG_CONFIG_SYSROOT_DIR=$stage PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 \
	PKG_CONFIG_ALLOW_SYSTEM_LIBS=1
is "$(pkg-config --modversion libflockd 2>&1)" "$PACKAGE_VERSION" \
	"pkg-config finds libflockd $PACKAGE_VERSION in the installed tree"
cflags=$(pkg-config --cflags libflockd) && libs=$(pkg-config --libs libflockd) ||
	bail "pkg-config --cflags --libs libflockd failed"
ok "pkg-config --cflags names the installed includedir ($cflags)" \
	grep -qF -- "-I$stage$includedir" <<<"$cflags"
ok "pkg-config --libs names the installed libdir and -lflockd ($libs)" \
	bash -c 'grep -qF -- "-L$1" <<<"$2" && grep -qw -- -lflockd <<<"$2"' _ "$stage$libdir" "$libs"

awk '/^```c$/ {on = 1; next} /^```$/ {on = 0} on' "$top_srcdir/README.md" >"$work/example.c"
ok "README.md has a C example" test -s "$work/example.c"
# The example writes to /tmp/example-db; point it at our scratch dir.
sed -i "s|/tmp/example-db|$work/db|" "$work/example.c"
# shellcheck disable=SC2086 # the flags are word lists
ok "the example compiles with pkg-config's flags, -Wall -Werror" \
	"$CC" -Wall -Werror "$work/example.c" $cflags $libs \
	-Wl,-rpath,"$stage$libdir" $SAN_LDFLAGS -o "$work/example"
# shellcheck disable=SC2086
"$CC" -M "$work/example.c" $cflags >"$work/deps" 2>&1
ok "the example includes the installed flockd.h" \
	grep -qF "$stage$includedir/flockd.h" "$work/deps"
ldd "$work/example" >"$work/ldd" 2>&1
ok "the example runs against the installed libflockd.so.0" \
	grep -qF "libflockd.so.0 => $stage$libdir/libflockd.so.0" "$work/ldd"
out=$("$work/example" 2>&1)
is "$?:$out" '0:alice = {"admin": true}' "the example prints the value it stored"
is "$(cat "$work/db/users.tbl/alice.kv" 2>&1)" '{"admin": true}' \
	"the example stored the value on disk in flockd's format"

# --- the installed pages carry configure.ac's version and date
for page in man3/libflockd.3 man1/flockd.1; do
	[ "$FLOCKD_BUILD_TUI" = no ] && [ "$page" = man1/flockd.1 ] && continue
	is "$(grep -m1 '^\.TH ' "$stage$mandir/$page" | cut -d'"' -f2,4)" \
		"$FLOCKD_RELEASE_DATE\"flockd $PACKAGE_VERSION" \
		"the installed ${page#*/} says flockd $PACKAGE_VERSION of $FLOCKD_RELEASE_DATE"
	is "$(grep -c '@[A-Z_]*@' "$stage$mandir/$page")" 0 \
		"the installed ${page#*/} has no @PLACEHOLDER@ left"
done

# --- the program, when built
if [ "$FLOCKD_BUILD_TUI" = no ]; then
	ok "--disable-tui installs no program" test ! -e "$stage$bindir/flockd"
	ok "--disable-tui installs no bash completion" \
		test ! -e "$stage$bashcompletiondir/flockd"
	ok "--disable-tui installs no zsh or fish completion" \
		test ! -e "$stage$zshcompletiondir/_flockd" -a ! -e "$stage$fishcompletiondir/flockd.fish"
else
	bin=$stage$bindir/flockd
	ok "flockd is installed in bindir" test -x "$bin"
	ok "the bash completion is installed where bash-completion looks (…/completions/flockd)" \
		cmp -s "$stage$bashcompletiondir/flockd" "$top_srcdir/tui/cli/completion/flockd"
	ok "the zsh completion is installed where zsh looks (…/site-functions/_flockd)" \
		cmp -s "$stage$zshcompletiondir/_flockd" "$top_srcdir/tui/cli/completion/_flockd"
	ok "the fish completion is installed where fish looks (…/vendor_completions.d)" \
		cmp -s "$stage$fishcompletiondir/flockd.fish" "$top_srcdir/tui/cli/completion/flockd.fish"
	if command -v readelf >/dev/null && command -v nm >/dev/null; then
		ok "the installed flockd needs libflockd.so.0" \
			bash -c 'readelf -d "$1" | grep -q "NEEDED.*\[libflockd\.so\.0\]"' _ "$bin"
		ok "the installed flockd imports flockd_open (no embedded copy of the library)" \
			bash -c 'nm -D "$1" | grep -qE "^ +U flockd_open$"' _ "$bin"
	else
		skip "readelf or nm not installed (binutils)" "flockd links libflockd.so.0"
		skip "readelf or nm not installed (binutils)" "flockd imports flockd_open"
	fi
	is "$(LD_LIBRARY_PATH=$stage$libdir "$bin" --version 2>&1)" "flockd $PACKAGE_VERSION" \
		"the installed flockd --version says configure.ac's version"
fi

# --- the Debian package follows configure.ac and the library (a git tree
# only: the tarball does not ship debian/). The symbols file is the ABI the
# package promises: a function added to or removed from the library goes
# into debian/libflockd0.symbols too (dpkg-gensymbols fails the package
# build otherwise; this says so at make check already).
changelog=$top_srcdir/debian/changelog
symbols=$top_srcdir/debian/libflockd0.symbols
if [ -f "$changelog" ]; then
	is "$(sed -n '1s/^flockd (\([^-)]*\)-[^)]*).*/\1/p' "$changelog")" "$PACKAGE_VERSION" \
		"debian/changelog's upstream version is configure.ac's"
	if command -v nm >/dev/null; then
		sed -n 's/^ \([^@ ]*\)@Base .*/\1/p' "$symbols" | sort >"$work/want"
		nm -D --defined-only "$stage$libdir/libflockd.so.0" | awk '{print $3}' |
			sort >"$work/got"
		if diff -u "$work/want" "$work/got" >"$work/diff"; then
			tap_pass "the library exports exactly debian/libflockd0.symbols"
		else
			# shellcheck disable=SC2046
			tap_fail "the library exports exactly debian/libflockd0.symbols" \
				"add or remove ' NAME@Base VERSION' lines there (- listed only, + exported only):" \
				$(grep '^[-+][a-z_]' "$work/diff")
		fi
	else
		skip "nm not installed (binutils)" "the library exports debian/libflockd0.symbols"
	fi
else
	skip "no debian/ (a release tarball)" "debian/changelog's version is configure.ac's"
	skip "no debian/ (a release tarball)" "the library exports debian/libflockd0.symbols"
fi
tap_done
