"""Show a build's progress in the terminal: build events in, a rich progress bar out."""

from __future__ import annotations

import sys
import time



class BuildProgress:
    """A callable for build(progress=…); silent when disabled or not on a terminal."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and sys.stderr.isatty()
        self.bar = None
        self.task = None
        self.pages = 0
        self.started = time.perf_counter()

    def __enter__(self):
        if self.enabled:  # rich is imported only for a terminal
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                TextColumn("{task.completed}/{task.total} articles"),
                                TextColumn("{task.fields[pages]} pages"), TimeElapsedColumn(),
                                console=Console(stderr=True), transient=True)
            self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        if self.bar:
            self.bar.__exit__(*exc)

    def __call__(self, event: str, data: dict) -> None:
        if not self.bar:
            return
        if event == "plan":
            self.task = self.bar.add_task("typesetting", total=data["typeset"] or 1,
                                          pages=0)
        elif event == "typeset" and self.task is not None:
            self.pages += data["pages"]
            self.bar.update(self.task, advance=1, pages=self.pages,
                            description=f"typeset {data['slug']}")
        elif event == "composed" and self.task is not None:
            self.bar.update(self.task, description="composed booklet", pages=data["pages"])
