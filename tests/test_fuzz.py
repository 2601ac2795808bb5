"""Fuzzing: random and mutated manuscripts, front matter, booklet descriptions and raw
sources, fed to the parser, `import` (intake), `lint` and the booklet loader.

The only failure allowed is pressroom's own error carrying a message; any other
exception, or a single input taking more than a few seconds, fails the test. Bounded
(max_examples, a per-example alarm) so the whole file runs in seconds in CI.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from pressroom.project.config import load_booklet
from pressroom.exceptions import PressroomError
from pressroom.project.manuscript import ARTICLE_FIELDS, parse_article, read_article
from pressroom.text.decode import decode_utf8
from pressroom.text.sources import read_source

from conftest import ROOT

from pressroom import intake
from pressroom.checks import lint

SECONDS = 5  # per example; the real manuscripts parse in milliseconds
FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
REAL = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "manuscripts").glob("*/article.md"))]
SOURCES = [p.read_bytes() for p in sorted((ROOT / "manuscripts").glob("*/source/*.txt"))]
MARKUP = ["---", "\n", "\n\n", "## ", "### ", "#", "**", "*", "![", "](", ")", '"', "[", "]",
          "<", ">", "{{", "}}", "{%", "%}", "label: ", "byline: ", ": ", "- ", "|", "\\",
          "\t", "\r\n", "\x00", "\ufeff", "　", "——", "……", "“", "”", "，", "。", "http://x/",
          "file:///etc/passwd", "../", "𪚥", "😀", "e\u0301", "\u202e"]


@contextmanager
def alarm(seconds: int = SECONDS):
    """Fail an example that runs longer than `seconds` (a hang) instead of waiting forever."""
    def expired(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def only_our_errors(call, *args):
    """Run `call`; pressroom's errors must carry a message, nothing else may escape."""
    with alarm():
        try:
            return call(*args)
        except PressroomError as exc:
            assert exc.problems and all(p.message for p in exc.problems), exc
            assert str(exc)  # formats without raising
            return None


texts = st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=12)),
                 max_size=40).map("".join)


@st.composite
def mutated(draw, sources=REAL):
    """A real manuscript with a few random cuts, insertions, duplications and swaps."""
    text = draw(st.sampled_from(sources))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        end = min(len(text), at + draw(st.integers(0, 200)))
        kind = draw(st.sampled_from(["cut", "insert", "repeat", "swap"]))
        if kind == "cut":
            text = text[:at] + text[end:]
        elif kind == "insert":
            text = text[:at] + draw(texts) + text[at:]
        elif kind == "repeat":
            text = text[:end] + text[at:end] + text[end:]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


# what YAML reads as a timestamp, possible or not (2026-02-30, 0000-01-01, hour 25)
timestamps = st.one_of(
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2})?\Z"),
    st.datetimes(min_value=dt.datetime(1, 1, 1)).map(lambda t: t.isoformat(sep=" ")[:19]),
    st.dates(min_value=dt.date(1, 1, 1)).map(str))
values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), texts,
              st.dates(min_value=dt.date(1, 1, 1)), st.just("2026-07-01"), timestamps),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8)
keys = st.one_of(st.sampled_from(sorted(ARTICLE_FIELDS)), texts)


@st.composite
def front_matter(draw):
    """A manuscript whose front matter has random keys and values of random types."""
    data = draw(st.dictionaries(keys, values, max_size=10))
    try:
        meta = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        meta = draw(texts)
    return f"---\n{meta}---\n\n{draw(texts)}\n\n正文一段。\n"


SCALARS = ["[", "{", '"', "|", ">", "*x", "&a", "!!binary x", "- a", "~", "null", "0x1F", "1e400",
           "2026-07-01 10:00:00", "2026-07-01T10:00:00Z", ".nan", "yes", "[1, 2]", "{a: 1}"]


@st.composite
def raw_front_matter(draw):
    """Front matter typed as an editor would: `key: value` lines, values unquoted."""
    lines = draw(st.lists(st.tuples(keys, st.one_of(texts, timestamps, st.sampled_from(SCALARS))),
                          max_size=10))
    meta = "".join(f"{key}: {value}\n" for key, value in lines)
    return f"---\n{meta}---\n\n正文一段。\n"


@st.composite
def one_field_changed(draw):
    """A real manuscript with one front-matter value replaced by anything an editor may type."""
    lines = draw(st.sampled_from(REAL)).split("\n")
    end = lines.index("---", 1)
    keyed = [i for i in range(1, end) if ": " in lines[i]]
    dated = [i for i in keyed if lines[i].startswith("date:")]  # the one typed field: half the time
    at = draw(st.sampled_from(dated) if dated and draw(st.booleans()) else st.sampled_from(keyed))
    value = draw(st.one_of(texts, timestamps, st.sampled_from(SCALARS)))
    lines[at] = lines[at].partition(": ")[0] + ": " + value.replace("\n", " ")
    return "\n".join(lines)


def article_path(tmp_path: Path, text: str = "") -> Path:
    """article.md in a folder named as the text's slug, so that real manuscripts parse."""
    slug = re.search(r"^slug: ([a-z0-9][a-z0-9-]{0,40})$", text, re.M)
    folder = tmp_path / (slug[1] if slug else "demo")
    folder.mkdir(exist_ok=True)
    return folder / "article.md"


@FUZZ
@given(text=st.one_of(texts, mutated(), front_matter(), raw_front_matter(),
                      one_field_changed()))
def test_parser_takes_any_text(tmp_path_factory, text):
    path = article_path(tmp_path_factory.getbasetemp(), text)
    article = only_our_errors(parse_article, text, path)
    if article is not None:  # what the typesetter asks of every article
        assert isinstance(article.text(), str) and article.date_text


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), mutated().map(lambda t: t.encode("gb18030")),
                      mutated().map(lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode()),
                      st.binary(max_size=40).flatmap(
                          lambda junk: mutated().map(lambda t: t.encode()[:300] + junk))))
def test_manuscript_files_take_any_bytes(tmp_path_factory, data):
    path = article_path(tmp_path_factory.getbasetemp())
    path.write_bytes(data)
    only_our_errors(read_article, path)
    only_our_errors(decode_utf8, data, path)


@FUZZ
@given(data=st.dictionaries(st.one_of(st.sampled_from(
    ["title", "subtitle", "compiler", "date", "articles", "layout", "colophon", "keywords"]),
    texts), values, max_size=8), raw=st.one_of(st.none(), texts))
def test_booklet_description_takes_anything(tmp_path_factory, data, raw):
    root = tmp_path_factory.getbasetemp() / "booklet"
    (root / "manuscripts").mkdir(parents=True, exist_ok=True)
    text = raw if raw is not None else yaml.safe_dump(data, allow_unicode=True)
    (root / "manuscripts" / "booklet.yml").write_text(text, encoding="utf-8",
                                                      errors="surrogatepass")
    only_our_errors(load_booklet, root)


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), st.sampled_from(SOURCES),
                      st.sampled_from(SOURCES).flatmap(lambda raw: mutated(
                          [raw.decode("utf-8", "replace")]).map(lambda t: t.encode("gb18030")))))
def test_import_takes_any_source(data):
    for name in ("source.txt", "source.docx"):
        read = only_our_errors(read_source, data, name)
        if read and read.text.strip():
            only_our_errors(intake.draft_manuscript, read, "draft", name)


@FUZZ
@given(text=st.one_of(texts, mutated(), front_matter(), raw_front_matter(),
                      one_field_changed()))
def test_lint_takes_any_manuscript(tmp_path_factory, text):
    path = article_path(tmp_path_factory.getbasetemp(), text)
    findings = only_our_errors(lint.lint_text, text, path) or []
    assert all(f.rule and f.line for f in findings)


def test_the_alarm_catches_a_hang():
    with pytest.raises(TimeoutError):
        with alarm(1):
            while True:
                pass
