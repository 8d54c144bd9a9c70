#!/usr/bin/env bash
# Exports OSCAL mapping-collections between several catalog pairs with the crosswalk CLI and
# validates each against NIST's OSCAL 1.2.1 mapping JSON schema (tests/fixtures/oscal/schema/).
#   check_exports.sh CROSSWALK_BINARY WORK_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
crosswalk="$1"
work="$2"
mkdir -p "$work"
documents=()
for pair in "iso27001:2022 iso27001:2013" "iso27001:2005 iso20000-1:2011" "iso9001:2008 iso9001:2015" \
            "iso20000-1:2011 iso20000-1:2018" "iso19770-1:2017 iso20000-1:2018"; do
  set -- $pair
  out="$work/${1//:/_}-${2//:/_}.json"
  "$crosswalk" export --from "$1" --to "$2" --format oscal --out "$out"
  documents+=("$out")
done
/usr/bin/python3 "$here/validate.py" "$here/../fixtures/oscal/schema/oscal_mapping_schema.json" "${documents[@]}"
