#!/usr/bin/python3
"""Checks crosswalkd's Excel-facing output from the outside, with Python's own readers.

  report_excel_check.py xlsx WORKBOOK JSON LABELS_CSV LANG KIND
      Opens WORKBOOK with openpyxl and checks it cell by cell against the JSON report of the same
      request: the sheets (summary first, then one per section, named from LABELS_CSV's sheet.*
      rows in LANG), frozen header rows, autofilters over every row, numbers as numbers and dates
      as date cells equal to the JSON's dates.
  report_excel_check.py cp932 CP932_FILE UTF8_FILE
      Decodes CP932_FILE with codecs' cp932 and compares it with UTF8_FILE's text.

Prints "ok ..." and exits 0, or prints every difference and exits 1.
"""

import codecs
import csv
import datetime
import json
import sys

import openpyxl

PROBLEMS = []


def check(condition, message):
    if not condition:
        PROBLEMS.append(message)


def labels(path, lang):
    with open(path, encoding="utf-8", newline="") as f:
        return {row["key"]: row[lang] for row in csv.DictReader(f)}


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def same_date(cell, text, where):
    if not text:
        check(cell is None, f"{where}: {cell!r} where the JSON has no date")
        return
    check(isinstance(cell, datetime.datetime), f"{where}: {cell!r} is not a date cell")
    if isinstance(cell, datetime.datetime):
        check(cell.date().isoformat() == text, f"{where}: {cell.date()} != {text}")


def same_number(cell, value, where):
    check(isinstance(cell, (int, float)) and not isinstance(cell, bool), f"{where}: {cell!r} is not a number")
    check(cell == value, f"{where}: {cell!r} != {value!r}")


def title(item, lang):
    return item.get("title_ja") or item["title_en"] if lang == "ja" else item["title_en"]


def check_clauses(sheet, clauses, lang, gaps):
    rows = rows_of(sheet)
    check(len(rows) == len(clauses), f"{sheet.title}: {len(rows)} rows, JSON {len(clauses)}")
    for i, (row, c) in enumerate(zip(rows, clauses)):
        where = f"{sheet.title}!row {i + 2}"
        check(row[0] == c["clause"], f"{where}: clause {row[0]!r} != {c['clause']!r}")
        check(row[1] == title(c, lang), f"{where}: title {row[1]!r}")
        check(row[2] == c["status_label"], f"{where}: status {row[2]!r} != {c['status_label']!r}")
        same_number(row[3], c["maturity"], f"{where} maturity")
        if gaps:  # clause, title, status, maturity, controls, unique, reason, evidence, newest
            same_number(row[4], c["controls"], f"{where} controls")
            same_number(row[7], c["evidence"], f"{where} evidence")
            same_date(row[8], c["newest_evidence"], f"{where} newest")
        else:
            same_number(row[4], c["evidence"], f"{where} evidence")
            same_number(row[5], c["controls"], f"{where} controls")
            same_date(row[6], c["newest_evidence"], f"{where} newest")
            check(row[8] == c["freshness_label"], f"{where}: freshness {row[8]!r}")
            due = c["assessment"]["due"] if c.get("assessment") else ""
            same_date(row[17], due, f"{where} due")


def check_xlsx(path, json_path, labels_path, lang, kind):
    report = json.load(open(json_path, encoding="utf-8"))
    words = labels(labels_path, lang)
    book = openpyxl.load_workbook(path)
    sections = ["coverage", "shared", "gaps", "quality", "service", "scope"] if kind == "all" else [kind]
    expected = [words["sheet.summary"]] + [words[f"sheet.{s}"] for s in sections]
    check(book.sheetnames == expected, f"sheets {book.sheetnames} != {expected}")
    if book.sheetnames != expected:
        return
    summary = book[expected[0]]
    figures = {}
    for item, value in summary.iter_rows(min_row=3, max_col=2, values_only=True):
        figures[item] = value
    same_date(figures.get(words["heading.as_of"]), report["as_of"], "summary as of")
    for key, name in [("records", "heading.records"), ("clauses", "heading.clauses"), ("covered", "heading.covered"),
                      ("partial", "heading.partial"), ("not_covered", "heading.not-covered"),
                      ("maturity_mean", "heading.maturity_mean"), ("shared", "heading.shared_count"),
                      ("quality_findings", "heading.quality_findings"), ("scope_failed", "heading.scope_failed"),
                      ("scope_passed", "heading.scope_passed")]:
        same_number(figures.get(words[name]), report["summary"][key], f"summary {key}")
    for section, name in zip(sections, expected[1:]):
        sheet = book[name]
        check(sheet.freeze_panes == "A2", f"{name}: frozen at {sheet.freeze_panes}, not under the header")
        last = max(sheet.max_row, 2)
        ref = sheet.auto_filter.ref or ""
        check(ref.startswith("A1:") and ref.endswith(str(last)), f"{name}: autofilter {ref!r} does not cover rows 1-{last}")
        header = [cell.value for cell in sheet[1]]
        check(all(isinstance(h, str) and h for h in header), f"{name}: header {header}")
        check(sheet.column_dimensions["A"].width and sheet.column_dimensions["A"].width >= 10, f"{name}: no column width")
        if section in ("coverage", "gaps"):
            check_clauses(sheet, report[section], lang, section == "gaps")
        elif section == "shared":
            rows = rows_of(sheet)
            check(len(rows) == len(report["shared"]), f"{name}: {len(rows)} rows")
            for i, (row, item) in enumerate(zip(rows, report["shared"])):
                check(row[0] == item["source"] and row[1] == item["native_id"], f"{name}!row {i + 2}: {row[:2]}")
                same_number(row[3], item["standards"], f"{name}!row {i + 2} standards")
                same_number(row[4], item["requirements"], f"{name}!row {i + 2} requirements")
        elif section == "quality":
            rows = rows_of(sheet)
            rules = report["quality"]["rules"]
            check(len(rows) == len(rules), f"{name}: {len(rows)} rows, JSON {len(rules)}")
            for i, (row, rule) in enumerate(zip(rows, rules)):
                check(row[0] == rule["id"], f"{name}!row {i + 2}: {row[0]!r} != {rule['id']!r}")
                check(row[3] == rule.get("severity_label"), f"{name}!row {i + 2}: severity {row[3]!r}")
                same_number(row[5], rule["examined"], f"{name}!row {i + 2} examined")
                same_number(row[6], rule["findings"], f"{name}!row {i + 2} findings")
        elif section == "scope":
            rows = rows_of(sheet)
            check(len(rows) == len(report["scope"]), f"{name}: {len(rows)} rows")
            for i, (row, item) in enumerate(zip(rows, report["scope"])):
                check(row[0] == item["rule"], f"{name}!row {i + 2}: {row[0]!r}")
                check(row[2] == item["strength_label"], f"{name}!row {i + 2}: strength {row[2]!r}")
                check(row[3] == item["outcome_label"], f"{name}!row {i + 2}: outcome {row[3]!r}")
        elif section == "service":
            for i, row in enumerate(rows_of(sheet)):
                for col in range(2, 7):
                    check(isinstance(row[col], (int, float)), f"{name}!row {i + 2} col {col + 1}: {row[col]!r}")
    rows = sum(book[n].max_row - 1 for n in expected[1:])
    print(f"ok {path}: {len(expected)} sheets, {rows} rows checked against {json_path}")


def check_cp932(cp932_path, utf8_path):
    raw = open(cp932_path, "rb").read()
    text = codecs.decode(raw, "cp932")
    expected = open(utf8_path, "rb").read().decode("utf-8")
    check(text == expected, f"{cp932_path} decoded as cp932 differs from {utf8_path}")
    print(f"ok {cp932_path}: {len(raw)} bytes of cp932 decode to {utf8_path}'s {len(expected)} characters")


def main():
    if sys.argv[1] == "xlsx":
        check_xlsx(*sys.argv[2:7])
    else:
        check_cp932(*sys.argv[2:4])
    if PROBLEMS:
        for problem in PROBLEMS[:50]:
            print(problem)
        print(f"{len(PROBLEMS)} problem(s)")
        sys.exit(1)


if __name__ == "__main__":
    main()
