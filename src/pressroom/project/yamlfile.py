"""YAML files the editors write: text in, values with the line of each key, checked against a field table, out.

Syntax errors point at the line (and the bracket or quote left open); every
problem of a file is collected before anything is reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..exceptions import ConfigError, Problem
from ..text.suggest import closest, did_you_mean
from ..text.dates import DAY_FORM, ORIGINAL_FORMS, DateError, full_date, original_date



@dataclass(frozen=True)
class Field:
    kind: type | tuple[type, ...]
    required: bool = False
    default: Any = None
    check: Any = None  # callable(value) -> error message or None
    unit: str = ""  # of a number: pt, mm (said in messages; the editor writes the number alone)


# What a kind of value is called in messages to editors.
KIND_WORDS = {str: "text", int: "a whole number", float: "a number", list: "a list",
              dict: "a mapping (indented 'key: value' lines)", dt.date: "a date",
              bool: "yes or no"}


def key_lines(node: yaml.Node) -> dict[str, int]:
    """1-based line of each key of a YAML mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}


def child(node, key: str):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    return None


UNCLOSED = {"while parsing a flow sequence": "[ … ] list",
            "while parsing a flow mapping": "{ … } mapping",
            "while scanning a quoted scalar": "quoted text"}


class _Loader(yaml.SafeLoader):
    """SafeLoader, except that a timestamp no calendar has (2026-02-30) stays text: the
    key's own check then reports it at its line, together with every other problem."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def parse_yaml(text: str, path: Path, line_offset: int = 0,
               keys=()) -> tuple[Any, yaml.Node | None]:
    """Parse YAML, turning syntax errors into a located ConfigError. `keys` are the keys
    the file may hold (at any level), to recognise them in a line YAML could not read."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ConfigError(syntax_problem(exc, text, path, line_offset, keys)) from None
    return data, node


# `editor：陈静`: a key followed by a full-width colon (an IME left on) is no key at all.
FULL_WIDTH_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*([：﹕])")
# `title: 标题`: a line YAML reads as a key and its value (or `layout:` opening a mapping).
KEY_LINE = re.compile(r"^(\s*)([^\s:#'\"\[\]{}-][^:]*?):(?:\s+|$)")
# `subtitle:一年来`: a key glued to its value (no space after the colon), which YAML reads
# as text rather than a key; not an address (https://…).
GLUED_KEY = re.compile(r"^(\s*)([^\s:#'\"\[\]{}-][^\s:]*):(?!//)(\S.*)$")
EXAMPLE_CHARS = 20  # of a value quoted in a hint


def syntax_problem(exc: yaml.YAMLError, text: str, path: Path, line_offset: int,
                   keys=()) -> Problem:
    """A YAML syntax error located at the line that holds the mistake, named when known.

    PyYAML reports some mistakes on the line after them: a line that is neither
    `key: value` nor indented under the key above is only found out when the next line
    starts; the line where that "simple key" began is the one to fix.
    """
    mark = getattr(exc, "problem_mark", None)
    reason = getattr(exc, "problem", None) or str(exc)
    context, context_mark = getattr(exc, "context", None) or "", getattr(exc, "context_mark", None)
    hint = "check indentation, colons and quotes"
    lines = text.splitlines()
    simple_key = context == "while scanning a simple key" and context_mark
    colon = _colon_mistake(lines, context_mark if simple_key else mark, reason, keys,
                           bool(simple_key)) \
        if mark and context not in UNCLOSED else None
    if context in UNCLOSED and context_mark:
        mark = context_mark  # where the editor opened what was never closed
        reason += f": the {UNCLOSED[context]} that starts here is not closed"
    elif colon:
        number, reason, hint = colon
        mark = yaml.Mark("", 0, number, 0, None, None)
    elif simple_key:
        mark = context_mark
        reason, hint = _simple_key_mistake(lines[mark.line])
    src = lines[mark.line] if mark and mark.line < len(lines) else None
    line = mark.line + 1 + line_offset if mark else None
    return Problem(f"invalid YAML: {reason}", path, line, hint, src, rule="yaml-syntax")


def _simple_key_mistake(line: str) -> tuple[str, str]:
    """What is wrong with a line YAML could not read as `key: value`, and the fix."""
    wide = FULL_WIDTH_KEY.match(line)
    if wide:
        key, colon = wide.groups()
        return (f"full-width colon '{colon}' after '{key}'; a key needs the ASCII colon ':'",
                f"write '{key}: {line[wide.end():].strip()}'")
    if line.startswith("\u3000"):
        return ("the line is indented with a full-width space (U+3000)",
                "indent with ordinary spaces")
    return ("this line is neither 'key: value' nor indented under the key above",
            "indent it like the lines above if it continues the value (e.g. a lead "
            "paragraph), or write it as 'key: value'")


def _colon_mistake(lines: list[str], mark, reason: str, keys,
                   simple_key: bool = False) -> tuple[int, str, str] | None:
    """A colon YAML misread, said in plain words with the fix: a key glued to its value
    (`subtitle:一年来`, found on the line of the error or above it, where the text YAML
    took it for began), or a value holding ': ' (`subtitle: 记者: 一年来`), which YAML
    takes for a second key. A word glued to text is taken for a key when it is one of
    `keys`, or when it stands where keys stand: as a line YAML could not read as a key
    (`simple_key`), or level with the key after it. (line index, what, how to fix it)."""
    if mark.line >= len(lines):
        return None
    indent = _indent(lines[mark.line])
    for number in range(mark.line, -1, -1):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        glued = GLUED_KEY.match(line)
        if glued and (glued[2] in keys or simple_key and number == mark.line or
                      _indent(line) == indent and number < mark.line):
            key, value = glued[2], glued[3].strip()
            return number, f"no space after the colon of '{key}'", \
                f"put a space after the colon: '{key}: {_short(value)}'"
        proper = KEY_LINE.match(line)
        if proper and (number < mark.line or proper.end() <= mark.column) or \
                _indent(line) < indent:
            break  # the text YAML misread starts here (or is this line's own value)
    if reason != "mapping values are not allowed here":
        return None
    line = lines[mark.line]
    own = KEY_LINE.match(line)
    if own and own.end() <= mark.column:  # `key: value: more` on one line
        key, value = own[2], line[own.end():].strip()
        return mark.line, _value_colon(key), _quote_hint(key, value)
    word = line[:mark.column].strip()
    if word in keys and own:  # a key indented under the value above
        return mark.line, f"'{word}' is indented more than the key above it, so it reads " \
            "as part of that key's value", "indent it as the keys around it (front matter: " \
            "no indent)"
    owner = next((m for m in (KEY_LINE.match(lines[n]) for n in range(mark.line - 1, -1, -1))
                  if m and len(m[1]) < _indent(line)), None)
    if owner:  # a continuation line of a value holds ': '
        return mark.line, _value_colon(owner[2]), "put the whole value in quotes (\"…\") " \
            "or use a full-width colon ： in it"
    return None


def _value_colon(key: str) -> str:
    return f"the value of '{key}' contains ': ' (a colon and a space), which YAML takes " \
        "for the start of another key"


def _quote_hint(key: str, value: str) -> str:
    """How to write a one-line value holding ': ': quoted, or with a full-width colon."""
    quote = '"' if '"' not in value else "'" if "'" not in value else None
    quoted = f"{key}: {quote}{_short(value)}{quote}" if quote else None
    wide = f"{key}: {_short(re.sub(r':[ ]+', '：', value))}"
    if not quoted:
        return f"put the whole value in quotes or use a full-width colon ： ({wide})"
    return f"put the whole value in quotes ({quoted}) or use a full-width colon ： ({wide})"


def _short(value: str) -> str:
    return value if len(value) <= EXAMPLE_CHARS + 2 else value[:EXAMPLE_CHARS] + "…"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def validate(data: Any, fields: dict[str, Field], path: Path, node, line_offset: int = 0,
             what: str = "key") -> tuple[dict[str, Any], list[Problem]]:
    """Check a mapping against a field table; return values and every problem found."""
    problems: list[Problem] = []
    glued = GLUED_KEY.match(data) if isinstance(data, str) else None
    if glued and glued[2] in fields:  # `subtitle:一年来` alone: YAML reads one text
        return {}, [_glued_problem(glued[2], glued[3], path, line_offset + 1)]
    if not isinstance(data, dict):
        return {}, [Problem("expected a mapping of key: value lines", path, line_offset + 1,
                            rule="not-a-mapping")]
    lines = {k: v + line_offset for k, v in key_lines(node).items()}
    values: dict[str, Any] = {}
    suggested = set()  # a misspelt required key is reported once, as unknown
    for key, value in data.items():
        glued = re.match(r"([^\s:]+):(\S.*)", str(key))
        if key not in fields and glued and glued[1] in fields:  # `subtitle:记者: 一年来`
            problems.append(_glued_problem(glued[1], f"{glued[2]}: {value}", path,
                                           lines.get(key)))
            suggested.add(glued[1])
            continue
        if key not in fields:
            close = closest(key, fields)
            suggested.update([close] if close else [])
            hint = did_you_mean(key, fields) or f"known {what}s: {', '.join(fields)}"
            problems.append(Problem(f"unknown {what} '{key}'", path, lines.get(key), hint,
                                    rule="unknown-key"))
            continue
        spec = fields[key]
        if value is None and not spec.required:
            values[key] = spec.default  # `subtitle:` left empty: as if not written
            continue
        problem = _kind_problem(key, value, spec, path, lines.get(key))
        if problem:
            problems.append(problem)
            continue
        message = spec.check(value) if spec.check else None
        if message:
            problems.append(Problem(message, path, lines.get(key), rule="bad-value"))
            continue
        values[key] = value
    for key, spec in fields.items():
        if key not in data and spec.required and key not in suggested:
            problems.append(Problem(f"missing required {what} '{key}'", path, line_offset + 1 if
                                    line_offset else None, f"add a line '{key}: …'",
                                    rule="missing-key"))
        elif key not in values and key not in data and not spec.required:
            values[key] = spec.default
    return values, problems


def _glued_problem(key: str, value: str, path: Path, line: int | None) -> Problem:
    """A known key glued to its value, which YAML read as one text or as another key."""
    hint = f"put a space after the colon: '{key}: {_short(value.strip())}'"
    if ": " in value:
        hint = f"put a space after the colon, and the value in quotes as it holds ': ' " \
            f"(a colon and a space): '{key}: \"{_short(value.strip())}\"'"
    return Problem(f"no space after the colon of '{key}'", path, line, hint,
                   rule="yaml-syntax")


def _kind_problem(key: str, value: Any, spec: Field, path: Path,
                  line: int | None) -> Problem | None:
    """What is wrong with the kind of a value, said in an editor's words with what to write."""
    if value is None or (spec.required and isinstance(value, str) and not value.strip()):
        return Problem(f"'{key}' is empty", path, line, f"write its value after '{key}:'",
                       rule="empty-value")
    if not isinstance(value, bool) and isinstance(value, spec.kind):
        return None
    kinds = spec.kind if isinstance(spec.kind, tuple) else (spec.kind,)
    if dt.date in kinds:
        expected = "a date"
    elif float in kinds:
        expected = f"a number of {spec.unit}" if spec.unit else "a number"
    else:
        expected = " or ".join(KIND_WORDS.get(kind, kind.__name__) for kind in kinds)
    found = f"the text {value!r}" if isinstance(value, str) else \
        KIND_WORDS.get(type(value), type(value).__name__)
    hint = None
    if float in kinds or int in kinds:
        number = re.match(r"\s*(\d+(?:\.\d+)?)", value) if isinstance(value, str) else None
        example = number[1] if number else \
            f"{spec.default:g}" if isinstance(spec.default, (int, float)) else None
        unit = f" (in {spec.unit}; the number alone, without the unit)" if spec.unit else ""
        hint = f"write {key}: {example}{unit}" if example is not None else None
    elif str in kinds and isinstance(value, (list, dict)):
        hint = "write it on one line as text (put it in quotes if it holds a colon or brackets)"
    return Problem(f"'{key}' must be {expected}, not {found}", path, line, hint,
                   rule="wrong-type")


def parse_date(value: Any, path: Path, line: int | None, written: str | None = None,
               day: bool = False) -> tuple[Any, Problem | None]:
    """An original date (YYYY-MM-DD, YYYY-MM, YYYY) as canonical text, or with `day` a
    booklet's date as a `datetime.date`; checked against the calendar. `written` is the
    value as the editor wrote it (YAML reads 0000 as 0), for the message."""
    try:
        return (full_date(value) if day else original_date(value)), None
    except DateError as exc:
        shown = written if written is not None else str(value)
        forms = DAY_FORM if day else ORIGINAL_FORMS
        return None, Problem(f"date {shown!r} {exc}", path, line,
                             f"write the date as {forms}", rule="bad-date")
