"""Scoring import on the intake development corpus (tests/fixtures/intake-dev): raw files and the editor's expected results in, shares of fields and paragraphs right out.

    python tests/intake_scoring.py [CORPUS_DIR ...] [--importer pressroom|MODULE:FUNCTION] [--details]
                    [--json FILE]

For every raw article NAME.txt (or NAME.docx) that has a NAME.expected.yml beside it,
the importer turns the raw bytes into a draft manuscript; the draft is parsed as
docs/manuscript-format.md describes (front matter, `## ` stories with label:/byline:,
`### ` subheads, `![caption](src "credit")` figures, paragraphs with `**` removed) and
compared with the editor's expected result:

  fields      kicker title subtitle byline lead author editor date publication page
              subheads captions credits stories encoding: exact match after trimming
              (lists element by element), as a share of all fields checked
  paragraphs  expected body paragraphs found verbatim among the draft's paragraphs
  extra       draft paragraphs that are no expected paragraph (boilerplate, a header
              or caption kept as text, two paragraphs run together); 0 is right
  half-width  , ; : ( ) ! ? left next to a Han character in the draft (outside URLs
              and e-mail addresses); 0 is right
  tokens      numbers, times, URLs and e-mail addresses of the expected paragraphs that
              occur in the draft (as many times)

An importer is a function (raw bytes, file name) -> dict with the keys of the expected
files (strings and lists as there). `--importer pressroom` (the default) runs
pressroom.text.sources.read_source + pressroom.intake.draft_manuscript and parses the draft article.md with
parse_article(); it must be importable (run with the project's virtual environment).
Another importer: `--importer mymodule:convert`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import traceback
from collections import Counter
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent / "fixtures" / "intake-dev"
FIELDS = ["kicker", "title", "subtitle", "byline", "lead", "author", "editor", "date",
          "publication", "page", "subheads", "captions", "credits", "stories", "encoding"]
HAN = r"\u4e00-\u9fff\u3400-\u4dbf"
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*[A-Za-z0-9/#=_\-]"
                 r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
TIME = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
FIGURE = re.compile(r'^!\[(?P<caption>.*)\]\((?P<src>[^\s)]*)\s*(?P<credit>"(?:[^"\\]|\\.)*")?\s*\)$')


# --- reading a draft manuscript -----------------------------------------------------------------

def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one string: a break between Chinese characters vanishes,
    elsewhere it is a space (as the layout reads a paragraph written over several lines)."""
    out = ""
    for line in (x.strip() for x in lines):
        if out and line:
            cjk = re.compile(rf"[{HAN}\u3000-\u303f\uff00-\uffef“”‘’—…·]")
            if not (cjk.match(out[-1]) or cjk.match(line[0])):
                out += " "
        out += line
    return out


def parse_article(text: str) -> dict:
    """A manuscript (article.md) as a dict with the keys of the expected files."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    front: dict = {}
    body_start = 0
    if lines and lines[0].strip() == "---":
        end = next((k for k in range(1, len(lines)) if lines[k].strip() == "---"), None)
        if end is not None:
            front = yaml.safe_load("\n".join(lines[1:end])) or {}
            body_start = end + 1
    result: dict = {}
    for key in ("kicker", "title", "subtitle", "publication", "page", "byline", "author",
                "editor", "photo_note"):
        value = front.get(key)
        result[key] = "" if value is None else str(value).strip()
    date = front.get("date")
    result["date"] = "" if date is None else str(date).strip()
    lead = front.get("lead") or ""
    result["lead"] = [join_lines(p.split("\n")) for p in re.split(r"\n\s*\n", str(lead).strip())
                      if p.strip()]
    blocks, current = [], []
    for line in lines[body_start:]:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    stories, subheads, figures, paragraphs, images = [], [], [], [], []
    for block in blocks:
        first = block[0].strip()
        if first.startswith("## "):
            story = {"title": first[3:].strip(), "label": "", "byline": ""}
            rest = []
            for line in block[1:]:
                key, sep, value = line.strip().partition(":")
                if sep and key in ("label", "byline"):
                    story[key] = value.strip()
                else:
                    rest.append(line)
            stories.append(story)
            if rest:
                paragraphs.append(join_lines(rest).replace("**", ""))
        elif first.startswith("### "):
            subheads.append(join_lines([first[4:]] + block[1:]))
        elif len(block) == 1 and (m := FIGURE.match(first)):
            credit = json.loads(m["credit"]) if m["credit"] else ""
            figures.append({"caption": m["caption"].strip(), "credit": credit.strip()})
            if m["src"]:
                images.append(m["src"].rsplit("/", 1)[-1])
        else:
            paragraphs.append(join_lines(block).replace("**", ""))
    result.update(stories=stories, subheads=subheads, figures=figures, paragraphs=paragraphs,
                  images=images)
    return result


# --- pressroom's importer -------------------------------------------------------------------------

def pressroom_importer(data: bytes, filename: str) -> dict:
    """Import one raw file the way `pressroom import` does, in memory, and read the draft back."""
    from pressroom.intake import draft_manuscript
    from pressroom.text.sources import read_source
    source = read_source(data, filename)
    slug = re.sub(r"[^a-z0-9-]+", "-", Path(filename).stem.lower()).strip("-") or "draft"
    draft = draft_manuscript(source, slug, filename)
    parsed = parse_article(draft.article)
    encoding = source.codec.lower().replace("_", "-")
    if encoding == "utf-8" and "with BOM" in source.description:
        encoding = "utf-8-sig"
    parsed["encoding"] = encoding
    parsed["crlf"] = "CRLF" in source.description
    return parsed


def load_importer(spec: str):
    if spec == "pressroom":
        return pressroom_importer
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)


# --- comparing -----------------------------------------------------------------------------------

def field_values(doc: dict, field: str):
    def s(x):
        return "" if x is None else str(x).strip()
    if field == "captions":
        return [s(f.get("caption")) for f in doc.get("figures") or []]
    if field == "credits":
        return [s(f.get("credit")) for f in doc.get("figures") or []]
    if field == "stories":
        return [(s(x.get("title")), s(x.get("label")), s(x.get("byline")))
                for x in doc.get("stories") or []]
    value = doc.get(field)
    if isinstance(value, list):
        return [s(x) for x in value]
    if field in ("lead", "subheads", "images"):
        return [] if value in (None, "") else [s(value)]
    return s(value)


def tokens(text: str) -> Counter:
    found: Counter = Counter()
    rest = text
    for m in URL.finditer(text):
        found["url:" + m[0]] += 1
    rest = URL.sub(" ", rest)
    for m in TIME.finditer(rest):
        found["time:" + m[0]] += 1
    rest = TIME.sub(" ", rest)
    for m in NUMBER.finditer(rest):
        found["number:" + m[0]] += 1
    return found


def halfwidth_left(text: str) -> list[str]:
    """Half-width , ; : ( ) ! ? whose nearest non-space neighbour on either side is Han."""
    bare = URL.sub(lambda m: "_" * len(m[0]), text)
    spots = []
    for m in re.finditer(r"[,;:()!?]", bare):
        before = bare[:m.start()].rstrip()[-1:]
        after = bare[m.end():].lstrip()[:1]
        if re.match(rf"[{HAN}]", before or "x") or re.match(rf"[{HAN}]", after or "x"):
            spots.append(text[max(0, m.start() - 4):m.end() + 4])
    return spots


def all_text(doc: dict) -> str:
    parts = [str(doc.get(k) or "") for k in ("kicker", "title", "subtitle", "byline",
                                             "author", "editor", "photo_note")]
    parts += list(doc.get("lead") or []) + list(doc.get("subheads") or [])
    parts += [f"{f.get('caption', '')} {f.get('credit', '')}" for f in doc.get("figures") or []]
    parts += [f"{s.get('title', '')} {s.get('label', '')} {s.get('byline', '')}"
              for s in doc.get("stories") or []]
    parts += list(doc.get("paragraphs") or [])
    return "\n".join(parts)


def score_one(expected: dict, draft: dict | None) -> dict:
    fields = FIELDS + (["images"] if "images" in expected else [])
    result = {"fields": {}, "diffs": {}}
    for field in fields:
        want = field_values(expected, field)
        got = field_values(draft, field) if draft is not None else None
        ok = got == want
        result["fields"][field] = ok
        if not ok:
            result["diffs"][field] = {"expected": want, "draft": got}
    want_paras = [p.strip() for p in expected["paragraphs"]]
    got_paras = Counter(p.strip() for p in (draft or {}).get("paragraphs") or [])
    matched, missing = 0, []
    for p in want_paras:
        if got_paras[p] > 0:
            got_paras[p] -= 1
            matched += 1
        else:
            missing.append(p)
    result["paragraphs"] = (matched, len(want_paras))
    result["missing_paragraphs"] = missing
    result["extra_paragraphs"] = sorted(got_paras.elements())
    text = all_text(draft) if draft is not None else ""
    result["halfwidth"] = halfwidth_left(text)
    want_tokens = tokens("\n".join(want_paras))
    have = tokens(text)
    lost = want_tokens - have
    result["tokens"] = (sum(want_tokens.values()) - sum(lost.values()), sum(want_tokens.values()))
    result["lost_tokens"] = sorted(lost.elements())
    return result


def score_corpus(folders: list[Path], importer) -> dict:
    articles = {}
    for folder in folders:
        for expected_path in sorted(folder.glob("*.expected.yml")):
            stem = expected_path.name.removesuffix(".expected.yml")
            raw = next((p for p in (folder / f"{stem}.txt", folder / f"{stem}.docx")
                        if p.exists()), None)
            if raw is None:
                continue
            expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
            error = None
            try:
                draft = importer(raw.read_bytes(), raw.name)
            except Exception as exc:  # an importer that fails scores zero on that article
                draft, error = None, f"{type(exc).__name__}: {exc}"
                traceback.print_exc(limit=1, file=sys.stderr)
            result = score_one(expected, draft)
            result["error"] = error
            articles[raw.name] = result
    return articles


def summary(articles: dict) -> dict:
    field_total: Counter = Counter()
    field_right: Counter = Counter()
    for result in articles.values():
        for field, ok in result["fields"].items():
            field_total[field] += 1
            field_right[field] += ok
    paras = [r["paragraphs"] for r in articles.values()]
    toks = [r["tokens"] for r in articles.values()]
    return {
        "articles": len(articles),
        "fields": (sum(field_right.values()), sum(field_total.values())),
        "per_field": {f: (field_right[f], field_total[f]) for f in field_total},
        "paragraphs": (sum(p[0] for p in paras), sum(p[1] for p in paras)),
        "extra": sum(len(r.get("extra_paragraphs", [])) for r in articles.values()),
        "halfwidth": sum(len(r["halfwidth"]) for r in articles.values()),
        "tokens": (sum(t[0] for t in toks), sum(t[1] for t in toks)),
    }


def pct(pair) -> str:
    right, total = pair
    return f"{100 * right / total:5.1f}%" if total else "  n/a"


def report(articles: dict, details: bool) -> str:
    out = ["| article | fields | paragraphs | extra | half-width left | tokens kept | wrong fields |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, r in articles.items():
        right = sum(r["fields"].values())
        wrong = ", ".join(f for f, ok in r["fields"].items() if not ok)
        if r["error"]:
            wrong = f"IMPORT FAILED ({r['error'][:60]})"
        out.append(f"| {name} | {right}/{len(r['fields'])} | {r['paragraphs'][0]}/"
                   f"{r['paragraphs'][1]} | {len(r['extra_paragraphs'])} | "
                   f"{len(r['halfwidth'])} | {r['tokens'][0]}/"
                   f"{r['tokens'][1]} | {wrong} |")
    s = summary(articles)
    out += ["", f"Overall ({s['articles']} articles): fields {pct(s['fields'])} "
            f"({s['fields'][0]}/{s['fields'][1]}), paragraphs {pct(s['paragraphs'])} "
            f"({s['paragraphs'][0]}/{s['paragraphs'][1]}), extra paragraphs {s['extra']}, "
            f"half-width marks left "
            f"{s['halfwidth']}, tokens kept {pct(s['tokens'])} "
            f"({s['tokens'][0]}/{s['tokens'][1]})", "", "| field | right |", "| --- | --- |"]
    for field, pair in s["per_field"].items():
        out.append(f"| {field} | {pair[0]}/{pair[1]} ({pct(pair).strip()}) |")
    if details:
        for name, r in articles.items():
            out += ["", f"### {name}"]
            for field, diff in r["diffs"].items():
                out.append(f"- {field}: expected {json.dumps(diff['expected'], ensure_ascii=False)}")
                out.append(f"  {' ' * len(field)}  draft    {json.dumps(diff['draft'], ensure_ascii=False)}")
            for p in r["missing_paragraphs"]:
                out.append(f"- paragraph not found: {p[:50]}…")
            for p in r["extra_paragraphs"]:
                out.append(f"- paragraph not expected: {p[:50]}…")
            for spot in r["halfwidth"]:
                out.append(f"- half-width left: {spot!r}")
            if r["lost_tokens"]:
                out.append(f"- tokens lost: {', '.join(r['lost_tokens'])}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[CORPUS, CORPUS / "docx"])
    parser.add_argument("--importer", default="pressroom")
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    articles = score_corpus(args.folders, load_importer(args.importer))
    print(report(articles, args.details))
    if args.json:
        args.json.write_text(json.dumps({"articles": articles, "summary": summary(articles)},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
