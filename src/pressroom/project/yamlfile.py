"""YAML files the editors write: text in, values with the line of each key, checked against a field table, out.

Syntax errors point at the line (and the bracket or quote left open); every
problem of a file is collected before anything is reported.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..exceptions import ConfigError, Problem

DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Field:
    kind: type | tuple[type, ...]
    required: bool = False
    default: Any = None
    check: Any = None  # callable(value) -> error message or None


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


def parse_yaml(text: str, path: Path, line_offset: int = 0) -> tuple[Any, yaml.Node | None]:
    """Parse YAML, turning syntax errors into a located ConfigError."""
    node = None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (ValueError, OverflowError) as exc:  # a timestamp the calendar refuses: 2026-02-30
        line = _impossible_date_line(node)
        raise ConfigError(Problem(f"impossible date: {exc}", path,
                                  line + line_offset if line else None,
                                  "write a real date as YYYY-MM-DD, or quote the value",
                                  rule="bad-date")) from None
    except yaml.YAMLError as exc:
        raise ConfigError(syntax_problem(exc, text, path, line_offset)) from None
    return data, node


# `editor：陈静`: a key followed by a full-width colon (an IME left on) is no key at all.
FULL_WIDTH_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*([：﹕])")


def syntax_problem(exc: yaml.YAMLError, text: str, path: Path, line_offset: int) -> Problem:
    """A YAML syntax error located at the line that holds the mistake, named when known.

    PyYAML reports some mistakes on the line after them: a line that is neither
    `key: value` nor indented under the key above is only found out when the next line
    starts; the line where that "simple key" began is the one to fix.
    """
    mark = getattr(exc, "problem_mark", None)
    reason = getattr(exc, "problem", None) or str(exc)
    context, context_mark = getattr(exc, "context", None) or "", getattr(exc, "context_mark", None)
    hint = "check indentation, colons and quotes"
    if context in UNCLOSED and context_mark:
        mark = context_mark  # where the editor opened what was never closed
        reason += f": the {UNCLOSED[context]} that starts here is not closed"
    elif context == "while scanning a simple key" and context_mark:
        mark = context_mark
        reason, hint = _simple_key_mistake(text.splitlines()[mark.line])
    lines = text.splitlines()
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


def _impossible_date_line(node) -> int | None:
    """1-based line of the first timestamp scalar YAML cannot turn into a date."""
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
        try:
            yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return node.start_mark.line + 1
    children = node.value if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) else []
    for child in children:
        for item in child if isinstance(child, tuple) else (child,):
            line = _impossible_date_line(item)
            if line:
                return line
    return None


def validate(data: Any, fields: dict[str, Field], path: Path, node, line_offset: int = 0,
             what: str = "key") -> tuple[dict[str, Any], list[Problem]]:
    """Check a mapping against a field table; return values and every problem found."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return {}, [Problem("expected a mapping of key: value lines", path, line_offset + 1,
                            rule="not-a-mapping")]
    lines = {k: v + line_offset for k, v in key_lines(node).items()}
    values: dict[str, Any] = {}
    suggested = set()  # a misspelt required key is reported once, as unknown
    for key, value in data.items():
        if key not in fields:
            close = difflib.get_close_matches(str(key), fields, n=1)
            suggested.update(close)
            hint = f"did you mean '{close[0]}'?" if close else \
                f"known {what}s: {', '.join(fields)}"
            problems.append(Problem(f"unknown {what} '{key}'", path, lines.get(key), hint,
                                    rule="unknown-key"))
            continue
        spec = fields[key]
        if value is None and not spec.required:
            continue
        if isinstance(value, bool) or not isinstance(value, spec.kind):
            expected = spec.kind.__name__ if isinstance(spec.kind, type) else \
                " or ".join(t.__name__ for t in spec.kind)
            problems.append(Problem(f"'{key}' must be a {expected}, not "
                                    f"{type(value).__name__}", path, lines.get(key),
                                    rule="wrong-type"))
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


def parse_date(value: Any, path: Path, line: int | None) -> tuple[Any, Problem | None]:
    if isinstance(value, dt.datetime):  # a time of day is not printed
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if not DATE.match(str(value)):
        return None, Problem(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", path, line,
                             rule="bad-date")
    return str(value), None
