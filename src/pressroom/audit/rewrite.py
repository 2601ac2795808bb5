"""Rewriting a corrections record: the record file, the changes `record` found and the line each kept entry stands on in, the new file's text out (order and comments kept).

The file is edited as YAML in place (ruamel.yaml's round trip), so an editor's
comments and the order of entries stay; new entries go where their source text
is, line numbers are rewritten from where each snippet was found, a manuscript
snippet that quotes markup (figure syntax, **, field keys: records written before
records quoted printed text only) is rewritten as the printed text it stands for,
records that no longer fit are dropped, and the source's SHA-256 is stated in the
header.
"""

from __future__ import annotations

import io
import re

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .changes import Changes, Entry
from .record import Correction

QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"')
INVISIBLE = {"\u3000": "\\u3000", "\u00a0": "\\u00a0", "\u200b": "\\u200b"}


def rewritten(text: str, changes: Changes, source_sha256: str) -> str:
    """The record's text with the changes applied."""
    yaml = _yaml(text)
    data = yaml.load(text)
    entries = data["corrections"]
    items = list(entries)  # item n - 1 is correction n
    stale = {c.number for c in changes.stale}
    for correction in changes.comparison.corrections:
        if correction.number not in stale:
            _set_lines(items[correction.number - 1], correction, changes)
    for number in sorted(stale, reverse=True):
        del entries[number - 1]
    for entry in changes.new:
        entries.insert(_position(entries, entry), _item(entry))
    if "sha256" not in data:
        data.insert(list(data).index("corrections"), "sha256", source_sha256)
    else:
        data["sha256"] = source_sha256
    out = io.StringIO()
    yaml.dump(data, out)
    return _escape_invisible(out.getvalue())


def _yaml(text: str) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long snippet
    found = re.search(r"^( *)- ", text, re.M)
    offset = len(found.group(1)) if found else 0
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def _set_lines(item: CommentedMap, correction: Correction, changes: Changes) -> None:
    """source_line and manuscript_line where the snippets are now (the tool keeps them);
    the manuscript snippet as printed text."""
    lines = {"source_line": correction.lines["source"],
             "manuscript_line": correction.lines["manuscript"]}
    for position, (key, value) in enumerate(lines.items(), 1):
        if value is None:  # text removed: it stands on no manuscript line
            item.pop(key, None)
        elif key in item:
            item[key] = value
        else:
            item.insert(position, key, value)
    if correction.printed is not None:
        item["manuscript"] = DoubleQuotedScalarString(correction.printed)


def _item(entry: Entry) -> CommentedMap:
    item = CommentedMap()
    item["kind"] = entry.kind
    item["source_line"] = entry.source_line
    if entry.manuscript:
        item["manuscript_line"] = entry.manuscript_line
    item["source"] = DoubleQuotedScalarString(entry.source)
    item["manuscript"] = DoubleQuotedScalarString(entry.manuscript)
    if entry.reason:
        item["reason"] = DoubleQuotedScalarString(entry.reason)
    return item


def _position(entries, entry: Entry) -> int:
    """After the last entry that starts at or before the new one in the source."""
    position = 0
    for index, item in enumerate(entries):
        if int(item.get("source_line") or 0) <= entry.source_line:
            position = index + 1
    return position


def _escape_invisible(text: str) -> str:
    """Characters an editor cannot see written as escapes inside double-quoted strings."""
    def escape(match: re.Match) -> str:
        quoted = match.group(0)
        for char, escaped in INVISIBLE.items():
            quoted = quoted.replace(char, escaped)
        return quoted
    return QUOTED.sub(escape, text)
