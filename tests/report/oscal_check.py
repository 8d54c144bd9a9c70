#!/usr/bin/python3
"""Checks an OSCAL assessment-results document rendered by crosswalk (the model checks use the standard library only).

Usage: oscal_check.py RESULTS.json EXPECTED.json [SCHEMA.json]

EXPECTED.json is what the C++ test read from the ReportDocument itself: the leaf clauses with
their coverage status, caution and number of listed records, and the seed's caution text.

Checks:
  * the required fields of the OSCAL 1.2 assessment-results model (as read from
    oscal_assessment-results_schema.json and the assessment metaschemas) with their JSON types,
    for every object crosswalk writes;
  * every array has at least one item (OSCAL's minItems 1);
  * every uuid is an RFC 4122 version-4 or version-5 UUID and no two are equal;
  * every prop's name is a token, its value a non-empty string without edge whitespace, its ns
    crosswalk's;
  * every related-observation names an observation of the result, every observation is named by
    exactly one finding, and import-ap's href names a back-matter resource;
  * one finding per leaf clause, satisfied exactly when the clause is covered, with the
    clause's status, caution and listed records.
With SCHEMA.json (the OSCAL JSON schema), the document is also validated against it with Debian's
python3-jsonschema (tests/oscal_schema/validate.py).

Prints "findings N satisfied M observations K" and exits 0, or prints every problem and exits 1.
"""

import json
import os
import re
import sys
import uuid

NS = "urn:crosswalk:oscal"
TOKEN = re.compile(r"^[^\W\d][\w.\-]*\Z")  # letter or _, then letters, digits, . - _
STRING = re.compile(r"^\S(.*\S)?\Z")
LINE = re.compile(r"^[^\n]+\Z")
UUID = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}\Z")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")
URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+\-.]+:.+\Z")

problems = []


def problem(path, what):
    problems.append(f"{path}: {what}")


def check_value(value, kind, path):
    """kind: object, array, string (OSCAL string), line (markup-line), multiline, token, uuid,
    datetime, uri-ref."""
    if kind == "object":
        ok = isinstance(value, dict)
    elif kind == "array":
        ok = isinstance(value, list)
    elif not isinstance(value, str):
        ok = False
    elif kind == "string":
        ok = bool(STRING.match(value))
    elif kind == "line":
        ok = bool(LINE.match(value))
    elif kind == "multiline":
        ok = True
    elif kind == "token":
        ok = bool(TOKEN.match(value))
    elif kind == "uuid":
        ok = bool(UUID.match(value))
    elif kind == "datetime":
        ok = bool(DATETIME.match(value))
    elif kind == "uri-ref":
        ok = bool(value) and not any(c.isspace() for c in value)
    else:
        raise ValueError(kind)
    if not ok:
        problem(path, f"{json.dumps(value)[:80]} is not a valid {kind}")
    return ok


def need(obj, path, fields):
    """fields: {name: kind} that must all be present with that kind."""
    if not isinstance(obj, dict):
        problem(path, "expected an object")
        return False
    ok = True
    for name, kind in fields.items():
        if name not in obj:
            problem(path, f"missing required '{name}'")
            ok = False
        else:
            ok = check_value(obj[name], kind, f"{path}/{name}") and ok
    return ok


def optional(obj, path, fields):
    for name, kind in fields.items():
        if isinstance(obj, dict) and name in obj:
            check_value(obj[name], kind, f"{path}/{name}")


def walk(node, path, uuids):
    """Generic rules: non-empty arrays, UUID form and uniqueness, props."""
    if isinstance(node, dict):
        for key, value in node.items():
            at = f"{path}/{key}"
            if key == "uuid":
                if check_value(value, "uuid", at):
                    parsed = uuid.UUID(value)
                    if parsed.version not in (4, 5) or parsed.variant != uuid.RFC_4122:
                        problem(at, f"{value} is not an RFC 4122 version-4/5 UUID")
                    if value in uuids:
                        problem(at, f"{value} already used at {uuids[value]}")
                    uuids.setdefault(value, at)
            if key == "props":
                for i, prop in enumerate(value if isinstance(value, list) else []):
                    p = f"{at}/{i}"
                    if need(prop, p, {"name": "token", "value": "string"}):
                        if prop.get("ns") != NS:
                            problem(p, f"ns {prop.get('ns')!r} is not {NS}")
                    optional(prop, p, {"class": "token", "group": "token"})
                    extra = set(prop) - {"name", "value", "ns", "class", "group", "uuid", "remarks"}
                    if extra:
                        problem(p, f"unknown prop fields {sorted(extra)}")
            walk(value, at, uuids)
    elif isinstance(node, list):
        if not node:
            problem(path, "an OSCAL array needs at least one item")
        for i, value in enumerate(node):
            walk(value, f"{path}/{i}", uuids)


def prop(obj, name):
    for p in obj.get("props", []):
        if p.get("name") == name and p.get("ns") == NS:
            return p.get("value")
    return None


def check_model(doc, expected):
    if not need(doc, "", {"assessment-results": "object"}):
        return 0, 0, 0
    ar = doc["assessment-results"]
    base = "/assessment-results"
    need(ar, base, {"uuid": "uuid", "metadata": "object", "import-ap": "object", "results": "array"})
    md = ar.get("metadata", {})
    need(md, base + "/metadata",
         {"title": "line", "last-modified": "datetime", "version": "string", "oscal-version": "string"})
    if md.get("oscal-version") != "1.2.2":
        problem(base + "/metadata/oscal-version", f"{md.get('oscal-version')!r} is not 1.2.2")
    resources = {}
    for i, r in enumerate(ar.get("back-matter", {}).get("resources", [])):
        if need(r, f"{base}/back-matter/resources/{i}", {"uuid": "uuid"}):
            resources[r["uuid"]] = r
        optional(r, f"{base}/back-matter/resources/{i}", {"title": "line", "description": "multiline"})
    ap = ar.get("import-ap", {})
    if need(ap, base + "/import-ap", {"href": "uri-ref"}):
        if not (ap["href"].startswith("#") and ap["href"][1:] in resources):
            problem(base + "/import-ap/href", f"{ap['href']} names no back-matter resource")
    results = ar.get("results", [])
    if len(results) != 1:
        problem(base + "/results", f"expected one result, found {len(results)}")
        return 0, 0, 0
    res, rp = results[0], base + "/results/0"
    need(res, rp, {"uuid": "uuid", "title": "line", "description": "multiline", "start": "datetime",
                   "reviewed-controls": "object"})
    rc = res.get("reviewed-controls", {})
    need(rc, rp + "/reviewed-controls", {"control-selections": "array"})
    selected = set()
    for i, sel in enumerate(rc.get("control-selections", [])):
        sp = f"{rp}/reviewed-controls/control-selections/{i}"
        if ("include-all" in sel) == ("include-controls" in sel):
            problem(sp, "needs exactly one of include-all, include-controls")
        for j, c in enumerate(sel.get("include-controls", [])):
            if need(c, f"{sp}/include-controls/{j}", {"control-id": "token"}):
                selected.add(c["control-id"])

    observations = {}
    for i, o in enumerate(res.get("observations", [])):
        op = f"{rp}/observations/{i}"
        need(o, op, {"uuid": "uuid", "description": "multiline", "methods": "array", "collected": "datetime"})
        optional(o, op, {"title": "line", "expires": "datetime", "types": "array", "relevant-evidence": "array"})
        for j, m in enumerate(o.get("methods", [])):
            check_value(m, "string", f"{op}/methods/{j}")
        for j, t in enumerate(o.get("types", [])):
            check_value(t, "token", f"{op}/types/{j}")
        evidence = o.get("relevant-evidence", [])
        if not evidence and not o.get("subjects"):
            problem(op, "names no record (neither relevant-evidence nor subjects)")
        for j, e in enumerate(evidence):
            ep = f"{op}/relevant-evidence/{j}"
            need(e, ep, {"description": "multiline"})
            optional(e, ep, {"href": "uri-ref"})
            for name in ("source", "native-id"):
                if prop(e, name) is None:
                    problem(ep, f"no crosswalk prop '{name}'")
        if prop(o, "role") not in ("evidence", "mapped-control", "document", "against"):
            problem(op, f"role {prop(o, 'role')!r}")
        if "uuid" in o:
            observations[o["uuid"]] = o

    expected_by_ref = {c["ref"]: c for c in expected["leaf_clauses"]}
    named = {}
    satisfied = 0
    targets = set()
    findings = res.get("findings", [])
    for i, f in enumerate(findings):
        fp = f"{rp}/findings/{i}"
        need(f, fp, {"uuid": "uuid", "title": "line", "description": "multiline", "target": "object"})
        t = f.get("target", {})
        if not need(t, fp + "/target", {"type": "string", "target-id": "token", "status": "object"}):
            continue
        if t["type"] not in ("statement-id", "objective-id"):
            problem(fp + "/target/type", f"{t['type']!r} is not statement-id or objective-id")
        need(t["status"], fp + "/target/status", {"state": "token"})
        optional(t["status"], fp + "/target/status", {"reason": "token"})
        state = t["status"].get("state")
        if state not in ("satisfied", "not-satisfied"):
            problem(fp + "/target/status/state", f"{state!r}")
        satisfied += state == "satisfied"
        targets.add(t["target-id"])
        ref = prop(t, "clause")
        want = expected_by_ref.get(ref)
        if want is None:
            problem(fp, f"clause {ref!r} is not a leaf clause of the report")
            continue
        if t["target-id"] != "clause-" + ref + "_smt":
            problem(fp + "/target/target-id", f"{t['target-id']} does not name clause {ref}")
        if (state == "satisfied") != (want["status"] == "covered"):
            problem(fp, f"clause {ref} is {want['status']} but the finding says {state}")
        if prop(f, "coverage-status") != want["status"] or t["status"].get("reason") != want["status"]:
            problem(fp, f"clause {ref}: coverage-status {prop(f, 'coverage-status')!r}, want {want['status']!r}")
        if prop(f, "caution") != ("true" if want["caution"] else "false"):
            problem(fp, f"clause {ref}: caution prop {prop(f, 'caution')!r}")
        if want["caution"] and expected["caution"] not in f.get("remarks", ""):
            problem(fp, f"clause {ref} rests on mapped controls but its remarks lack the seed's caution")
        for name in ("maturity", "maturity-rule", "freshness"):
            if prop(f, name) is None:
                problem(fp, f"clause {ref}: no crosswalk prop '{name}'")
        related = f.get("related-observations", [])
        if len(related) != want["listed"]:
            problem(fp, f"clause {ref}: {len(related)} related observations, {want['listed']} records listed")
        for j, r in enumerate(related):
            if not need(r, f"{fp}/related-observations/{j}", {"observation-uuid": "uuid"}):
                continue
            u = r["observation-uuid"]
            if u not in observations:
                problem(f"{fp}/related-observations/{j}", f"{u} is no observation of the result")
            elif prop(observations[u], "clause") != ref:
                problem(f"{fp}/related-observations/{j}", f"{u} is an observation of another clause")
            named[u] = named.get(u, 0) + 1
    for u in observations:
        if named.get(u, 0) != 1:
            problem(rp + "/observations", f"{u} is named by {named.get(u, 0)} findings")
    if len(findings) != len(expected_by_ref):
        problem(rp + "/findings", f"{len(findings)} findings for {len(expected_by_ref)} leaf clauses")
    covered = sum(c["status"] == "covered" for c in expected["leaf_clauses"])
    if satisfied != covered:
        problem(rp + "/findings", f"{satisfied} satisfied findings, {covered} covered leaf clauses")
    statuses = [c["status"] for c in expected["leaf_clauses"]]
    for name, want in (("clauses", len(statuses)), ("covered", covered), ("partial", statuses.count("partial")),
                       ("not-covered", statuses.count("not-covered")),
                       ("cautioned", sum(c["caution"] for c in expected["leaf_clauses"]))):
        if prop(res, name) != str(want):
            problem(rp + "/props", f"{name} is {prop(res, name)!r}, the report has {want}")
    if {t[: -len("_smt")] for t in targets} != selected:
        problem(rp + "/reviewed-controls", "the selected controls are not the findings' clauses")
    return len(findings), satisfied, len(observations)


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        expected = json.load(f)
    walk(doc, "", {})
    counts = check_model(doc, expected)
    if len(argv) > 3:
        with open(argv[3], encoding="utf-8") as f:
            schema = json.load(f)
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oscal_schema"))
        from validate import OscalValidator  # Debian's python3-jsonschema with python3-regex
        for error in OscalValidator(schema).iter_errors(doc):
            where = "/" + "/".join(str(p) for p in error.absolute_path)
            problems.append(f"schema: {where}: {error.message[:300]}")
    if problems:
        print("\n".join(problems[:200]))
        print(f"{len(problems)} problem(s)")
        return 1
    print("findings %d satisfied %d observations %d" % counts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
