#!/usr/bin/python3
"""Checks crosswalk's HTML dashboard in a real headless Chromium (standard library only).

Usage: dashboard_check.py CHROMIUM DIR

DIR holds report.json (RenderJson, kind all), report-en.html, report-ja.html (RenderHtml) and the
evidence packs evidence-en.html, evidence-ja.html (RenderReport kind evidence, html).
For each language:
  * the HTML references nothing outside itself: none of http:, https:, //, @import, url( appears
    anywhere in it, and every src/href/srcset/action/xlink:href attribute is a data: URL, a
    #fragment or a clause cell's link evidence-LANG.html#clause-REF to a section that exists;
  * the evidence pack renders (non-blank screenshot), references nothing outside itself, and has a
    section per clause of report.json with the same counts and the same listed records;
  * Chromium renders it: --screenshot at 1440x900 gives a PNG that is decoded here (zlib + the
    PNG row filters) and must be 1440x900, have at least 16 distinct colours in the sampled rows
    and at least 30% of sampled rows not a single colour (text, bars and cells were drawn, not a
    blank or error page);
  * --dump-dom gives the DOM as Chromium built it; <html lang> is the language, and every element
    with data-figure="<path>" has as its whole text the value at that path of report.json:
    an integer as written; a decimal as the JSON writes it (shortest round-trip, Python's repr);
    with data-format="percent" the value x100 rounded to a whole number ("%.0f"). A path to a
    null, a string or a bool is an error. At least 60 figures are compared, including every
    summary figure, every group's covered/partial/not_covered, every quality rule's findings,
    every leaf clause's maturity and at least 10 service figures. A numeric cell (class num, or
    a summary card's n) has no digit outside its data-figure elements.
A Japanese font must be installed (fc-list :lang=ja), else the Japanese page shows tofu squares.

Prints one line per language and exits 0, or prints every problem and exits 1.
"""

import html
import html.parser
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

FORBIDDEN = ["http:", "https:", "//", "@import", "url("]
LINK_ATTRIBUTES = {"src", "href", "srcset", "action", "xlink:href", "poster", "data"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PATH_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\.")
MIN_FIGURES = 60


class Page(html.parser.HTMLParser):
    """The <html lang>, the data-figure elements with their text, the link attributes, and the
    text of numeric cells (class num, or a card's n) outside any data-figure element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.figures = []  # (path, format, text)
        self.links = []    # (tag, attribute, value)
        self.loose = []    # text of a numeric element outside its data-figure descendants
        self.stack = []    # (tag, index into figures or None, index into loose or None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        for name, value in attrs.items():
            if name in LINK_ATTRIBUTES and value is not None and not (tag == "object" and name == "data"):
                self.links.append((tag, name, value))
        if tag in VOID:
            return
        index = loose = None
        if "data-figure" in attrs:
            index = len(self.figures)
            self.figures.append([attrs["data-figure"], attrs.get("data-format"), ""])
        elif {"num", "n"} & set((attrs.get("class") or "").split()):
            loose = len(self.loose)
            self.loose.append("")
        self.stack.append((tag, index, loose))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        in_figure = False
        for _, index, _ in self.stack:
            if index is not None:
                self.figures[index][2] += data
                in_figure = True
        if not in_figure:
            for _, _, loose in self.stack:
                if loose is not None:
                    self.loose[loose] += data


def resolve(document, path):
    """The value at `path` ("groups[2].not_covered") of the JSON, or raises KeyError."""
    value, pos = document, 0
    while pos < len(path):
        match = PATH_TOKEN.match(path, pos)
        if not match or match.end() == pos:
            raise KeyError(f"bad path {path!r} at {pos}")
        pos = match.end()
        name, index = match.group(1), match.group(2)
        if name is not None:
            if not isinstance(value, dict) or name not in value:
                raise KeyError(f"{path}: no {name!r}")
            value = value[name]
        elif index is not None:
            if not isinstance(value, list) or int(index) >= len(value):
                raise KeyError(f"{path}: no [{index}]")
            value = value[int(index)]
    return value


def expected_text(value, fmt):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"not a number: {value!r}")
    if fmt == "percent":
        return "%.0f" % (value * 100)
    if fmt is not None:
        raise TypeError(f"unknown data-format {fmt!r}")
    return str(value) if isinstance(value, int) else repr(value)


def decode_png(data):
    """(width, height, rows of bytes, bytes per pixel) of an 8-bit RGB(A) non-interlaced PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"unexpected PNG format depth {depth} colour {colour} interlace {interlace}")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif kind != 0:
            raise ValueError(f"row {y}: filter {kind}")
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def check_screenshot(path, problems):
    if not os.path.exists(path):
        problems.append(f"{path}: no screenshot")
        return "no screenshot"
    data = open(path, "rb").read()
    width, height, rows, bpp = decode_png(data)
    if (width, height) != (1440, 900):
        problems.append(f"{path}: {width}x{height}, expected 1440x900")
    colours, varied, sampled = set(), 0, 0
    for y in range(0, height, 6):
        row = rows[y]
        pixels = {row[i:i + 3] for i in range(0, len(row), bpp)}
        colours |= pixels
        sampled += 1
        varied += len(pixels) > 1
    if len(colours) < 16:
        problems.append(f"{path}: {len(colours)} distinct colours in the sampled rows: blank?")
    if varied < 0.3 * sampled:
        problems.append(f"{path}: only {varied} of {sampled} sampled rows have more than one colour")
    return f"screenshot {width}x{height} {len(data)} bytes, {len(colours)} colours, {varied}/{sampled} rows drawn"


def run_chromium(chromium, profile, *args):
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1440,900",
               f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


SECTION = re.compile(r'<section class="clause" id="(clause-[^"]+)">(.*?)</section>', re.S)
COUNT = re.compile(r'<span class="count">(\d+)</span>')
NATIVE_ID = re.compile(r'<td class="native-id">([^<]*)</td>')


def check_evidence(chromium, directory, lang, report, problems):
    """The evidence pack evidence-LANG.html beside the dashboard: self-contained, rendered by
    Chromium (non-blank), one section per clause of report.json with its counts of controls,
    documents and evidence, and the same listed records. Returns the section ids."""
    path = os.path.join(directory, f"evidence-{lang}.html")
    if not os.path.exists(path):
        problems.append(f"{lang}: no evidence-{lang}.html beside the dashboard")
        return set()
    text = open(path, encoding="utf-8").read()
    for pattern in FORBIDDEN:
        if pattern in text:
            problems.append(f"{lang} evidence: external reference {pattern!r}")
    with tempfile.TemporaryDirectory() as profile:
        png = os.path.join(directory, f"evidence-{lang}.png")
        if os.path.exists(png):
            os.remove(png)
        run_chromium(chromium, profile, f"--screenshot={png}", "file://" + os.path.abspath(path))
        check_screenshot(png, problems)
        dump = run_chromium(chromium, profile, "--dump-dom", "file://" + os.path.abspath(path))
    sections = {ident: body for ident, body in SECTION.findall(dump.stdout)}
    for clause in report["coverage"]:
        ident = f"clause-{clause['clause']}"
        body = sections.get(ident)
        if body is None:
            problems.append(f"{lang} evidence: no section {ident}")
            continue
        counts = [int(n) for n in COUNT.findall(body)]
        want = [clause["controls"], clause["documents"], clause["evidence"], clause["against"], clause["candidates"]]
        if counts != want:
            problems.append(f"{lang} evidence: {ident} counts {counts}, report.json has {want}")
        listed = sorted(html.unescape(n) for n in NATIVE_ID.findall(body))
        expected = sorted(r["native_id"] for key in ("control_records", "document_records", "evidence_records",
                                                                    "against_records", "candidate_records")
                          for r in clause[key])
        if listed != expected:
            problems.append(f"{lang} evidence: {ident} lists {listed[:5]}…, report.json {expected[:5]}…")
    return set(sections)


def check_language(chromium, directory, lang, report, problems):
    page_path = os.path.join(directory, f"report-{lang}.html")
    text = open(page_path, encoding="utf-8").read()
    for pattern in FORBIDDEN:
        if pattern in text:
            at = text.index(pattern)
            problems.append(f"{lang}: external reference {pattern!r}: ...{text[max(0, at - 60):at + 40]!r}")
    with tempfile.TemporaryDirectory() as profile:
        png = os.path.join(directory, f"report-{lang}.png")
        if os.path.exists(png):
            os.remove(png)
        shot = run_chromium(chromium, profile, f"--screenshot={png}", "file://" + os.path.abspath(page_path))
        if shot.returncode != 0:
            problems.append(f"{lang}: chromium --screenshot exited {shot.returncode}: {shot.stderr[-2000:]}")
        screenshot = check_screenshot(png, problems)
        dump = run_chromium(chromium, profile, "--dump-dom", "file://" + os.path.abspath(page_path))
    if dump.returncode != 0 or "<html" not in dump.stdout:
        problems.append(f"{lang}: chromium --dump-dom exited {dump.returncode}: {dump.stderr[-2000:]}")
        return f"{lang}: no DOM"
    page = Page()
    page.feed(dump.stdout)
    page.close()
    if page.lang != lang:
        problems.append(f"{lang}: <html lang={page.lang!r}>")
    evidence_ids = check_evidence(chromium, directory, lang, report, problems)
    for tag, name, value in page.links:
        target = re.fullmatch(rf"evidence-{lang}\.html#(clause-[0-9.]+)", value)
        if target:  # a clause cell's link to its section of the evidence pack beside the page
            if target.group(1) not in evidence_ids:
                problems.append(f"{lang}: <{tag} {name}={value!r}>: no such section in evidence-{lang}.html")
            continue
        if not (value.startswith("data:") or value.startswith("#")):
            problems.append(f"{lang}: <{tag} {name}={value!r}> is not a data: URL or a #fragment")
    for text in page.loose:
        if re.search(r"\d", text):
            problems.append(f"{lang}: a number outside data-figure in a numeric cell: {text.strip()!r}")
    compared, seen = 0, set()
    for path, fmt, shown in page.figures:
        try:
            want = expected_text(resolve(report, path), fmt)
        except (KeyError, TypeError) as error:
            problems.append(f"{lang}: data-figure={path!r} ({shown!r}): {error}")
            continue
        if shown != want:
            problems.append(f"{lang}: data-figure={path!r} shows {shown!r}, the JSON has {want!r}")
        compared += 1
        seen.add(path)
    required = [f"summary.{key}" for key in report["summary"]]
    for i in range(len(report["groups"])):
        required += [f"groups[{i}].{key}" for key in ("covered", "partial", "not_covered")]
    required += [f"quality.rules[{i}].findings" for i in range(len(report["quality"]["rules"]))]
    required += [f"coverage[{i}].maturity" for i, c in enumerate(report["coverage"]) if c["leaf"]]
    missing = [path for path in required if path not in seen]
    if missing:
        problems.append(f"{lang}: figures not shown: {', '.join(missing[:20])}{' …' if len(missing) > 20 else ''}")
    service = sum(1 for path, _, _ in page.figures if path.startswith("service.services["))
    if service < 10:
        problems.append(f"{lang}: only {service} service figures")
    if compared < MIN_FIGURES:
        problems.append(f"{lang}: only {compared} figures compared (at least {MIN_FIGURES})")
    return f"{lang}: {compared} figures compared ({service} service), {screenshot}; evidence pack: {len(evidence_ids)} clause sections"


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    chromium, directory = sys.argv[1], sys.argv[2]
    report = json.load(open(os.path.join(directory, "report.json"), encoding="utf-8"))
    problems, lines = [], []
    try:
        fonts = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        fonts = ""
    if not fonts.strip():
        problems.append("no Japanese font (fc-list :lang=ja): tools/setup installs fonts-ipafont-gothic")
    for lang in ("en", "ja"):
        lines.append(check_language(chromium, directory, lang, report, problems))
    for line in lines:
        print(line)
    for problem in problems:
        print("PROBLEM", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
