# SPDX-License-Identifier: MIT
# realprog.sh - the executable behind a program of the build tree (sourced).
#
# A program linked with the uninstalled shared libflockd (tui/flockd) is a
# libtool wrapper script that sets LD_LIBRARY_PATH and execs the binary in
# .libs/. Tests that trace system calls or kill at random points need the
# binary itself, not a shell running first:
#
#   realprog_env "$FLOCKD"      # export LD_LIBRARY_PATH as the wrapper would
#   F=$(realprog "$FLOCKD")     # the binary to run
#
# Both leave a program that is not a libtool wrapper as it is.

realprog_is_wrapper() {
	[ -x "$top_builddir/libtool" ] && [ "$(head -c 2 "$1")" = '#!' ]
}

realprog() {
	if realprog_is_wrapper "$1"; then
		"$top_builddir/libtool" --mode=execute echo "$1"
	else
		printf '%s\n' "$1"
	fi
}

realprog_env() {
	realprog_is_wrapper "$1" || return 0
	LD_LIBRARY_PATH=$("$top_builddir/libtool" --mode=execute \
		sh -c 'printf %s "$LD_LIBRARY_PATH"' sh "$1")
	export LD_LIBRARY_PATH
}
