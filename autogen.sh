#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerate the build system (configure, Makefile.in) from configure.ac and
# Makefile.am. Run once after cloning, then ./configure && make.
set -e
cd "$(dirname "$0")"
autoreconf --force --install --verbose
