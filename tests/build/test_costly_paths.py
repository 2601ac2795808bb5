"""Guards on the costly paths of a build, so that they cannot silently come back: what a
build imports, and how many documents it lays out."""

from __future__ import annotations

import subprocess
import sys

from pressroom.build import build
from pressroom.typeset.typesetter import Typesetter

ARTICLE = "manuscripts/bashan-yushui/article.md"
PROBE = ("import sys; from pressroom.cli import main; code = main({argv!r}); "
         "print(code, *sorted(m for m in ('fontTools', 'weasyprint', 'pypdf', 'rich', 'PIL', 'uharfbuzz', "
         "'concurrent.futures.process') "
         "if m in sys.modules))")


def modules_after(argv: list[str]) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)],
                            capture_output=True, text=True, timeout=300)
    code, *modules = result.stdout.split()
    assert code == "0", result.stderr
    return modules


def swap(project, old: str, new: str) -> None:
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def count_layouts(monkeypatch) -> list[str]:
    """The documents laid out from now on, each by its folder's name (an article's slug,
    or 'layouts' for the booklet's own pages)."""
    laid_out = []
    original = Typesetter._pdf

    def counting(self, html, base, *rest):
        laid_out.append(base.name)
        return original(self, html, base, *rest)
    monkeypatch.setattr(Typesetter, "_pdf", counting)
    return laid_out


def test_a_no_op_build_imports_no_typesetting_imaging_or_worker_module(project):
    # a no-op answers from the cache: none of these (0.1 s of imports together) is needed
    assert build(project).typeset
    assert modules_after(["build", "-q", "-C", str(project)]) == []


def test_an_edit_with_known_characters_loads_no_font_with_fonttools(project, monkeypatch):
    """pressroom reads a font with fontTools only when a new character set needs new
    subsets, and then only the small subsets' character maps. (WeasyPrint, which
    pressroom cannot change, reads the small subsets it embeds with fontTools too.)"""
    from fontTools import ttLib
    loaded = []
    original = ttLib.TTFont.__init__

    def counting(self, *args, **kwargs):
        if sys._getframe(1).f_globals["__name__"].startswith("pressroom"):
            loaded.append(args[0] if args else kwargs.get("file"))
        original(self, *args, **kwargs)
    monkeypatch.setattr(ttLib.TTFont, "__init__", counting)
    build(project, jobs=1)
    # the booklet's subsets and each article's own (its PDF's), once each
    assert 0 < len(loaded) <= 4 * 3
    loaded.clear()
    swap(project, "驻扎岗位", "岗位驻扎")  # the same characters: the subsets are cached
    build(project, jobs=1)
    assert loaded == []
    swap(project, "岗位驻扎", "岗位驻鑫")  # a character the booklet had nowhere else
    build(project, jobs=1)
    assert 0 < len(loaded) <= 4 * 2  # the booklet's new subsets and the article's own


def test_documents_laid_out_per_build(project, monkeypatch):
    """A clean build lays out each article, the front matter and the colophon once, and
    nothing for the folios; a one-word edit lays out its article only."""
    laid_out = count_layouts(monkeypatch)
    build(project, jobs=1)
    assert sorted(laid_out) == sorted(["hongse-xinhuo", "bashan-yushui", "layouts", "layouts"])
    laid_out.clear()
    swap(project, "驻扎岗位", "岗位驻扎")
    build(project, jobs=1)
    assert laid_out == ["bashan-yushui"]


def test_weasyprint_embeds_no_project_font_in_a_part(project, monkeypatch):
    """The parts' font programs, widths and Unicode maps are replaced at merge time, so
    WeasyPrint is not asked to build them (a fifth of writing a part)."""
    from weasyprint.pdf import fonts as weasy_fonts
    embedded = []
    original = weasy_fonts.Font.clean

    def cleaning(self, *args):
        embedded.append(self.family)
        return original(self, *args)
    monkeypatch.setattr(weasy_fonts.Font, "clean", cleaning)
    result = build(project, jobs=1)
    assert result.typeset and embedded == []


def test_a_new_character_lays_out_its_article_only_and_matches_a_fresh_build(project,
                                                                           monkeypatch,
                                                                           tmp_path):
    """A character new to the booklet changes the font subsets; the front matter and the
    colophon set with the earlier subsets are re-coded at merge time, not laid out again,
    and the booklet and every article's own PDF are the same bytes as built from nothing."""
    build(project, jobs=1)
    laid_out = count_layouts(monkeypatch)
    swap(project, "驻扎岗位", "驻扎岗鑫")
    build(project, jobs=1)
    assert laid_out == ["bashan-yushui"]
    build(project, tmp_path / "fresh", jobs=1)
    # the other article's own PDF too: it carries subsets of its own characters
    for name in ("booklet.pdf", "articles/bashan-yushui.pdf", "articles/hongse-xinhuo.pdf"):
        assert (project / "build" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()


def test_the_main_process_lets_each_typeset_part_go_once_handed_on(project):
    """Workers' results (an article's part and PDF, a megabyte with its fonts) are not
    held by the main process after the build has taken them: 100 articles held 100 MB."""
    import gc
    import weakref
    from pressroom.build.pipeline import typesetter_for
    from pressroom.build.workers import typeset_articles
    from pressroom.project.load import booklet_chars, load_project
    from pressroom.typeset.subset import subset_fonts
    loaded = load_project(project)
    fonts = subset_fonts(loaded.fonts, booklet_chars(loaded), project / "build" / "fonts")
    typesetters = {"screen": typesetter_for(loaded, fonts, project / "build" / "docs")}
    tasks = [(article, "screen") for article in loaded.articles]
    seen = []
    for article, kind, made, problems in typeset_articles(typesetters, tasks, 2, loaded.fonts):
        assert made and not problems
        seen.append(weakref.ref(made[0]))
        del made
        gc.collect()
        assert [ref() is None for ref in seen[:-1]] == [True] * (len(seen) - 1)
    assert len(seen) == 2
