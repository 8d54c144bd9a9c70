#!/usr/bin/env bash
# `cmake --install` puts the binary and the mapping data where the installed binary finds the data
# without --mappings or CROSSWALK_MAPPINGS.
set -euo pipefail
build="$1"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
unset CROSSWALK_MAPPINGS
out="$("$prefix/bin/crosswalk" validate)"
echo "$out"
case "$out" in
  "ok: $prefix/share/crosswalk/mappings: "*) ;;
  *) echo "install_test: the installed crosswalk did not use the installed data" >&2; exit 1 ;;
esac
"$prefix/bin/crosswalk" map --from iso27001:2005 --to iso20000-1:2011 --direct-only --format csv |
  grep -c "JIP-ITSMS112-2.1 Table 5-1" | grep -qx 48
