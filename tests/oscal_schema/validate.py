#!/usr/bin/python3
"""Validates OSCAL JSON documents against NIST's published OSCAL JSON schemas (draft-07), with
Debian's python3-jsonschema. OSCAL's patterns use Unicode property classes (\\p{L}, \\p{N}) that
Python's re does not know, so "pattern" is checked with the regex module (python3-regex), which
does; everything else is jsonschema's own Draft7Validator.

usage: validate.py SCHEMA.json DOCUMENT.json...
Prints "valid: DOCUMENT" per document, or every violation with its JSON path, and exits 1.
"""
import json
import sys

import jsonschema
import regex
from jsonschema import validators


def pattern(validator, expected, instance, schema):
    if isinstance(instance, str) and not regex.search(expected, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {expected!r}")


OscalValidator = validators.extend(jsonschema.Draft7Validator, {"pattern": pattern})


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    OscalValidator.check_schema(schema)
    validator = OscalValidator(schema)
    failed = False
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors[:50]:
            where = "/" + "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: {where}: {error.message[:300]}")
        if errors:
            failed = True
            print(f"{path}: {len(errors)} violation(s) of {argv[1]}")
        else:
            print(f"valid: {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
