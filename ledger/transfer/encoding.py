"""Bytes to text: the first stage of reading a bank file.

UTF-8 (with or without BOM), UTF-16 with a BOM (spreadsheets' "Unicode text") and
legacy single-byte files (Windows-1252, Latin-1), told apart by the BOM, by
UTF-8 decoding, then by charset-normalizer. Pure: no database.
"""

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

MAX_FILE_BYTES = 10 * 1024 * 1024
# The single-byte encodings bank exports use; charset-normalizer picks among them.
LEGACY_ENCODINGS = ["cp1252", "latin_1", "iso8859_15"]
ENCODING_NAMES = {
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8 with BOM",
    "utf_16": "UTF-16",
    "cp1252": "Windows-1252",
    "latin_1": "ISO-8859-1 (Latin-1)",
    "iso8859_15": "ISO-8859-15 (Latin-9)",
    "cp1250": "Windows-1250",
    "cp850": "DOS code page 850",
    "mac_roman": "Mac Roman",
}


class ImportFileError(ValueError):
    """The file cannot be imported at all; the message says why, for the user."""


@dataclass(frozen=True)
class Text:
    text: str
    encoding: str  # a name for people: "UTF-8", "Windows-1252"...


def too_big_message() -> str:
    return f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."


def decode(data: bytes) -> Text:
    """The file's text and the encoding it was written in; ImportFileError when it is no text."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(too_big_message())
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf_16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf_8_sig"
    elif b"\x00" in data:
        raise ImportFileError("This is not a CSV file: it contains binary data.")
    else:
        encoding = _utf8_or_legacy(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not readable text (invalid byte at position {error.start})."
        ) from None
    if "\x00" in text:
        raise ImportFileError("This is not a CSV file: it contains binary data.")
    if not text.strip():
        raise ImportFileError("The file is empty.")
    return Text(text, ENCODING_NAMES.get(encoding, encoding))


def _utf8_or_legacy(data: bytes) -> str:
    try:
        data.decode("utf_8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf_8"
    best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    encoding = best.encoding if best is not None else "latin_1"
    return encoding if encoding in ENCODING_NAMES else "cp1252"
