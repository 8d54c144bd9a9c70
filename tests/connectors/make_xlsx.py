#!/usr/bin/python3
"""Writes the .xlsx workbooks that xlsx_reader_test reads, into the directory given as argv[1].

Standard library only: zipfile plus hand-written SpreadsheetML, so every byte the reader sees is
visible here. Each workbook exercises one part of the reader; xlsx_reader_test.cc states what it
expects of each.
"""

import os
import struct
import sys
import zipfile
from xml.sax.saxutils import escape

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Cell styles (cellXfs index → numFmtId): 0 General, 1 built-in date 14, 2 custom date-time 164,
# 3 custom 165 whose only "d" is quoted (not a date), 4 built-in "0.00".
STYLES = DECL + f"""<styleSheet xmlns="{MAIN_NS}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd hh:mm"/>
<numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>
<xf numFmtId="165"/><xf numFmtId="2"/></cellXfs></styleSheet>"""


def sst(items, doctype=False):
    """A shared string table; an item is a str or a raw XML body for <si> (rich text)."""
    body = "".join(f"<si>{i[4:]}</si>" if i.startswith("raw:") else f"<si><t>{escape(i)}</t></si>"
                   for i in items)
    dtd = '<!DOCTYPE sst [<!ENTITY x "boom">]>\n' if doctype else ""
    return DECL + dtd + f'<sst xmlns="{MAIN_NS}" count="{len(items)}">{body}</sst>'


def sheet(rows, prefix=""):
    """A worksheet; rows are raw <row> XML strings. With `prefix`, elements use that prefix."""
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN_NS}"' if prefix else f'xmlns="{MAIN_NS}"'
    body = "".join(rows)
    if prefix:
        body = body.replace("<", f"<{p}").replace(f"<{p}/", f"</{p}")
    return DECL + f"<{p}worksheet {ns}><{p}sheetData>{body}</{p}sheetData></{p}worksheet>"


class _Unseekable:
    """A write-only sink: zipfile then streams each entry with a data descriptor (flag bit 3)
    after its data, and leaves the sizes in the local header zero."""

    def __init__(self):
        self.data = bytearray()

    def write(self, b):
        self.data += b
        return len(b)

    def flush(self):
        pass


def write(path, sheets, strings=None, date1904=None, method=zipfile.ZIP_DEFLATED, doctype=False,
          targets=None, descriptors=False, sst_xml=None, backslashes=False):
    """Writes a workbook: `sheets` is [(name, sheet_xml)] in tab order; sheet i is stored as
    xl/worksheets/sheet{n-i}.xml (reverse order, so lookup must go through the relationships).
    `sst_xml` is a shared string part written as it is, instead of one made from `strings`.
    With `backslashes`, entry names use "\\" as some Windows tools write them."""
    if sst_xml is not None:
        strings = []
    n = len(sheets)
    wb_pr = f'<workbookPr date1904="{date1904}"/>' if date1904 else ""
    wb_sheets = "".join(f'<sheet name="{escape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                        for i, (name, _) in enumerate(sheets))
    workbook = DECL + (f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{wb_pr}'
                       f"<sheets>{wb_sheets}</sheets></workbook>")
    rels = []
    for i in range(n):
        target = (targets or {}).get(i, f"worksheets/sheet{n - i}.xml")
        rels.append(f'<Relationship Id="rId{i + 1}" Type="{REL_NS}/worksheet" Target="{target}"/>')
    rels.append(f'<Relationship Id="rId{n + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>')
    if strings is not None:
        rels.append(f'<Relationship Id="rId{n + 2}" Type="{REL_NS}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
    parts = {
        "[Content_Types].xml": DECL + '<Types xmlns="http://schemas.openxmlformats.org/'
                               'package/2006/content-types"/>',
        "_rels/.rels": DECL + f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
                       f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": DECL + f'<Relationships xmlns="{PKG_REL_NS}">'
                                      + "".join(rels) + "</Relationships>",
        "xl/styles.xml": STYLES,
    }
    if strings is not None:
        parts["xl/sharedStrings.xml"] = sst_xml if sst_xml is not None else sst(strings, doctype)
    for i, (_, xml) in enumerate(sheets):
        parts[f"xl/worksheets/sheet{n - i}.xml"] = xml
    sink = _Unseekable() if descriptors else open(path, "wb")
    with zipfile.ZipFile(sink, "w", compression=method) as z:
        for name, text in parts.items():
            z.writestr(name.replace("/", "\\") if backslashes else name, text.encode("utf-8"))
    if descriptors:
        with open(path, "wb") as f:
            f.write(sink.data)
    else:
        sink.close()


def write_zip64(path, sheets, strings):
    """Like write(), in the zip64 form Excel uses past 4 GiB or 65,535 entries: zipfile writes its
    zip64 records only past these limits, so with them at 0 every size and offset it can moves to
    a zip64 extra field and a zip64 end record is written; the classic end record's counts, size
    and offset are then set to their "see the zip64 record" marks."""
    saved = zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT
    zipfile.ZIP64_LIMIT = zipfile.ZIP_FILECOUNT_LIMIT = 0
    try:
        write(path, sheets, strings)
    finally:
        zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = saved
    data = bytearray(open(path, "rb").read())
    at = data.rfind(b"PK\x05\x06")
    data[at + 8:at + 20] = b"\xff" * 12
    open(path, "wb").write(data)


def write_bomb(path, mebibytes):
    """A one-sheet workbook whose sheet is `mebibytes` MiB of white space inside <sheetData>,
    streamed into the archive (about 1 KiB of deflate a MiB): a zip bomb with honest sizes."""
    write(path, [("S", sheet([row(1, inline("A1", "H"))]))])
    src = zipfile.ZipFile(path)
    parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    src.close()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                z.writestr(name, data)
                continue
            with z.open(name, "w") as w:
                w.write((DECL + f'<worksheet xmlns="{MAIN_NS}"><sheetData>').encode())
                for _ in range(mebibytes):
                    w.write(b" " * (1 << 20))
                w.write(b"</sheetData></worksheet>")


def patch_directory(path, out, entry, offset, value):
    """Copies the archive at `path` to `out` with `value` (bytes) written at `offset` into the
    central directory record of `entry`."""
    data = bytearray(open(path, "rb").read())
    at = data.find(b"PK\x01\x02")
    while data[at + 46:at + 46 + len(entry)] != entry.encode():
        at = data.find(b"PK\x01\x02", at + 4)
    data[at + offset:at + offset + len(value)] = value
    open(out, "wb").write(data)


def c(ref, value="", t=None, s=None, inner=None):
    attrs = f' r="{ref}"' + (f' t="{t}"' if t else "") + (f' s="{s}"' if s is not None else "")
    return f"<c{attrs}>{inner if inner is not None else f'<v>{escape(value)}</v>'}</c>"


def inline(ref, text):
    return c(ref, t="inlineStr", inner=f"<is><t>{escape(text)}</t></is>")


def row(r, *cells):
    return f'<row r="{r}">' + "".join(cells) + "</row>"


# Shared strings 0..: plain, rich text in runs, Japanese with a phonetic (furigana) run to skip.
BASIC_STRINGS = [
    "ID", "Title", "Flag", "When", "Err", "5.1",
    "raw:<r><rPr><b/></rPr><t>Service </t></r><r><t xml:space=\"preserve\">management</t></r>",
    "raw:<t>変更管理</t><rPh sb=\"0\" eb=\"2\"><t>ヘンコウ</t></rPh>",
    "Note", "hello",
]
SOA_ROWS = [
    row(1, c("A1", "0", "s"), c("B1", "1", "s"), inline("C1", "Count"), c("E1", "2", "s"),
        c("F1", "3", "s"), c("G1", "4", "s")),
    row(2, c("A2", "5", "s"), c("B2", "6", "s"), c("C2", "3"), inline("D2", "extra"),
        c("E2", "1", "b"), c("F2", "45292", s=1), c("G2", "#N/A", "e")),
    '<row r="3"/>',
    row(4, c("A4", "", "str"), inline("B4", ""), c("C4", s=1, inner="")),
    row(5, inline("A5", "日本語テキスト"), c("B5", "7", "s"), c("C5", "0.1", s=4),
        c("F5", "45292.5", s=2), c("H5", "beyond", "str", inner="<f>\"beyond\"</f><v>beyond</v>")),
    row(7, c("B7", "1", "s"), c("C7", "2.5", s=3), c("E7", "0", "b")),
]
NOTES_ROWS = [row(1, c("A1", "8", "s")), row(2, c("A2", "9", "s"))]
DATE_ROWS = [row(1, inline("A1", "Serial"), inline("B1", "Date"))] + [
    row(i + 2, inline(f"A{i + 2}", v), c(f"B{i + 2}", v, s=1 if "." not in v else 2))
    for i, v in enumerate(["1", "59", "60", "61", "45292", "0.25", "59.5", "60.75", "45292.999999"])
]
D1904_ROWS = [row(1, inline("A1", "Date")), row(2, c("A2", "0", s=1)), row(3, c("A3", "1.5", s=2))]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    j = lambda name: os.path.join(out, name)
    basic = [("SoA", sheet(SOA_ROWS)), ("Notes", sheet(NOTES_ROWS))]
    write(j("basic.xlsx"), basic, BASIC_STRINGS, targets={1: "/xl/worksheets/sheet1.xml"})
    write(j("stored.xlsx"), basic, BASIC_STRINGS, method=zipfile.ZIP_STORED)
    write(j("descriptor.xlsx"), basic, BASIC_STRINGS, descriptors=True)
    write(j("prefixed.xlsx"), [("SoA", sheet(SOA_ROWS, prefix="x"))], BASIC_STRINGS)
    write(j("dates.xlsx"), [("Dates", sheet(DATE_ROWS))])
    write(j("date1904.xlsx"), [("D", sheet(D1904_ROWS))], date1904="1")
    write(j("date1904true.xlsx"), [("D", sheet(D1904_ROWS))], date1904="true")
    write(j("doctype.xlsx"), basic, BASIC_STRINGS, doctype=True)
    big = "長" * 400  # 1200 bytes of UTF-8
    write(j("bigcell.xlsx"),
          [("Inline", sheet([row(1, inline("A1", "H")), row(2, inline("A2", "ok"), inline("B2", big))])),
           ("Shared", sheet([row(1, inline("A1", "H")), row(12, c("B12", "0", "s"))]))], [big])
    write(j("badxml.xlsx"), [("S", DECL + f'<worksheet xmlns="{MAIN_NS}"><sheetData>\n'
                              '<row r="1"><c r="A1" t="inlineStr"><is><t>H</t></is></c></row>\n'
                              '<row r="2"><c r="A2"><v>1</v></c></row>\n'
                              '<row r="3"><c r="A3"><v>2</v></x></row></sheetData></worksheet>')])
    # The shared string attack: 5,000,000 empty items, 25 MB of XML in a file of about 25 kB.
    empty = DECL + f'<sst xmlns="{MAIN_NS}" count="5000000">' + "<si/>" * 5000000 + "</sst>"
    write(j("emptystrings.xlsx"), [("S", sheet([row(1, inline("A1", "H"))]))], sst_xml=empty)
    # NUL in a cell: as a character reference and as a raw byte (XML 1.0 allows neither).
    for name, text in (("nulref.xlsx", "a&#0;b"), ("nulraw.xlsx", "a\0b")):
        write(j(name), [("S", sheet([row(1, inline("A1", "H")),
                                     row(2, c("A2", t="inlineStr", inner=f"<is><t>{text}</t></is>"))]))])
    # Encrypted: the general-purpose flag bit 0 set on every central directory entry.
    write(j("encrypted.xlsx"), basic, BASIC_STRINGS)
    data = bytearray(open(j("encrypted.xlsx"), "rb").read())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 8] |= 1
        at = data.find(b"PK\x01\x02", at + 4)
    open(j("encrypted.xlsx"), "wb").write(data)
    # Zip64 read as zip64; a size marked 0xFFFFFFFF ("see the zip64 extra field") without one.
    write_zip64(j("zip64.xlsx"), basic, BASIC_STRINGS)
    patch_directory(j("basic.xlsx"), j("zip64mark.xlsx"), "[Content_Types].xml", 20, b"\xff" * 4)
    write(j("backslash.xlsx"), basic, BASIC_STRINGS, backslashes=True)
    # Compressed with a method other than stored or deflate.
    write(j("bzip2.xlsx"), basic, BASIC_STRINGS, method=zipfile.ZIP_BZIP2)
    # A stored shared string changed after the CRC-32 was written ("hello" → "jello").
    data = open(j("stored.xlsx"), "rb").read()
    assert data.count(b"hello") == 1
    open(j("badcrc.xlsx"), "wb").write(data.replace(b"hello", b"jello"))
    # A part that declares 1,000 bytes and inflates to 200,000 (a bomb that lies about its size).
    write(j("liar.xlsx"), [("S", sheet([row(1, inline("A1", "H"))]))],
          sst_xml=DECL + f'<sst xmlns="{MAIN_NS}">' + "<si/>" * 40000 + "</sst>")
    patch_directory(j("liar.xlsx"), j("liar.xlsx"), "xl/sharedStrings.xml", 24,
                    struct.pack("<I", 1000))
    # 64 MiB of sheet in 64 kB, against a budget of 8 MiB in the test.
    write_bomb(j("bomb.xlsx"), 64)
    # The workbook, 20,000 more entries and 100 copies of its end of central directory record:
    # libzip weighed every copy, parsing the directory and reading every local header for each.
    write(j("manyends.xlsx"), basic, BASIC_STRINGS)
    with zipfile.ZipFile(j("manyends.xlsx"), "a") as z:
        for i in range(20000):
            z.writestr(f"extra/{i}", b"")
    data = open(j("manyends.xlsx"), "rb").read()
    at = data.rfind(b"PK\x05\x06")
    open(j("manyends.xlsx"), "wb").write(data + data[at:at + 22] * 99)
    # An end record declaring 65,535 entries in a 40 MiB directory (zip64 marks lead to a zip64
    # record declaring 10,000,000): libzip would allocate for them before any check of ours.
    data = open(j("basic.xlsx"), "rb").read()
    at = data.rfind(b"PK\x05\x06")
    open(j("hugedir.xlsx"), "wb").write(
        data[:at + 8] + struct.pack("<HHII", 0xFFFF, 0xFFFF, 40 << 20, struct.unpack("<I", data[at + 16:at + 20])[0]) + data[at + 20:])
    zip64_at = at
    zip64 = struct.pack("<IQHHIIQQQQ", 0x06064b50, 44, 45, 45, 0, 0, 10_000_000, 10_000_000, 1 << 30, 0)
    locator = struct.pack("<IIQI", 0x07064b50, 0, zip64_at, 1)
    eocd = struct.pack("<IHHHHIIH", 0x06054b50, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    open(j("hugedir64.xlsx"), "wb").write(data[:at] + zip64 + locator + eocd)
    # Two entries that name one part, once with a backslash.
    data = open(j("basic.xlsx"), "rb").read()
    open(j("duplicate.xlsx"), "wb").write(data)
    with zipfile.ZipFile(j("duplicate.xlsx"), "a") as z:
        z.writestr("xl\\workbook.xml", b"<x/>")
    # What Excel saves with a password: an OLE compound file (its signature, then anything).
    open(j("ole.xlsx"), "wb").write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with open(j("notzip.xlsx"), "w") as f:
        f.write("ID,Title\n5.1,Service management\n")


if __name__ == "__main__":
    main()
