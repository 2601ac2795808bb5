"""Measure pressroom against the best plain WeasyPrint pass; write benchmarks/RESULTS.md.

Every figure is a whole process, as an editor (or a plain script) would run it.
pressroom and the plain pass (benchmarks/plain.py: the same manuscripts as one HTML
document, one `write_pdf()`, fonts subset by HarfBuzz's subset library) are run in
turn, A B A B …, and each figure is the median of the runs; each ratio is the median
of the pairwise ratios, so a machine that gets slower or faster during the run moves
both sides alike. Peak memory is the largest total resident memory of the process and
its workers, sampled every 20 ms from /proc.

    .venv/bin/python benchmarks/run.py               # everything (about 25 minutes)
    .venv/bin/python benchmarks/run.py --quick       # 2-article booklet only
    .venv/bin/python benchmarks/run.py --runs 7      # more runs per figure

The plain pass needs HarfBuzz's subset library (Debian: libharfbuzz-subset0), as
WeasyPrint's installation documentation advises; the benchmark installs it with
apt-get when it is missing (pressroom itself does not use it). The plain pass with
WeasyPrint's fontTools fallback is measured once beside it, for reference.
"""

from __future__ import annotations

import argparse
import ctypes.util
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


# --- running one process ------------------------------------------------------------------

@dataclass
class Run:
    seconds: float
    memory: int  # bytes, peak resident memory of the process tree (RSS summed)
    output: str = ""
    proportional: int = 0  # bytes, peak proportional set size of the tree (PSS summed)


def tree_memory(pid: int) -> tuple[int, int]:
    """Resident memory (bytes) of a process and all its descendants: RSS summed, and PSS
    summed. RSS counts a page shared by forked workers once in every process; PSS
    counts 1/n of it in each of the n processes sharing it (what the tree takes from
    the machine; smem reports it)."""
    rss = pss = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            rss += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            pss += int(re.search(r"Pss:\s+(\d+)", rollup).group(1)) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, AttributeError):
            continue
    return rss, pss


def run(args: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Wall time and peak tree memory of one command (which must succeed)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env)
    peak, proportional, done = 0, 0, threading.Event()

    def sample():
        nonlocal peak, proportional
        while not done.is_set():
            rss, pss = tree_memory(process.pid)
            peak, proportional = max(peak, rss), max(proportional, pss)
            done.wait(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = process.communicate()
    done.set()
    sampler.join()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{err.decode()}")
    return Run(elapsed, peak, out.decode(), proportional)


# pressroom as an editor runs it: the first command-line build leaves a resident process
# (src/pressroom/build/resident.py) that runs the later ones. ALONE: every build in its
# own process from a cold start (a new machine's first build; PRESSROOM_SERVER=0), which
# is also how peak memory is measured (a resident process is not a child of the command).
RESIDENT = dict(os.environ, PRESSROOM_SERVER="1")
ALONE = dict(os.environ, PRESSROOM_SERVER="0")


def pressroom(project: Path, *extra: str, env: dict = RESIDENT) -> Run:
    return run([PYTHON, "-m", "pressroom", "build", "-q", "-C", str(project), *extra], env=env)


def alone(project: Path, *extra: str) -> Run:
    return pressroom(project, *extra, env=ALONE)


def resident_ready() -> None:
    """Start the resident process for RESIDENT (as a first build would) and wait until
    it answers, so that no measured build is the one that starts it."""
    sys.path.insert(0, str(ROOT / "src"))
    from pressroom.build import resident
    subprocess.Popen([PYTHON, "-m", "pressroom.build.resident"], env=RESIDENT,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            try:
                sock.connect(resident.address(RESIDENT))
                return
            except OSError:
                time.sleep(0.1)
    raise SystemExit("the resident process did not start")


def plain(project: Path, fonttools: bool = False) -> Run:
    source = project / "plain.html"
    if not source.exists():
        run([PYTHON, str(HERE / "plain.py"), "html", str(project), str(source)])
    return run([PYTHON, str(HERE / "plain.py"), "pdf", str(source), str(project / "plain.pdf")]
               + (["--fonttools"] if fonttools else []))


# --- edits ------------------------------------------------------------------------------------

def article_paths(project: Path) -> list[Path]:
    booklet = (project / "manuscripts" / "booklet.yml").read_text(encoding="utf-8")
    slugs = re.findall(r"^  - (\S+)$", booklet, re.M)
    return [project / "manuscripts" / slug / "article.md" for slug in slugs]


class WordEdit:
    """A one-word edit in the middle article, made and unmade on alternate calls.

    `new_character`: the edit brings in a character the booklet has nowhere else (so
    the font subsets change); otherwise two neighbouring characters swap places."""

    def __init__(self, project: Path, new_character: bool):
        paths = article_paths(project)
        self.path = paths[len(paths) // 2]
        text = self.path.read_text(encoding="utf-8")
        body = text.index("\n---", 4)
        booklet = "".join(p.read_text(encoding="utf-8") for p in paths)
        # the two kinds of edit at different places, so that they never meet
        match = re.compile(r"[\u4e00-\u9fff]{2}").search(text, body + (600 if new_character else 200))
        self.old = match.group(0)
        rare = next(c for c in "鑫淼焱垚犇骉燚麤龘靐赟" if c not in booklet)
        self.new = self.old[0] + rare if new_character else self.old[::-1]
        self.at, self.done = match.start(), False

    def __call__(self) -> None:
        text = self.path.read_text(encoding="utf-8")
        old, new = (self.new, self.old) if self.done else (self.old, self.new)
        assert text[self.at:self.at + 2] == old
        self.path.write_text(text[:self.at] + new + text[self.at + 2:], encoding="utf-8")
        self.done = not self.done


# --- figures ------------------------------------------------------------------------------------

ALONE_LABEL = "no resident process"  # rows measured with PRESSROOM_SERVER=0

@dataclass
class Pair:
    """pressroom (a) against the plain pass (b), run in turn."""

    name: str
    a: list[Run] = field(default_factory=list)
    b: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.a)

    @property
    def plain_seconds(self) -> float:
        return statistics.median(r.seconds for r in self.b)

    @property
    def ratio(self) -> float:
        return statistics.median(a.seconds / b.seconds for a, b in zip(self.a, self.b))

    @property
    def memory(self) -> int:
        return max(r.memory for r in self.a)

    @property
    def plain_memory(self) -> int:
        return max(r.memory for r in self.b)

    @property
    def proportional(self) -> int:
        return max(r.proportional for r in self.a)

    @property
    def plain_proportional(self) -> int:
        return max(r.proportional for r in self.b)

    @property
    def spread(self) -> str:
        times = sorted(r.seconds for r in self.a)
        return f"{times[0]:.2f}–{times[-1]:.2f}"


def interleaved(name: str, project: Path, runs: int, before=None, extra=(),
                env: dict = RESIDENT) -> Pair:
    pair = Pair(name)
    for _ in range(runs):
        if before:
            before()
        pair.a.append(pressroom(project, *extra, env=env))
        pair.b.append(plain(project))
    return pair


def clean(project: Path):
    return lambda: shutil.rmtree(project / "build", ignore_errors=True)


def watch_latency(project: Path, runs: int) -> list[float]:
    """Seconds from saving a one-word edit to the new build/booklet.pdf, watch running."""
    pressroom(project)
    edit = WordEdit(project, new_character=False)
    watcher = subprocess.Popen([PYTHON, "-m", "pressroom", "watch", "-C", str(project),
                                "--settle", "0.05"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    booklet = project / "build" / "booklet.pdf"
    try:
        for line in watcher.stdout:
            if line.startswith("watching"):
                break
        times = []
        for _ in range(runs):
            before = booklet.stat().st_mtime_ns
            saved = time.perf_counter()
            edit()
            while booklet.stat().st_mtime_ns == before:
                if time.perf_counter() - saved > 60:
                    raise SystemExit("watch did not rebuild within 60 s")
                time.sleep(0.005)
            times.append(time.perf_counter() - saved)
            watcher.stdout.readline()
            time.sleep(0.3)
        return times
    finally:
        watcher.terminate()
        watcher.wait()


def timings(project: Path) -> tuple[Run, dict[str, float], int]:
    """A clean build with its stage times (`build --timings`) and the booklet's pages."""
    from pypdf import PdfReader
    shutil.rmtree(project / "build", ignore_errors=True)
    result = alone(project, "--timings")
    stages = {m.group(2): float(m.group(1)) for m in
              re.finditer(r"^\s*([\d.]+) s  (.+)$", result.output, re.M)}
    booklet = project / "build" / "booklet.pdf"
    return result, stages, len(PdfReader(booklet).pages) if booklet.exists() else 0


# --- projects ------------------------------------------------------------------------------------

def real_project(folder: Path) -> Path:
    project = folder / "p2"
    shutil.copytree(ROOT / "manuscripts", project / "manuscripts")
    shutil.copytree(ROOT / "layouts", project / "layouts")
    (project / "fonts").symlink_to(ROOT / "fonts")
    return project


def ensure_harfbuzz_subset() -> str:
    """The plain pass's best configuration: install libharfbuzz-subset0 if it is missing."""
    if ctypes.util.find_library("harfbuzz-subset"):
        return "present"
    if shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "install", "-y", "-qq", "libharfbuzz-subset0"], env=env,
                       capture_output=True)
    return "installed by the benchmark" if ctypes.util.find_library("harfbuzz-subset") else \
        "missing (plain pass falls back to fontTools: the comparison flatters pressroom)"


def machine(harfbuzz: str) -> str:
    import pikepdf
    import pypdf
    import uharfbuzz
    import weasyprint
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return (f"{os.cpu_count()} cores ({cpu.group(1) if cpu else platform.machine()}), "
            f"{memory / 1024 / 1024:.0f} GiB RAM, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
            f"pypdf {pypdf.__version__}, pikepdf {pikepdf.__version__}, uharfbuzz "
            f"{uharfbuzz.__version__} (HarfBuzz {uharfbuzz.version_string()}); "
            f"libharfbuzz-subset: {harfbuzz}; pressroom jobs = {os.cpu_count()}")


# --- the report ------------------------------------------------------------------------------------

def mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "**missed**"


def report(pairs: dict[str, Pair], fonttools: float, watch: list[float],
           scaling: list[tuple[int, Run, dict, int]], runs: int) -> str:
    lines = ["## Against the plain pass, in the same run", "",
             f"Medians of {runs} runs each, pressroom and plain in turn; the ratio is the "
             "median of the pairwise ratios (pressroom ÷ plain). pressroom as an editor runs "
             "it: the first command-line build leaves a resident process that runs the later "
             "ones (README, 重新生成为什么这么快); rows marked "
             f"“{ALONE_LABEL}” run every build in its own process from a cold start "
             "(`PRESSROOM_SERVER=0`: a new machine's first build), and peak memory and the "
             "scaling table are measured that way (the whole build is then the measured "
             "process tree).", "",
             "| figure | pressroom | plain | ratio | target | |", "|---|---|---|---|---|---|"]
    targets = {"2-article clean build": 1.0, "2-article one-word edit, same characters": 0.6,
               "2-article one-word edit, a new character": 0.6, "2-article no-op build": 0.1,
               "100-article clean build": 0.7, "100-article one-word edit": 0.1}
    targets.update({f"{name}, {ALONE_LABEL}": target for name, target in targets.items()})
    for name, pair in pairs.items():
        target = targets.get(name)
        lines.append(f"| {name} | {pair.seconds:.2f} s ({pair.spread}) | "
                     f"{pair.plain_seconds:.2f} s | {pair.ratio:.2f}× | "
                     f"{'≤ %.2f×' % target if target else ''} | "
                     f"{verdict(pair.ratio, target) if target else ''} |")
    base = pairs["2-article clean build"].plain_seconds
    watch_ratio = statistics.median(watch) / base
    lines.append(f"| 2-article watch: save → new booklet | {statistics.median(watch):.2f} s | "
                 f"{base:.2f} s | {watch_ratio:.2f}× | ≤ 0.35× | {verdict(watch_ratio, 0.35)} |")
    if f"100-article clean build, {ALONE_LABEL}" in pairs:
        big = pairs[f"100-article clean build, {ALONE_LABEL}"]
        ratio = big.proportional / big.plain_proportional
        lines.append(f"| 100-article peak memory (PSS summed) | {mb(big.proportional)} | "
                     f"{mb(big.plain_proportional)} | {ratio:.2f}× | ≤ 1.0× | "
                     f"{verdict(ratio, 1.0)} |")
        ratio = big.memory / big.plain_memory
        lines.append(f"| 100-article peak memory (RSS summed) | {mb(big.memory)} | "
                     f"{mb(big.plain_memory)} | {ratio:.2f}× | ≤ 1.0× | "
                     f"{verdict(ratio, 1.0)} |")
    lines += ["", f"The plain pass of the 2-article booklet with WeasyPrint's fontTools "
              f"fallback (no libharfbuzz-subset0): {fonttools:.1f} s "
              f"({fonttools / base:.1f}× the plain pass with HarfBuzz subsetting).", ""]
    if scaling:
        stages = sorted({s for _, _, st, _ in scaling for s in st},
                        key=lambda s: -max(st.get(s, 0) for _, _, st, _ in scaling))
        lines += ["## How the clean build grows", "",
                  "One clean build each (`build --timings`); stage seconds below.", "",
                  "| articles | pages | wall | peak memory (RSS / PSS summed) | " +
                  " | ".join(stages) + " |",
                  "|---|---|---|---|" + "---|" * len(stages)]
        for count, result, st, pages in scaling:
            lines.append(f"| {count} | {pages or '?'} | "
                         f"{result.seconds:.1f} s | {mb(result.memory)} / "
                         f"{mb(result.proportional)} | " +
                         " | ".join(f"{st.get(s, 0):.2f}" for s in stages) + " |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="the 2-article booklet only")
    parser.add_argument("--scaling", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    harfbuzz = ensure_harfbuzz_subset()
    pairs: dict[str, Pair] = {}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        p2 = real_project(folder)
        print("2-article booklet …", flush=True)
        resident_ready()
        pairs["2-article clean build"] = interleaved("clean", p2, args.runs, clean(p2))
        same, new = WordEdit(p2, False), WordEdit(p2, True)
        pairs["2-article one-word edit, same characters"] = interleaved("same", p2, args.runs, same)
        pairs["2-article one-word edit, a new character"] = interleaved("new", p2, args.runs, new)
        pairs["2-article no-op build"] = interleaved("noop", p2, args.runs)
        pairs[f"2-article clean build, {ALONE_LABEL}"] = interleaved(
            "clean", p2, args.runs, clean(p2), env=ALONE)
        pairs[f"2-article one-word edit, same characters, {ALONE_LABEL}"] = interleaved(
            "same", p2, args.runs, same, env=ALONE)
        fonttools = plain(p2, fonttools=True).seconds
        watch = watch_latency(p2, args.runs)
        scaling = []
        if not args.quick:
            p100 = generate(folder / "p100", 100)
            print("100-article anthology …", flush=True)
            big_runs = max(3, args.runs // 2)
            pairs["100-article clean build"] = interleaved("clean", p100, big_runs, clean(p100))
            pairs["100-article one-word edit"] = interleaved("edit", p100, big_runs,
                                                             WordEdit(p100, False))
            pairs[f"100-article clean build, {ALONE_LABEL}"] = interleaved(
                "clean", p100, big_runs, clean(p100), env=ALONE)
            for count in args.scaling:
                print(f"scaling: {count} articles …", flush=True)
                project = generate(folder / f"s{count}", count)
                scaling.append((count, *timings(project)))
                shutil.rmtree(project)
    text = report(pairs, fonttools, watch, scaling, args.runs)
    print(text)
    notes = kept_notes(args.output)
    args.output.write_text(
        "# Benchmark results\n\nMachine: " + machine(harfbuzz) + "\n\nCommand: `.venv/bin/python "
        "benchmarks/run.py` (written by it; see benchmarks/README.md). Plain pass: "
        "benchmarks/plain.py (one HTML document of the same manuscripts, three columns, "
        "`@font-face` on fonts/, one `write_pdf()`).\n\n" + text + "\n" + notes,
        encoding="utf-8")


NOTES = "## Where the time goes"  # from this heading on, RESULTS.md is written by hand


def kept_notes(path: Path) -> str:
    """The hand-written analysis at the end of RESULTS.md, kept when figures are rewritten
    (read it again against the new figures)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return "\n" + text[text.index(NOTES):] if NOTES in text else ""


if __name__ == "__main__":
    main()
