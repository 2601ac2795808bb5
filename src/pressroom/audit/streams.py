"""Text streams: a manuscript or a source as received in, its printed characters, normalised, each with the file offset it came from, out.

The manuscript loses the Markdown the format adds (## / ###, label:/byline: keys,
**, figure syntax with its image path, front-matter keys; the values stay: they
came from the source); both sides get the mechanical normalisation of
text/normalise.py. Each stream also keeps its printed text before normalisation
(`printed`: the file's text without the markup), which is what a record quotes:
a record anchors on what the paper prints, so adding an image path or making a
run-in head bold moves no record.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..exceptions import AuditError, Problem
from ..project.manuscript import ARTICLE_FIELDS, FIGURE
from ..project.yamlfile import parse_yaml
from ..text.chars import QUOTE_FOLD
from ..text.decode import decode_utf8
from ..text.normalise import normalise


# Front-matter values that are the article's text, compared with the source. The others
# are not: slug, source and corrections are files, and publication, date and page say where
# the article was first printed. An editor supplies them from the paper (review.md asks
# for them) or import reads them from the source's header line, whose record says so; in
# neither case are they text the source has to hold.
TEXT_KEYS = {"kicker", "title", "subtitle", "lead", "byline", "author", "editor", "photo_note"}
PROVENANCE_KEYS = ("publication", "date", "page")


@dataclass
class Piece:
    """One stretch of printed text in a file, each character with its offset in the file."""

    kind: str
    chars: list[str]
    offsets: list[int]

    @property
    def text(self) -> str:
        return "".join(self.chars)


QUOTE_FORMS = set(QUOTE_FOLD) | set(QUOTE_FOLD.values())


@dataclass
class Stream:
    """A file's text after normalisation, with the offset each character came from."""

    path: Path
    raw: str
    text: str
    offsets: list[int]
    line_starts: list[int] = field(default_factory=list)
    pieces: list[int] = field(default_factory=list)  # the piece each character is printed in
    kinds: list[str] = field(default_factory=list)  # the kind of each piece
    printed: str = ""  # the printed text before normalisation (markup left out)
    printed_offsets: list[int] = field(default_factory=list)  # file offset of each
    at: list[int] = field(default_factory=list)  # index in `printed` of each text character

    def __post_init__(self):
        self.line_starts = [0] + [i + 1 for i, c in enumerate(self.raw) if c == "\n"]

    def line_at(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def line(self, index: int) -> int:
        """Line of the stream character at `index` (the last one when past the end)."""
        if not self.offsets:
            return 1
        return self.line_at(self.offsets[min(index, len(self.offsets) - 1)])

    def shown(self, start: int, end: int) -> str:
        """text[start:end] as an editor should read it: quotation marks as in the file
        (the normalisation folds them all to one form)."""
        return "".join(self.raw[self.offsets[k]] if self.text[k] in QUOTE_FORMS and
                       self.raw[self.offsets[k]] in QUOTE_FORMS else self.text[k]
                       for k in range(start, min(end, len(self.text))))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Stream indexes of the characters that come from raw[start:end]."""
        return (bisect.bisect_left(self.offsets, start), bisect.bisect_left(self.offsets, end))

    def printed_span(self, start: int, end: int) -> tuple[int, int]:
        """Stream indexes of the characters that come from printed[start:end]."""
        return (bisect.bisect_left(self.at, start), bisect.bisect_left(self.at, end))

    def quoted(self, start: int, end: int) -> str:
        """The printed text of stream characters start:end, as the file writes it (its
        spaces, line breaks and quotation marks) without markup: what a record quotes."""
        if end <= start:
            return ""
        return self.printed[self.at[start]:self.at[end - 1] + 1]

    def kind(self, index: int) -> str:
        """The kind of piece (paragraph, lead, caption …) stream character `index` is in."""
        piece = self.pieces[index] if 0 <= index < len(self.pieces) else -1
        return self.kinds[piece] if 0 <= piece < len(self.kinds) else ""


def read_text(path: Path) -> str:
    try:
        return decode_utf8(path.read_bytes(), path)
    except FileNotFoundError:
        raise AuditError(Problem("file not found", path, rule="file-missing")) from None


def _line_chars(lines: list[str], starts: list[int], first: int, last: int) -> Piece:
    chars, offsets = [], []
    for k in range(first, last):
        if k > first:
            chars.append("\n")
            offsets.append(starts[k] - 1)
        chars += list(lines[k])
        offsets += range(starts[k], starts[k] + len(lines[k]))
    return Piece("text", chars, offsets)


def _sub(piece: Piece, start: int, end: int, kind: str) -> Piece:
    return Piece(kind, piece.chars[start:end], piece.offsets[start:end])


def front_matter(raw: str, path: Path) -> tuple[dict, yaml.Node | None, int, int]:
    """Values, node, offset of the YAML text and index of the first body line."""
    lines = raw.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, None, 0, 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise AuditError(Problem("front matter is not closed by a '---' line", path, 1,
                                 "add a line '---' after the last key", rule="front-matter"))
    start = len(lines[0]) + 1
    text = "\n".join(lines[1:end])
    data, node = parse_yaml(text, path, line_offset=1, keys=ARTICLE_FIELDS)
    return (data if isinstance(data, dict) else {}), node, start, end + 1


def _scalar_piece(kind: str, value: yaml.ScalarNode, raw: str, base: int) -> Piece:
    """Characters of a YAML scalar, each matched to its place in the raw file.

    The match is greedy: escapes ("\\u3000") and folded lines keep the offset of the
    nearest character that was found, which is precise enough for line numbers.
    """
    start, end = base + value.start_mark.index, base + value.end_mark.index
    chars, offsets, pos = [], [], start
    for char in value.value:
        if char.isspace():  # a space stands where it is; a folded line break may not
            found = pos if pos < end and raw[pos].isspace() else -1
        else:
            found = raw.find(char, pos, end)
        if found != -1:
            pos = found + 1
        offsets.append(found if found != -1 else max(pos - 1, start))
        chars.append(char)
    return Piece(kind, chars, offsets)


def split_paragraphs(piece: Piece) -> list[Piece]:
    """Split a multi-paragraph value (lead) at blank lines."""
    text, parts, begin = piece.text, [], 0
    for match in re.finditer(r"\n[ \t\u3000]*\n\s*", text):
        parts.append(_sub(piece, begin, match.start(), piece.kind))
        begin = match.end()
    parts.append(_sub(piece, begin, len(text), piece.kind))
    return [p for p in parts if p.text.strip()]


def manuscript_pieces(raw: str, path: Path) -> list[Piece]:
    """Every printed piece of a manuscript, in file order, markup removed."""
    data, node, base, body = front_matter(raw, path)
    pieces: list[Piece] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) in TEXT_KEYS and isinstance(value, yaml.ScalarNode):
                piece = _scalar_piece(key.value, value, raw, base)
                pieces += split_paragraphs(piece) if key.value == "lead" else [piece]
    lines = raw.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    k = body
    while k < len(lines):
        if not lines[k].strip():
            k += 1
            continue
        end = k
        while end < len(lines) and lines[end].strip():
            end += 1
        pieces += block_pieces(_line_chars(lines, starts, k, end))
        k = end
    return pieces


def block_pieces(chunk: Piece) -> list[Piece]:
    """The printed pieces of one body block (lines between blank lines)."""
    text = chunk.text
    lead = len(text) - len(text.lstrip())
    stripped = text[lead:]
    if stripped.startswith("## "):
        first_end = text.find("\n") if "\n" in text else len(text)
        pieces = [_sub(chunk, lead + 3, first_end, "story")]
        for match in re.finditer(r"^\s*(label|byline)\s*:\s?(.*)$", text[first_end:], re.M):
            pieces.append(_sub(chunk, first_end + match.start(2), first_end + match.end(2),
                               match[1]))
        return pieces
    if stripped.startswith("### "):
        return [_sub(chunk, lead + 4, len(text), "subhead")]
    if stripped.startswith("!["):
        match = FIGURE.match(stripped.replace("\n", " "))
        if match:
            return [_sub(chunk, lead + match.start(name), lead + match.end(name), name)
                    for name in ("caption", "credit") if match.start(name) != -1]
    keep = [True] * len(text)
    for match in re.finditer(r"\*\*", text):
        keep[match.start()] = keep[match.start() + 1] = False
    return [Piece("paragraph", [c for c, k in zip(chunk.chars, keep) if k],
                  [o for o, k in zip(chunk.offsets, keep) if k])]


# Markup a record may quote: older records and import quote whole Markdown lines. The
# figure syntax round a caption and a credit (and the image path) is not text, and a
# record is rewritten without it; ** says a run-in head is bold and a field's key says
# where the text went (author: 余冬晖): a record about them keeps them.
FIGURE_SYNTAX = (
    (re.compile(r'\]\(\s*[^\s")]*\s*(?:"([^"]*)")?\s*\)'),  # ](images/a.jpg "credit")
     lambda m: "\n" + m[1] if m[1] else ""),
    (re.compile(r'^\(\s*[^\s")]*\s*"([^"]*)"\s*\)', re.M), lambda m: m[1]),  # ( "credit")
    (re.compile(r"!\["), lambda m: ""),
    (re.compile(r"\](?=\n|$)"), lambda m: ""),  # ![caption] cut short
)
FIELD_KEYS = sorted({"label", "byline", *TEXT_KEYS, *PROVENANCE_KEYS})
KEPT_MARKUP = re.compile(r"\*\*|^\s*(?:#{2,3} +|(?:" + "|".join(FIELD_KEYS) + r")\s*:[ \t]*)",
                         re.M)


def without_markup(snippet: str, figures_only: bool = False) -> str:
    """A manuscript snippet as printed: figure syntax (and the image path) left out, a
    caption and its credit on two lines; unless `figures_only`, **, ## / ### and field
    keys too."""
    bare = snippet
    for pattern, printed in FIGURE_SYNTAX:
        bare = pattern.sub(printed, bare)
    if not figures_only:
        bare = KEPT_MARKUP.sub("", bare)
    if not snippet[:1].isspace():  # no line break where only markup stood (![](  "credit"))
        bare = bare.lstrip("\n")
    return bare if snippet[-1:].isspace() else bare.rstrip("\n")


def quotes_syntax(snippet: str) -> bool:
    """Does a snippet quote figure syntax (and nothing a record keeps: **, a field key)?"""
    return without_markup(snippet, figures_only=True) != snippet and \
        not KEPT_MARKUP.search(snippet)


def make_stream(pieces: list[Piece], raw: str, path: Path) -> Stream:
    """Join pieces and normalise them. Between two pieces stands the file's own
    whitespace (a blank line between paragraphs), or where markup stood its line breaks
    (at least one)."""
    chars: list[str] = []
    offsets: list[int] = []
    owners: list[int] = []
    for number, piece in enumerate(pieces):
        if not piece.chars:
            continue
        if chars:  # the gap belongs to the piece before it
            between = raw[offsets[-1] + 1:piece.offsets[0]]
            if between and not between.strip():
                offsets += range(offsets[-1] + 1, piece.offsets[0])
                chars += between
            else:  # markup between: its line breaks (a blank line), or one
                gap = "\n" * max(1, between.count("\n"))
                offsets += [max(offsets[-1], piece.offsets[0] - 1)] * len(gap)
                chars += gap
            owners += [owners[-1]] * (len(chars) - len(owners))
        chars += piece.chars
        offsets += piece.offsets
        owners += [number] * len(piece.chars)
    text, kept = normalise(chars, list(range(len(chars))))
    stream = Stream(path, raw, text, [offsets[k] for k in kept])
    stream.printed, stream.printed_offsets, stream.at = "".join(chars), offsets, kept
    stream.pieces = [owners[k] for k in kept]
    stream.kinds = [piece.kind for piece in pieces]
    return stream
