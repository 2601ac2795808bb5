"""Confinement: template names and URLs in, only files inside the project served out.

Templates load from layouts/ only; WeasyPrint fetches only files under
manuscripts/, layouts/, fonts/ and the build folder, and what the typesetter serves
from memory (images separated for print). A refusal names the template line that
asked for it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import jinja2

from ..exceptions import LayoutError, Problem
from ..text.locate import line_in_files
from .engine import URLFetcher, URLFetcherResponse

SERVED = "pressroom-served"  # URL scheme of resources the typesetter holds in memory


class ConfinedLoader(jinja2.FileSystemLoader):
    """Templates from layouts/ only: a symbolic link that leads elsewhere is refused."""

    def __init__(self, layouts_dir: Path):
        super().__init__(str(layouts_dir))
        self.root = layouts_dir.resolve()

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        target = Path(filename).resolve()
        if not target.is_relative_to(self.root):
            raise LayoutError(Problem(f"template {template} leads outside layouts/ (to "
                                      f"{target}); it was not read", self.root / template,
                                      hint="copy the template into layouts/ instead of "
                                           "linking to it", rule="path-escape"))
        return source, filename, uptodate


def refusal(url: str, layouts_dir: Path, base: Path) -> Problem:
    """A refused URL, located at the template line that names it when there is one."""
    path = unquote(urlparse(url).path)
    templates = sorted(p for p in layouts_dir.glob("*") if p.is_file())
    where = line_in_files(templates, [url, path, path.rsplit("/", 1)[-1]])
    kind = "a file outside manuscripts/, layouts/ and fonts/" if \
        urlparse(url).scheme == "file" else "not a file of the project"
    if urlparse(url).scheme == "file" and Path(path).resolve() != Path(path):
        kind += f" (a link to {Path(path).resolve()})"
    return Problem(f"refused to load {url}: {kind}; nothing was fetched",
                   *(where or (base, None)), hint="use files inside the project only",
                   rule="resource-url")


class ConfinedFetcher(URLFetcher):
    """Serves only files inside the project (and its font cache) and `served`
    resources (URL → (bytes, MIME type)); remembers refusals."""

    def __init__(self, *roots: Path, served: dict[str, tuple[bytes, str]] | None = None):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots]
        self.served = served or {}
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url in self.served:
            data, mime = self.served[url]
            return URLFetcherResponse(url, data, {"Content-Type": mime})
        parsed = urlparse(url)
        path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
        if path is None or not any(path.is_relative_to(root) for root in self.roots):
            self.refused.append(url)
            raise ValueError(f"refused {url}: only files inside the project may be loaded")
        return super().fetch(url, headers)
