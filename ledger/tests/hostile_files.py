"""Hostile uploads, generated at any size: the tests read small ones (`ledger/tests/imports/
test_hostile_files.py`), the benchmark `bench/hostile_files.py` reads 10 MB ones.

Each shape is `(filename, make)`; `make(size)` gives about `size` bytes that once made a
library's time or memory grow faster than the file (or would, unscreened).
"""

OFX_HEADER = (
    b"OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\n"
    b"CHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n"
)
OFX_V2_HEADER = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n'
)


def _fill(unit: bytes, size: int, head: bytes = b"", tail: bytes = b"") -> bytes:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def _unique_tags(size: int) -> bytes:
    parts, total, index = [OFX_HEADER, b"<OFX>"], 0, 0
    while total < size:
        part = b"<T%d>" % index
        parts.append(part)
        total += len(part)
        index += 1
    return b"".join(parts)


def _csv_many_cells(size: int) -> bytes:
    line = b",".join([b"ab"] * 50) + b"\n"
    return _fill(line, size, b"Date,Amount,Description\n")


SHAPES = {
    # ofxtools' regular expression scans to the end of the line after each <![CDATA[
    "ofx_cdata_one_line": ("hostile.ofx", lambda size: _fill(b"<A><![CDATA[", size, OFX_HEADER)),
    "ofx_bare_cdata": ("hostile.ofx", lambda size: _fill(b"<![CDATA[", size, OFX_HEADER)),
    "ofx_nested_tags": ("hostile.ofx", lambda size: _fill(b"<A>", size, OFX_HEADER)),
    "ofx_unique_tags": ("hostile.ofx", _unique_tags),
    "ofx_huge_text": ("hostile.ofx", lambda size: _fill(b"a", size, OFX_HEADER + b"<OFX><NAME>")),
    "ofx_whitespace": ("hostile.ofx", lambda size: _fill(b" \t", size, OFX_HEADER)),
    "ofx_v2_cdata": ("hostile.ofx", lambda size: _fill(b"<A><![CDATA[", size, OFX_V2_HEADER)),
    # dateutil's parser slows down with the length of the date
    "qif_long_date": (
        "hostile.qif",
        lambda size: _fill(b"1 ", size, b"!Type:Bank\nD", b"\nT1\n^\n"),
    ),
    "qif_long_amount": ("hostile.qif", lambda size: _fill(b"9", size, b"!Type:Bank\nD1/2/24\nT")),
    "qif_long_payee": (
        "hostile.qif",
        lambda size: _fill(b"a", size, b"!Type:Bank\nD1/2/24\nT1\nP"),
    ),
    "qif_many_short_lines": ("hostile.qif", lambda size: _fill(b"D1\n", size, b"!Type:Bank\n")),
    "csv_one_long_line": ("hostile.csv", lambda size: _fill(b"a,", size)),
    "csv_open_quote": ("hostile.csv", lambda size: _fill(b"a", size, b'Date,Amount\n"')),
    "csv_quotes": ("hostile.csv", lambda size: _fill(b'"', size, b"Date,Amount\n")),
    "csv_many_cells": ("hostile.csv", _csv_many_cells),
    "csv_huge_field": (
        "hostile.csv",
        lambda size: _fill(b"a", size, b"Date,Amount,Description\n2024-01-02,1.00,", b"\n"),
    ),
}

# Backup files (JSON) for the restore form.
BACKUP_SHAPES = {
    "json_nested_lists": lambda size: b"[" * size,
    "json_nested_objects": lambda size: _fill(b'{"a":', size),
    "json_long_string": lambda size: _fill(b"a", size, b'{"format": "', b'"}'),
}
