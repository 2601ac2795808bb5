"""The command line: exit codes, located messages without tracebacks, outputs kept safe."""

from __future__ import annotations

import hashlib

from pressroom.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_writes_booklet_and_articles(project, capsys):
    code, out, err = run(capsys, "build", "-C", str(project))
    assert code == 0, err
    assert (project / "build" / "booklet.pdf").stat().st_size > 100_000
    assert sorted(p.name for p in (project / "build" / "articles").iterdir()) == \
        ["bashan-yushui.pdf", "hongse-xinhuo.pdf"]
    assert "booklet 9 pages" in out or "booklet" in out
    assert "warning: figure has no image file" in err


def test_bad_manuscript_fails_with_location_and_keeps_the_old_booklet(project, capsys):
    assert run(capsys, "build", "-C", str(project))[0] == 0
    booklet = project / "build" / "booklet.pdf"
    before = digest(booklet)
    article = project / "manuscripts" / "bashan-yushui" / "article.md"
    article.write_text(article.read_text(encoding="utf-8").replace("author:", "auther:"),
                       encoding="utf-8")
    code, _, err = run(capsys, "build", "-C", str(project))
    assert code == 1
    assert "bashan-yushui/article.md:" in err and ": error: unknown front-matter key 'auther'" in err
    assert "did you mean 'author'?" in err
    assert "Traceback" not in err
    assert digest(booklet) == before


def test_template_error_names_template_file_and_line(project, capsys):
    template = project / "layouts" / "article.html.j2"
    lines = template.read_text(encoding="utf-8").split("\n")
    lines[20] = lines[20] + "{% if %}"
    template.write_text("\n".join(lines), encoding="utf-8")
    code, _, err = run(capsys, "build", "-C", str(project))
    assert code == 1
    assert "article.html.j2:21: error: template syntax error" in err


def test_missing_booklet_description(tmp_path, capsys):
    code, _, err = run(capsys, "build", "-C", str(tmp_path))
    assert code == 1 and "booklet description not found" in err


def test_usage_errors_exit_2(capsys):
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys, "build", "--no-such-option")[0] == 2


def test_help_and_version(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "build" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and "pressroom" in out


def test_quiet_build_prints_errors_only(project, capsys):
    """-q: warnings (the missing pictures) and the summary are not printed; errors are."""
    code, out, err = run(capsys, "build", "-q", "-C", str(project))
    assert code == 0 and out == "" and err == ""
    article = project / "manuscripts" / "bashan-yushui" / "article.md"
    article.write_text(article.read_text(encoding="utf-8").replace("author:", "auther:"),
                       encoding="utf-8")
    code, out, err = run(capsys, "build", "-q", "-C", str(project))
    assert code == 1 and "error: unknown front-matter key 'auther'" in err
    assert "warning" not in err


def test_a_new_article_not_yet_listed_blocks_nothing(project, capsys):
    """Import leaves the draft unlisted: build, audit and lint of the others go on, with a
    warning naming it; `import --add` lists it."""
    from conftest import ROOT
    source = ROOT / "tests" / "fixtures" / "intake" / "evening-library-bom.txt"
    code, out, err = run(capsys, "import", str(source), "--slug", "library", "-C", str(project))
    assert code == 0, err
    assert "run pressroom audit library and pressroom lint " in out  # the new one, by name
    assert "manuscripts/library/article.md, then list 'library'" in out
    for command, alone in ((["build"], None), (["audit"], "pressroom audit library"),
                           (["lint"], "pressroom lint ")):
        code, out, err = run(capsys, *command, "-C", str(project))
        assert code == 0, (command, out, err)
        if alone:  # the new article is named, with how to run the command on it alone
            (line,) = [x for x in err.splitlines() if "library/article.md" in x]
            assert "warning: not in the booklet yet" in line and alone in line, line
    code, out, err = run(capsys, "build", "-C", str(project))
    assert "manuscripts/library/article.md is not listed under 'articles'" in err
    assert "warning" in err and (project / "build" / "booklet.pdf").exists()
    booklet = (project / "manuscripts" / "booklet.yml").read_text(encoding="utf-8")
    code, out, err = run(capsys, "import", str(source), "--slug", "library2", "--add", "-C",
                         str(project))
    assert code == 0 and "listed 'library2'" in out
    after = (project / "manuscripts" / "booklet.yml").read_text(encoding="utf-8")
    assert after == booklet.replace("  - bashan-yushui\n", "  - bashan-yushui\n  - library2\n")


def exit_codes_main_can_return() -> set[int]:
    """The statuses of every exception `main` maps (in `run`), and the numbers it returns."""
    import ast
    import inspect

    import click

    from pressroom import cli, exceptions

    def subclasses(cls):
        return {cls} | {s for sub in cls.__subclasses__() for s in subclasses(sub)}

    codes = {cls.exit_code for cls in subclasses(exceptions.PressroomError)}
    codes |= {cls.exit_code for cls in subclasses(click.ClickException)}
    codes |= {node.value.value for node in ast.walk(ast.parse(inspect.getsource(cli.run)))
              if isinstance(node, ast.Return) and isinstance(node.value, ast.Constant)}
    return codes


def test_every_exit_code_is_documented():
    import re

    from conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sentence = next(line for line in readme.splitlines() if line.startswith("退出码（所有命令）"))
    documented = {int(n) for n in re.findall(r"(?:：|；)(\d+) ", sentence)}
    codes = exit_codes_main_can_return()
    assert {0, 1, 2, 3, 70, 130} <= codes  # the reading of cli.py above finds them all
    assert codes == documented


def test_interrupt_and_internal_error_statuses(monkeypatch, capsys, project):
    import pressroom.build as build_package

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_package, "build", interrupted)
    code, _, err = run(capsys, "build", "-C", str(project))
    assert code == 130 and "interrupted" in err

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(build_package, "build", broken)
    code, _, err = run(capsys, "build", "-C", str(project))
    assert code == 70 and "internal error" in err and "Traceback" not in err
