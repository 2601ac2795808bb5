"""Inline text of a paragraph (body or lead): its numbered lines in, spans (bold or not) and the problems of its markup out.

The format (docs/manuscript-format.md) has one inline markup, `**…**` (bold, for a
run-in head), read by Python-Markdown reduced to it; every other character prints as
written, nothing is dropped. Markdown an
editor may write expecting it to do something (lists, italics, code, block quotes,
links, HTML) is named with how to write it instead, one row of MARKUP each: an error
where the characters printed as written would be wrong on the page, a warning where
they may be meant (*ST公司 is a stock name, not italics).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..exceptions import Problem
from ..text.chars import is_cjk

BOLD = "**"


@dataclass
class Span:
    """Inline text; `strong` for bold (run-in heads)."""

    text: str
    strong: bool = False


@dataclass(frozen=True)
class Markup:
    """Markdown the format does not have: the lines it is looked for in (`any` line of a
    paragraph, or only `later` ones: the first line may start with it), what is said and
    what to write instead, and a body that has it next to one that does not (the tests)."""

    rule: str
    pattern: str
    where: str
    severity: str
    message: str  # {0}: the text found
    hint: str
    has: str
    lacks: str


MARKUP = (
    Markup("raw-html", r"<\s*[A-Za-z!/?]", "any", "error",
           "HTML tags are not allowed in manuscripts",
           "write plain text; use **…** for a run-in head",
           "正文<b>加粗</b>。", "数量<5，比例>3。"),
    Markup("html-entity", r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", "any",
           "error", "HTML character reference '{0}' in text",
           "write the character itself (&amp; → &, &nbsp; → nothing or a space)",
           "工行&amp;银保监局。", "工行&银保监局。"),
    Markup("inline-image", r"!\[[^\]]*\]\(\s*<?(?P<address>[^\s)>]*)", "any", "error",
           "image {address!r} inside running text; nothing was loaded",
           'a figure stands in a paragraph of its own: ![caption](images/file.jpg "credit")',
           "文字![图](images/1.jpg)文字。", "文字[图1]文字。"),
    Markup("link", r"\[[^\]]*\]\(\s*<?(?P<address>[^\s)>]*)", "any", "error",
           "link to {address!r}: links are not printed",
           "write the words without [ ](…); put an address in the text if it matters",
           "详见[官网](https://example.com)。", "详见官网（www.icbc.com.cn）。"),
    Markup("link", r"^\[[^\]]+\]:\s*(?P<address>\S+)", "any", "error",
           "link to {address!r}: links are not printed",
           "write the words without [ ](…); put an address in the text if it matters",
           "[官网]: https://example.com", "[1] 见官网。"),
    Markup("rule-line", r"^([-*_=])[ \t]*(?:\1[ \t]*){2,}$", "any", "error",
           "a line of '{0}' is a Markdown rule or heading underline, not text",
           "remove it; to print a section break, write its characters, such as ＊　＊　＊",
           "上一节完。\n\n---", "上一节完。\n\n＊　＊　＊"),
    Markup("bullet-list", r"^(?P<mark>[-*+])[ \t]+\S", "any", "error",
           "'{mark} ' starts a Markdown list item; the format has no lists",
           "write each item as a paragraph of its own (a blank line between), starting with "
           "the mark to print: ● 第一项 or 1.第一项",
           "- 列表项一\n- 列表项二", "● 列表项一\n\n● 列表项二"),
    Markup("numbered-item", r"^\d{1,3}[.．、)）](?!\d)", "later", "error",
           "numbered item '{0}' starts a line inside a paragraph; the lines would run "
           "together as one paragraph",
           "leave a blank line before it: each item is a paragraph of its own, its number "
           "printed as written",
           "1.第一条。\n2.第二条。", "1.第一条。\n\n2.第二条。"),
    Markup("heading-in-paragraph", r"^(?P<marks>#{1,6})[ \t]", "later", "error",
           "heading '{marks} …' inside a paragraph",
           "leave a blank line before it (## for a story, ### for a subhead)",
           "正文。\n### 小标题", "正文。\n\n### 小标题"),
    Markup("block-quote", r"^>", "any", "error",
           "'>' starts a Markdown block quote; the format has none",
           "remove '>': a quotation is an ordinary paragraph, in “ ”",
           "> 引文。", "“引文。”"),
    Markup("bold-italic", r"\*{3,}", "any", "error",
           "'{0}' is Markdown bold italics; Chinese text is not set in italics",
           "write **…** for bold", "***粗斜***正文。", "**粗体**正文。"),
    Markup("code", r"`", "any", "error",
           "backquote '`' (Markdown code) in text",
           "remove it; quote a term with “ ”", "输入`代码`即可。", "输入“代码”即可。"),
    Markup("emphasis", r"(?<!\*)\*(?![\s*])[^*\n]*?[^\s*]\*(?!\*)"
                       r"|(?<![A-Za-z0-9_])_(?![\s_])[^_\n]*?[^\s_]_(?![A-Za-z0-9_])",
           "any", "warning",
           "'{0}' looks like Markdown italics; the marks print as written",
           "remove them if they are not meant to print: Chinese text is not set in italics, "
           "and bold is **…**", "这是*强调*的话。", "*号与a_b_c照印。"),
    Markup("escape", r"\\[!-/:-@\[-`{-~]", "any", "warning",
           "backslash escape '{0}' prints as written, backslash and all",
           "remove the backslash: apart from **…**, text prints as written",
           r"价格\*优惠。", "价格*优惠。"),
)


def parse_inline(lines: list[tuple[int, str]],
                 path: Path) -> tuple[list[Span], list[Problem]]:
    """A paragraph's (line number, text) lines as spans, joined as join_lines joins them,
    and every problem of its markup (errors and warnings), each at its own line."""
    problems = markup_problems(lines, path)
    text = unicodedata.normalize("NFC", join_lines([line for _, line in lines]))
    parts = text.split(BOLD)
    if len(parts) % 2 == 0:  # an odd number of **: the last one opens bold nothing closes
        if not any(p.severity == "error" for p in problems):
            number, line = next((n, t) for n, t in reversed(lines) if BOLD in t)
            problems.append(Problem("'**' opens bold that is not closed", path, number,
                                    "close the run-in head: **助企纾困不断档。**工行……",
                                    line, rule="unclosed-bold"))
        return [], problems
    if len(parts) == 1:  # no markup at all: most Chinese paragraphs
        return [Span(text)], problems
    return strong_spans(text), problems


def strong_spans(text: str) -> list[Span]:
    """Text with **…** as spans, read by Python-Markdown reduced to the format."""
    parser = _StrongParser()
    parser.feed(_markdown().reset().convert(text))
    parser.close()
    return [span for span in parser.spans if span.text]


_MD: list = []  # one converter, made the first time a paragraph has **


def _markdown():
    """Python-Markdown with every block and inline rule removed but the paragraph and
    strong (**…**): whatever else Markdown would read as markup (lists, emphasis,
    escapes, entities, links) stays text, printed as written; MARKUP names it."""
    if not _MD:
        import markdown
        from markdown.inlinepatterns import SimpleTagInlineProcessor
        md = markdown.Markdown(output_format="html")
        for registry, keep in ((md.parser.blockprocessors, {"paragraph"}),
                               (md.inlinePatterns, set()), (md.preprocessors, set())):
            for name in [item.name for item in registry._priority if item.name not in keep]:
                registry.deregister(name)
        md.inlinePatterns.register(SimpleTagInlineProcessor(STRONG, "strong"), "strong", 60)
        _MD.append(md)
    return _MD[0]


STRONG = r"(\*{2})(.+?)\1"


class _StrongParser(HTMLParser):
    """Markdown's HTML for one paragraph → spans, bold where <strong> is open."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.spans: list[Span] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "strong"

    def handle_endtag(self, tag):
        self.depth -= tag == "strong"

    def handle_data(self, data):
        strong = self.depth > 0
        if self.spans and self.spans[-1].strong == strong:
            self.spans[-1].text += data
        else:
            self.spans.append(Span(data, strong))


def markup_problems(lines: list[tuple[int, str]], path: Path) -> list[Problem]:
    """Each line's first piece of Markdown the format does not have, as a Problem."""
    problems = []
    for k, (number, raw) in enumerate(lines):
        line = raw.strip()
        for markup in MARKUP:
            if markup.where == "later" and not k:
                continue
            match = re.search(markup.pattern, line, re.M)
            if match:
                problems.append(Problem(markup.message.format(match[0], **match.groupdict()),
                                        path, number, markup.hint, raw, markup.severity,
                                        markup.rule))
                break
    return problems


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: no space between CJK characters, one between Latin words."""
    text = ""
    for line in lines:
        line = line.strip()
        if text and line and not (is_cjk(text[-1]) or is_cjk(line[0])):
            text += " "
        text += line
    return text
