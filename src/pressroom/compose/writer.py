"""Writing a PDF: a pypdf writer in, reproducible bytes out (dead objects swept, duplicates merged, a content-derived identifier).

Every PDF pressroom writes passes through `finish`.
"""

from __future__ import annotations

import hashlib
import io

from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, ByteStringObject, DictionaryObject, IndirectObject,
                           NameObject)

from ..exceptions import BuildError, Problem


def finish(writer: PdfWriter) -> bytes:
    """Drop dead objects, merge duplicates, pin the identifier, and serialise."""
    # Sweep before merging: pypdf (7.1) keeps the first of identical objects even when
    # that copy is dead (a page's contents before re-coding) and drops the live one.
    sweep(writer)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=False)
    unique_annotations(writer)
    return write_with_content_id(writer)


def unique_annotations(writer: PdfWriter) -> None:
    """List each annotation of a page once.

    WeasyPrint writes one link annotation per box of a link, and boxes of one line can
    be identical; merging identical objects then leaves one object listed several
    times in /Annots, which PDF readers and validators flag.
    """
    for page in writer.pages:
        annots = page.get("/Annots")
        if annots is None:
            continue
        seen, kept = set(), ArrayObject()
        for ref in annots.get_object():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            if key not in seen:
                seen.add(key)
                kept.append(ref)
        if len(kept) != len(annots.get_object()):
            page[NameObject("/Annots")] = kept


def sweep(writer: PdfWriter) -> None:
    """Forget every object that nothing reachable from the catalog or the info refers to."""
    live: set[int] = set()
    stack = [writer.root_object.indirect_reference]
    if writer._info is not None:
        stack.append(writer._info.indirect_reference)
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.pdf is not writer or item.idnum in live:
                continue
            live.add(item.idnum)
            item = writer._objects[item.idnum - 1]
        if isinstance(item, DictionaryObject):
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    for index in range(len(writer._objects)):
        if index + 1 not in live:
            writer._objects[index] = None


PLACEHOLDER_ID = b"\x00" * 16


def write_with_content_id(writer: PdfWriter) -> bytes:
    """Serialise once; the file identifier is the MD5 of the file as written with a
    placeholder identifier, so the same content always gets the same identifier."""
    writer._ID = ArrayObject([ByteStringObject(PLACEHOLDER_ID)] * 2)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    placeholder = b"<" + PLACEHOLDER_ID.hex().encode() + b">"
    digest = b"<" + hashlib.md5(data, usedforsecurity=False).hexdigest().encode() + b">"
    head, _, trailer = data.rpartition(b"trailer")
    if trailer.count(placeholder) != 2:
        raise BuildError(Problem("could not set the file identifier of the PDF"))
    return head + b"trailer" + trailer.replace(placeholder, digest)
