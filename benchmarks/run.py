"""Measure pressroom's build times, memory and sizes; write benchmarks/RESULTS.md.

Projects: the real 2-article booklet and generated anthologies of 10 and 100
articles (generate.py). Each figure comes from a fresh `python -m pressroom`
process, as an editor would run it; peak memory is the largest total RSS of the
process and its workers, sampled every 20 ms. The "plain" column is what a user
would otherwise script: one WeasyPrint pass over the same HTML with the fonts
given as files, no cache, so every rebuild costs a full pass.

    .venv/bin/python benchmarks/run.py            # all projects (about 10 minutes)
    .venv/bin/python benchmarks/run.py --sizes 2 10
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import ROOT, generate  # noqa: E402

HERE = Path(__file__).resolve().parent


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack += [int(c) for c in children]
        except (FileNotFoundError, ProcessLookupError, AttributeError):
            continue
    return total


def run(args: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall time and peak tree RSS of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    done.set()
    sampler.join()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err.decode()}")
    return elapsed, peak


def pressroom(project: Path, *extra: str) -> tuple[float, int]:
    return run([sys.executable, "-m", "pressroom", "build", "-q", "-C", str(project), *extra])


def font_bytes(pdf: Path) -> int:
    """Bytes of embedded font programs (as stored, compressed) in a PDF."""
    reader = PdfReader(pdf)
    seen, total = set(), 0
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            descendant = ref.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            key = "/FontFile2" if "/FontFile2" in descriptor else "/FontFile3"
            stream = descriptor.raw_get(key)
            if stream.idnum not in seen:
                seen.add(stream.idnum)
                total += len(stream.get_object()._data)
    return total


def single_subset_bytes(project: Path) -> int:
    """Font data of one subset per face covering the booklet's whole character set,
    compressed as a PDF stores it."""
    from pressroom.build import booklet_chars, load_project
    from pressroom.fonts import subset_fonts
    loaded = load_project(project)
    with tempfile.TemporaryDirectory() as folder:
        files = subset_fonts(loaded.fonts, booklet_chars(loaded), Path(folder))
        return sum(len(zlib.compress(path.read_bytes())) for path in files.values())


def edit_one_word(project: Path, slug: str) -> None:
    path = project / "manuscripts" / slug / "article.md"
    text = path.read_text(encoding="utf-8")
    body = text.index("\n---", 4)
    word = "发展" if "发展" in text[body:] else "金融"
    index = text.index(word, body)
    path.write_text(text[:index] + "进步" + text[index + len(word):], encoding="utf-8")


def add_a_page(project: Path, slug: str) -> None:
    path = project / "manuscripts" / slug / "article.md"
    text = path.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if len(p) > 120 and not p.startswith(("#", "!"))]
    extra = "\n\n".join(paragraphs[:1] * 9)
    path.write_text(text.rstrip("\n") + "\n\n" + extra + "\n", encoding="utf-8")


def plain_html(project: Path) -> Path:
    """One HTML file holding every article as pressroom would lay it out, fonts as files."""
    from pressroom.build import booklet_chars, load_project
    from pressroom.fonts import subset_fonts
    from pressroom.typeset import Typesetter
    loaded = load_project(project)
    fonts = subset_fonts(loaded.fonts, booklet_chars(loaded), project / "build" / "plain-fonts")
    ts = Typesetter(loaded.booklet, fonts, loaded.fonts.fallbacks())
    # The plain approach points @font-face at the original font files.
    ts._font_urls = lambda: {key: path.resolve().as_uri()
                             for key, path in loaded.fonts.paths().items()}
    bodies, head = [], None
    for article in loaded.articles:
        html = ts.render("article.html.j2", article=article,
                         lead=[ts.set_paragraph(p.spans, "kai", ts.lead_chars(), 2.0,
                                                ts.lead_size) for p in article.lead],
                         blocks=ts._blocks(article), column_chars=ts.layout.column_chars(),
                         lead_size=ts.lead_size, caption_size=ts.caption_size)
        head = head or html[:html.index("<body")]
        body = html[html.index("<body"):html.rindex("</body>")]
        bodies.append(f'<div style="break-before: page">{body[body.index(">") + 1:]}</div>')
    target = project / "build" / "plain.html"
    target.write_text(head + "<body>" + "".join(bodies) + "</body></html>", encoding="utf-8")
    return target


PLAIN = """
import sys, weasyprint
weasyprint.HTML(sys.argv[1]).write_pdf(sys.argv[2])
"""


def measure(project: Path, label: str) -> dict:
    results = {"label": label}
    shutil.rmtree(project / "build", ignore_errors=True)
    results["clean"], results["memory"] = pressroom(project)
    booklet = project / "build" / "booklet.pdf"
    results["pages"] = len(PdfReader(booklet).pages)
    results["size"] = booklet.stat().st_size
    results["fonts"] = font_bytes(booklet)
    results["single"] = single_subset_bytes(project)
    results["noop"], _ = pressroom(project)
    slugs = sorted(p.parent.name for p in (project / "manuscripts").glob("*/article.md"))
    order = [line.strip()[2:] for line in
             (project / "manuscripts" / "booklet.yml").read_text(encoding="utf-8").splitlines()
             if line.startswith("  - ") and line.strip()[2:] in slugs]
    edit_one_word(project, order[len(order) // 2])
    results["word"], mem = pressroom(project)
    add_a_page(project, order[0])
    results["page"], mem2 = pressroom(project)
    results["pages_after"] = len(PdfReader(booklet).pages)
    results["memory"] = max(results["memory"], mem, mem2)
    html = plain_html(project)
    results["plain"], results["plain_memory"] = run(
        [sys.executable, "-c", PLAIN, str(html), str(project / "build" / "plain.pdf")])
    results["plain_size"] = (project / "build" / "plain.pdf").stat().st_size
    results["plain_fonts"] = font_bytes(project / "build" / "plain.pdf")
    return results


def watch_latency(project: Path, rounds: int = 3) -> float:
    """Seconds from saving a one-word edit to the new booklet.pdf being in place."""
    shutil.rmtree(project / "build", ignore_errors=True)
    pressroom(project)
    watcher = subprocess.Popen([sys.executable, "-m", "pressroom", "watch", "-C", str(project),
                                "--settle", "0.1"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        for line in watcher.stdout:
            if line.startswith("watching"):
                break
        booklet = project / "build" / "booklet.pdf"
        times = []
        for _ in range(rounds):
            before = booklet.stat().st_mtime_ns
            path = project / "manuscripts" / "bashan-yushui" / "article.md"
            text = path.read_text(encoding="utf-8")
            old, new = ("助企纾困不断档。", "助企纾困不断档！")
            if old not in text:
                old, new = new, old
            saved = time.perf_counter()
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            while booklet.stat().st_mtime_ns == before:
                if time.perf_counter() - saved > 60:
                    raise SystemExit("watch mode did not rebuild within 60 s")
                time.sleep(0.01)
            times.append(time.perf_counter() - saved)
            watcher.stdout.readline()
        return sorted(times)[len(times) // 2]
    finally:
        watcher.terminate()
        watcher.wait()


def machine() -> str:
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    import pypdf
    import weasyprint
    return (f"{os.cpu_count()} cores ({cpu.group(1) if cpu else platform.machine()}), "
            f"{memory / 1024 / 1024:.0f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
            f"pypdf {pypdf.__version__}, jobs = {os.cpu_count()}")


def table(rows: list[dict], watch: float | None) -> str:
    def mb(n):
        return f"{n / 1e6:.1f} MB"

    lines = ["| | " + " | ".join(r["label"] for r in rows) + " |",
             "|---|" + "---|" * len(rows)]

    def row(name, values):
        lines.append(f"| {name} | " + " | ".join(values) + " |")

    row("pages (after the page-adding edit)", [f"{r['pages']} ({r['pages_after']})" for r in rows])
    row("clean build", [f"{r['clean']:.1f} s" for r in rows])
    row("no-op rebuild", [f"{r['noop']:.2f} s" for r in rows])
    row("one-word edit in one article", [f"{r['word']:.2f} s" for r in rows])
    row("edit adding a page to the first article", [f"{r['page']:.2f} s" for r in rows])
    row("peak memory (process + workers)", [mb(r["memory"]) for r in rows])
    row("booklet size", [mb(r["size"]) for r in rows])
    row("font data in the booklet", [mb(r["fonts"]) for r in rows])
    row("font data of one subset of the whole character set",
        [f"{mb(r['single'])} (ratio {r['fonts'] / r['single']:.2f})" for r in rows])
    row("plain one-pass WeasyPrint: every build", [f"{r['plain']:.1f} s" for r in rows])
    row("plain: peak memory / size / font data",
        [f"{mb(r['plain_memory'])} / {mb(r['plain_size'])} / {mb(r['plain_fonts'])}"
         for r in rows])
    row("speed-up of a one-word rebuild over plain", [f"{r['plain'] / r['word']:.0f}×"
                                                      for r in rows])
    out = "\n".join(lines)
    if watch is not None:
        out += (f"\n\nWatch mode, 2-article booklet: {watch:.2f} s from saving a one-word edit "
                "to the new build/booklet.pdf (median of 3).")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 10, 100])
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    rows, watch = [], None
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            project = Path(folder) / f"p{size}"
            if size == 2:
                shutil.copytree(ROOT / "manuscripts", project / "manuscripts")
                shutil.copytree(ROOT / "layouts", project / "layouts")
                (project / "fonts").symlink_to(ROOT / "fonts")
                label = "2-article booklet"
            else:
                generate(project, size)
                label = f"{size}-article anthology"
            print(f"measuring {label} …", flush=True)
            rows.append(measure(project, label))
            if size == 2:
                watch = watch_latency(project)
    report = table(rows, watch)
    print(report)
    args.output.write_text(
        "# Benchmark results\n\nMachine: " + machine() + "\n\nCommand: `.venv/bin/python "
        "benchmarks/run.py` (written by it; see benchmarks/README.md).\n\n" + report + "\n",
        encoding="utf-8")


if __name__ == "__main__":
    main()
