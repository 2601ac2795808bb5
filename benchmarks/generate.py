"""Generate anthology projects for benchmarks: the corrected manuscripts in, N articles out.

Articles recombine and vary the paragraphs of the two real manuscripts (seeded, so
the same N always gives the same project): they differ in length, in structure
(features and special pages with stories) and in character set.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from pressroom.project.manuscript import Paragraph, read_article

ROOT = Path(__file__).resolve().parents[1]
SLUGS = ["hongse-xinhuo", "bashan-yushui"]


def paragraphs() -> list[str]:
    out = []
    for slug in SLUGS:
        article = read_article(ROOT / "manuscripts" / slug / "article.md")
        for block in article.blocks:
            if isinstance(block, Paragraph):
                text = "".join(f"**{s.text}**" if s.strong else s.text for s in block.spans)
                out.append(text)
    return out


def titles() -> list[str]:
    out = []
    for slug in SLUGS:
        article = read_article(ROOT / "manuscripts" / slug / "article.md")
        out.append(article.title)
        out += [s.title for s in article.stories]
    return out


def make_article(number: int, rng: random.Random, pool: list[str], heads: list[str]) -> str:
    """One manuscript: front matter, then 4–24 paragraphs, sometimes as three stories."""
    title = f"{rng.choice(heads)}（之{number}）"
    count = rng.randint(4, 24)
    chosen = [rng.choice(pool) for _ in range(count)]
    # Vary the character set: swap a few characters for rarer ones of the same kind.
    rare = "鑫淼焱垚犇骉燚麤龘靐"
    chosen = [p.replace("金", rng.choice(rare), 1) if rng.random() < 0.2 else p
              for p in chosen]
    lines = ["---", f"slug: a{number:03d}", f"title: {title}", f"date: 20{rng.randint(10, 26)}",
             f"source: source/a{number:03d}.txt", "corrections: corrections.yml", "---", ""]
    stories = rng.random() < 0.3 and count >= 9
    for index, text in enumerate(chosen):
        if stories and index % (count // 3) == 0 and index // (count // 3) < 3:
            lines += [f"## {rng.choice(heads)}", f"byline: □通讯员 编号{number}", ""]
        if rng.random() < 0.08:
            lines += [f"![第{number}篇图片说明（{index}）]()", ""]
        lines += [text, ""]
    return "\n".join(lines)


def generate(target: Path, count: int, seed: int = 105) -> Path:
    """Write a project with `count` articles at `target` (replacing it)."""
    if target.exists():
        shutil.rmtree(target)
    (target / "manuscripts").mkdir(parents=True)
    shutil.copytree(ROOT / "layouts", target / "layouts")
    (target / "fonts").symlink_to(ROOT / "fonts")
    rng = random.Random(seed)
    pool, heads = paragraphs(), titles()
    slugs = []
    for number in range(1, count + 1):
        slug = f"a{number:03d}"
        folder = target / "manuscripts" / slug
        (folder / "source").mkdir(parents=True)
        text = make_article(number, rng, pool, heads)
        (folder / "article.md").write_text(text, encoding="utf-8")
        (folder / "source" / f"{slug}.txt").write_text(text, encoding="utf-8")
        (folder / "corrections.yml").write_text(f"source: source/{slug}.txt\ncorrections: []\n",
                                                encoding="utf-8")
        slugs.append(slug)
    booklet = (ROOT / "manuscripts" / "booklet.yml").read_text(encoding="utf-8")
    head, _, tail = booklet.partition("articles:\n")
    tail = tail[tail.index("colophon:"):]
    articles = "".join(f"  - {slug}\n" for slug in slugs)
    (target / "manuscripts" / "booklet.yml").write_text(
        head.replace("title: 红色薪火 金融为民", f"title: 红色薪火文集（{count}篇）")
        + "articles:\n" + articles + tail, encoding="utf-8")
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    print(generate(args.target, args.count))


if __name__ == "__main__":
    main()
