"""Sources as received: a file's bytes and name in, its text (with LF line ends), the codec, a description for the user and, for a Word file, its paragraphs and photos out.

The one reading shared by import and audit: both see the same text, so line numbers
in a corrections record mean the same thing to both. A file whose content is not
what its name says (a .docx that is text, a .txt that is a ZIP, an old .doc, a PDF) is
refused with what it really is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath

from ..exceptions import IntakeError, Problem
from .decode import decode_source
from .wordfile import WordText, is_word, is_zip, read_word

WORD_SUFFIXES = (".docx",)
SIGNATURES = (
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or other Office binary file",
     "open it in Word and save it as .docx"),
    (b"%PDF", "a PDF", "copy its text into a .txt file, or ask for the Word or text file"),
    (b"{\\rtf", "an RTF document", "open it in Word and save it as .docx"),
)


@dataclass
class SourceText:
    """A source as received, read."""

    text: str
    codec: str  # utf-8, utf-8-sig, utf-16, gb18030 …; "docx" for a Word file
    description: str
    word: WordText | None = None


def read_source(data: bytes, name: Path | str, encoding: str | None = None) -> SourceText:
    """The text of a source file as received, by its content, checked against its name."""
    suffix = PurePath(str(name)).suffix.lower()
    for signature, what, hint in SIGNATURES:
        if data.startswith(signature):
            raise IntakeError(Problem(f"this file is {what}, not a text or Word (.docx) "
                                      "file", name, None, hint))
    if suffix in WORD_SUFFIXES:
        if not is_word(data):
            what = "a ZIP archive that holds no Word document" if is_zip(data) else "plain text"
            raise IntakeError(Problem(f"named .docx but its content is {what}", name, None,
                                      "rename it to .txt if it is text, or save it from Word "
                                      "as .docx"))
        word = read_word(data, name)
        if not word.text.strip():
            raise IntakeError(Problem("the Word document has no text", name, None,
                                      "check the file"))
        return SourceText(word.text, "docx", "Word document (.docx)", word)
    if is_zip(data):
        what = "a Word document (.docx)" if is_word(data) else "a ZIP archive"
        hint = "rename it to end in .docx" if is_word(data) else \
            "unpack it and import the article file inside"
        raise IntakeError(Problem(f"named {suffix or 'without an extension'} but its content "
                                  f"is {what}", name, None, hint))
    text, codec, description = decode_source(data, encoding, name)
    return SourceText(text, codec, description)
