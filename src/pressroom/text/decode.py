"""Decoding: file bytes in, text with LF line ends out, or an error that names the bad byte's line.

Manuscripts and corrections records are UTF-8 (a BOM is allowed) and are refused
otherwise; raw sources as received are detected (UTF-8 with or without BOM, UTF-16
with BOM, GB18030, the superset of GBK and GB2312) or decoded as the user says.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..exceptions import IntakeError, ManuscriptError, Problem


def decode_utf8(data: bytes, path: Path) -> str:
    """UTF-8 text with BOM and CRLF removed; other encodings are refused with the spot."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = "GB18030" if _decodes(data, "gb18030") else None
        hint = (f"the file looks like {guess}; convert it to UTF-8 "
                f"(e.g. iconv -f {guess} -t UTF-8)" if guess else "save the file as UTF-8")
        raise ManuscriptError(Problem(f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                                      path, _line(data, exc.start), hint,
                                      rule="encoding")) from None
    return unix_lines(text)


def decode_source(data: bytes, encoding: str | None = None,
                  path: Path | str | None = None) -> tuple[str, str, str]:
    """Text with LF line ends, the codec used and a description for the user.

    Without `encoding` it detects UTF-8 (with or without BOM), UTF-16 with BOM and
    GB18030 (a superset of GBK and GB2312, the usual encodings of Chinese offices).
    """
    codec = encoding.lower() if encoding else detect(data)
    try:
        codecs.lookup(codec)
    except LookupError:
        raise IntakeError(Problem(f"unknown encoding '{encoding}'", path, None,
                                  "use e.g. utf-8, gb18030, gbk or big5")) from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        hint = "name the right one with --encoding" if encoding else \
            "name the file's encoding with --encoding, or save it as UTF-8"
        raise IntakeError(Problem(f"byte 0x{data[exc.start]:02x} is not valid "
                                  f"{codec.upper()}", path, _line(data, exc.start),
                                  hint)) from None
    bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    text = text.removeprefix("\ufeff")
    crlf = "\r\n" in text
    text = unix_lines(text)
    name = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16"}.get(codec, codec.upper())
    description = name + (" with BOM" if bom else "") + (", CRLF line ends" if crlf else "")
    return text, codec, description


def detect(data: bytes) -> str:
    """The codec of a raw source: UTF-16 by its BOM, else UTF-8, else GB18030."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _decodes(data, "utf-8"):
        return "utf-8"
    if _decodes(data, "gb18030"):
        return "gb18030"
    return "utf-8"  # decoding again reports the first bad byte


def unix_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
