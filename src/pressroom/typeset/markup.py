"""Line markup: set lines in, the HTML the templates place out.

Each line is a span with the letter-spacing that makes it reach the column edge;
lines are joined by <br>. Inside a line, gaps between Han and Latin, halved marks
and the joined dash get small spans of their own (classes in base.css.j2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from .lines import Line, Token


SIDE_BEARING_DASH = {"song", "song-bold", "hei"}  # faces whose dash needs joining


def render_line(line: Line, base_face: str, size_pt: float) -> str:
    """HTML for one line: letter-spacing on the line, none inside Latin words."""
    parts = []
    last = len(line.tokens) - 1
    for i, token in enumerate(line.tokens):
        if i and line.gaps[i - 1]:
            parts.append('<span class="g"></span>')
        parts.append(_render_token(token, base_face, halve=token.halved and i < last))
    spacing = round(line.spacing * size_pt, 4)
    style = f' style="letter-spacing:{spacing}pt"' if spacing else ""
    return f'<span class="ln"{style}>{"".join(parts)}</span>'


def _render_token(token: Token, base_face: str, halve: bool) -> str:
    if token.text == "——" and token.face in SIDE_BEARING_DASH:
        return _render_dash(token, base_face)
    classes = []
    if token.face != base_face:
        classes.append(f"f-{token.face}")
    if halve:
        classes.append("h")
    if len(token.clusters) > 1 and token.kind != "space":
        # Spacing follows each cluster: keep it inside the word out.
        inner = "".join(token.clusters[:-1])
        body = f'<span class="nl">{escape(inner)}</span>{escape(token.clusters[-1])}'
    else:
        body = escape(token.text)
    if classes:
        return f'<span class="{" ".join(classes)}">{body}</span>'
    return body


def _render_dash(token: Token, base_face: str) -> str:
    """Two 1-em dashes drawn as one continuous 2-em line (破折号).

    Noto's full-width dash has side bearings, so two in a row show a gap; the first
    is moved under the second (see .dash in base.css.j2). The ligature glyph that
    would do this has no cmap entry and would copy out as garbage.
    """
    face = f" f-{token.face}" if token.face != base_face else ""
    return (f'<span class="dash{face}"><span class="nl d1">—</span>'
            f'<span class="d2">—</span></span>')


@dataclass
class SetParagraph:
    """A paragraph set into lines, ready for the template."""

    lines: list[Line] = field(default_factory=list)

    def html(self, base_face: str, size_pt: float) -> str:
        return "<br>".join(render_line(line, base_face, size_pt) for line in self.lines)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)
