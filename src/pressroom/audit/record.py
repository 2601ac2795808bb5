"""The corrections record: corrections.yml in, its header and entries (each with the line it stands on) out, with every problem of its form."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..exceptions import AuditError, Problem
from ..project.yamlfile import parse_yaml
from .kinds import KINDS, needs_reason
from .streams import read_text


ENTRY_KEYS = {"kind", "source_line", "manuscript_line", "source", "manuscript", "reason"}


RECORD_KEYS = {"source", "encoding", "sha256", "corrections"}


@dataclass
class Correction:
    """One entry of corrections.yml, and where its two snippets were found."""

    number: int
    line: int
    kind: str
    source_line: int | None
    manuscript_line: int | None
    source: str
    manuscript: str
    reason: str
    s: tuple[int, int] | None = None  # range in the source stream
    m: tuple[int, int] | None = None  # range in the manuscript stream
    lines: dict = field(default_factory=dict)  # side → the line its snippet was found on
    printed: str | None = None  # the manuscript snippet without the markup it quotes


def load_corrections(path: Path) -> tuple[dict, list[Correction], list[Problem]]:
    """The record's header (source, encoding) and entries; problems with entries' lines."""
    where = path
    data, node = parse_yaml(read_text(path), where)
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise AuditError(Problem("a corrections record must be a mapping with 'source' and "
                                 "'corrections'", where, 1, "see docs/manuscript-format.md",
                                 rule="record-format"))
    header = {}
    entries_node = None
    for key, value in node.value:
        name = getattr(key, "value", None)
        if name not in RECORD_KEYS:
            problems.append(Problem(f"unknown key '{name}'", where, key.start_mark.line + 1,
                                    f"known keys: {', '.join(sorted(RECORD_KEYS))}",
                                    rule="record-format"))
        elif name == "corrections":
            entries_node = value
        elif isinstance(value, yaml.ScalarNode):
            header[name] = value.value
    if not isinstance(entries_node, yaml.SequenceNode):
        problems.append(Problem("missing list 'corrections:'", where, 1,
                                "add 'corrections:' followed by '- kind: …' entries",
                                rule="record-format"))
        return header, [], problems
    corrections = []
    for number, item in enumerate(entries_node.value, 1):
        correction, item_problems = read_entry(number, item, where)
        problems += item_problems
        if correction:
            corrections.append(correction)
    return header, corrections, problems


def read_entry(number: int, item: yaml.Node, where: Path) -> tuple[Correction | None, list[Problem]]:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        return None, [Problem(f"correction {number} is not a mapping", where, line,
                              "write '- kind: …' with source_line, manuscript_line, source, "
                              "manuscript and reason", rule="record-format")]
    values: dict[str, str] = {}
    problems = []
    for key, value in item.value:
        name = getattr(key, "value", None)
        if name not in ENTRY_KEYS:
            problems.append(Problem(f"correction {number}: unknown key '{name}'", where,
                                    key.start_mark.line + 1,
                                    f"known keys: {', '.join(sorted(ENTRY_KEYS))}",
                                    rule="record-format"))
        elif isinstance(value, yaml.ScalarNode):
            values[name] = value.value
    kind = values.get("kind", "")
    if kind not in KINDS:
        problems.append(Problem(f"correction {number}: kind '{kind}' is not one of "
                                f"{', '.join(KINDS)}", where, line, rule="record-format"))
    numbers = {}
    for name in ("source_line", "manuscript_line"):  # hints the tool keeps; may be absent
        text = values.get(name, "")
        if text and (not text.isdigit() or int(text) < 1):
            problems.append(Problem(f"correction {number}: {name} must be a line number, not "
                                    f"{text!r}", where, line, "remove it, or run pressroom "
                                    "record to write it", rule="record-format"))
        numbers[name] = int(text) if text.isdigit() and int(text) >= 1 else None
    for name in ("source", "manuscript"):
        if name not in values:
            problems.append(Problem(f"correction {number}: missing '{name}'", where, line,
                                    f"quote the {name}'s text at that spot",
                                    rule="record-format"))
    reason = values.get("reason", "").strip()
    if needs_reason(kind) and (not reason or reason.upper().startswith("TODO")):
        problems.append(Problem(f"correction {number} ({kind}) has no reason written by an "
                                "editor", where, line,
                                f"{kind} corrections need a reason: say why the text was "
                                "changed" + (" (replace the TODO)" if reason else ""),
                                rule="record-reason"))
    if problems and (kind not in KINDS or "source" not in values
                     or "manuscript" not in values):
        return None, problems
    return Correction(number, line, kind, numbers["source_line"], numbers["manuscript_line"],
                      values["source"], values["manuscript"], reason), problems
