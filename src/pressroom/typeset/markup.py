"""Line markup: set lines in, the HTML the templates place out.

Each line is a span with the letter-spacing that makes it reach the column edge,
displayed as a block of its own (paragraphs) or joined by <br> (display text). Inside a line, gaps between Han and Latin, halved marks
and the joined dash get small spans of their own (classes in base.css.j2); Latin words
whose language the caller knows get a span with `lang` (tagged PDF reads it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from .lines import Line, Token


SIDE_BEARING_DASH = {"song", "song-bold", "hei"}  # faces whose dash needs joining


def render_line(line: Line, base_face: str, size_pt: float, latin: str | None = None) -> str:
    """HTML for one line: letter-spacing on the line, none inside Latin words.

    With `latin` (a language tag such as 'en'), each run of Latin words is a span
    with that `lang`: its structure element tells a screen reader the language.
    """
    segments: list[tuple[str | None, list]] = []  # (lang, pieces)
    last = len(line.tokens) - 1
    words = latin_words(line.tokens) if latin else set()
    for i, token in enumerate(line.tokens):
        if i and line.gaps[i - 1]:
            segments.append((None, [(None, '<span class="g"></span>')]))
        lang = latin if i in words else None
        if not segments or segments[-1][0] != lang:
            segments.append((lang, []))
        halve = token.halved if i < last else line.halve_end
        segments[-1][1].append(_render_token(token, base_face, halve=halve, last=i == last))
    spacing = round(line.spacing * size_pt, 4)
    style = f' style="letter-spacing:{spacing}pt"' if spacing else ""
    gap = f'<span class="sp" style="width:{spacing}pt"></span>' if spacing else ""
    body = "".join(f'<span lang="{lang}">{_joined(pieces)}</span>' if lang else
                   _joined(pieces) for lang, pieces in segments)
    body = body.replace('<span class="sp"></span>', gap)
    return f'<span class="ln"{style}>{body}</span>'


def latin_words(tokens: list[Token]) -> set[int]:
    """Indexes of the tokens in runs of Latin words: a stretch of Latin tokens and the
    spaces between them (“SIL Open Font License 1.1”) that holds a letter; digits
    alone (“2026”) stay in the surrounding language."""
    out: set[int] = set()
    run: list[int] = []
    for i, token in enumerate([*tokens, None]):
        if token is not None and token.kind in ("latin", "space"):
            run.append(i)
            continue
        while run and tokens[run[-1]].kind == "space":
            run.pop()
        while run and tokens[run[0]].kind == "space":
            run.pop(0)
        if any(c.isascii() and c.isalpha() for j in run for c in tokens[j].text):
            out.update(run)
        run = []
    return out


def _joined(pieces: list[tuple[tuple | None, str]]) -> str:
    """The pieces as HTML, neighbours of the same face in one span: every span is a box
    the renderer lays out, and a bold run-in head is a dozen tokens."""
    out: list[str] = []
    classes, run = None, []

    def flush():
        if run:
            out.append(f'<span class="{" ".join(classes)}">{"".join(run)}</span>' if classes
                       else "".join(run))

    for piece_classes, body in pieces:
        if piece_classes is not None and piece_classes == classes and "h" not in classes:
            run.append(body)
            continue
        flush()
        if piece_classes is None:  # a gap or a dash: a box of its own
            out.append(body)
            classes, run = None, []
        else:
            classes, run = piece_classes, [body]
    flush()
    return "".join(out)


def _render_token(token: Token, base_face: str, halve: bool,
                  last: bool = False) -> tuple[tuple | None, str]:
    """(classes of the span the token needs, its inner HTML); classes None for a dash."""
    if token.text == "——" and token.face in SIDE_BEARING_DASH:
        return None, _render_dash(token, base_face)
    classes = []
    if token.face != base_face:
        classes.append(f"f-{token.face}")
    if halve:
        classes.append("h")
    if token.break_after and not last:
        # Inside an address the renderer drops letter-spacing between two Latin
        # pieces: the piece is set tight and its share of the spacing drawn as a box.
        body = f'<span class="nl">{escape(token.text)}</span><span class="sp"></span>'
    elif len(token.clusters) > 1 and token.kind != "space":
        # Spacing follows each cluster: keep it inside the word out.
        inner = "".join(token.clusters[:-1])
        body = f'<span class="nl">{escape(inner)}</span>{escape(token.clusters[-1])}'
    else:
        body = escape(token.text)
    return tuple(classes), body


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

    def html(self, base_face: str, size_pt: float, latin: str | None = None) -> str:
        # One block per line (.set > .ln in base.css.j2): the renderer lays out a line
        # that already fits without searching for breaks, far faster than <br>-joined
        # spans; orphans and widows are kept by break-after/break-before on them.
        return "".join(render_line(line, base_face, size_pt, latin) for line in self.lines)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


def display_html(lines: list[Line], base_face: str) -> str:
    """Display lines (display.py) as HTML, one span each, joined with <br>; the element
    must be `white-space: nowrap` (.display) so the renderer never breaks them again."""
    return "<br>".join(render_line(line, base_face, 0.0) for line in lines)


def spaced_html(text: str) -> str:
    """A letter-spaced line (`letter-spacing` on its element) that spaces Han characters
    only.

    A run of digits or Latin letters is kept tight (`.nl`, letter-spacing 0, around all
    but its last character) and spaced from its neighbours as one unit; —— and …… stay
    one unbroken rule / one even ellipsis; the last character carries no trailing
    spacing, so a centred line centres on its ink; a space becomes a 1-em gap (U+3000).
    """
    runs: list[list] = []  # [text, kind]: 'tight' runs are spaced as one unit
    for char in "\u3000".join(text.split()):
        tight = char.isascii() or char in "—…"
        if runs and tight and runs[-1][1] == "tight" and \
                (char.isascii() == runs[-1][0][-1].isascii()):
            runs[-1][0] += char
        else:
            runs.append([char, "tight" if tight else "han"])
    parts = []
    for index, (run, _) in enumerate(runs):
        last = index == len(runs) - 1
        if run.startswith("——") and run.count("—") == len(run):
            parts.append(_spaced_dashes(run, last))
        elif last:
            parts.append(f'<span class="nl">{escape(run)}</span>')
        elif len(run) > 1:
            parts.append(f'<span class="nl">{escape(run[:-1])}</span>{escape(run[-1])}')
        else:
            parts.append(escape(run))
    return "".join(parts)


def _spaced_dashes(run: str, last: bool) -> str:
    pairs = [run[i:i + 2] for i in range(0, len(run), 2)]
    html = "".join('<span class="dash"><span class="nl d1">—</span>'
                   f'<span class="d2{" nl" if last and k == len(pairs) - 1 else ""}">—</span>'
                   '</span>' for k, _ in enumerate(pairs))
    return html


def spread_html(label: str, width_em: int) -> str:
    """A label spread over `width_em` em (分散对齐: 书　　名, 编　者): letter-spacing
    between its characters, none after the last."""
    n = len(label)
    if n < 2 or n >= width_em:
        return escape(label)
    spacing = round((width_em - n) / (n - 1), 4)
    return (f'<span style="letter-spacing:{spacing}em">{escape(label[:-1])}</span>'
            f'{escape(label[-1])}')
