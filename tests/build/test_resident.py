"""The resident process: command-line builds it runs give the same files, messages and exit
statuses as builds run by the command itself; without one, the command builds and starts
one; a busy or foreign one is never waited for."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pressroom.build import resident

ARTICLE = "manuscripts/bashan-yushui/article.md"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """An environment of this test alone: its resident process has an address of its own."""
    monkeypatch.setenv(resident.SWITCH, "1")
    monkeypatch.setenv("PRESSROOM_TEST_RESIDENT", str(tmp_path))
    return dict(os.environ)


def start(env: dict, idle: float = resident.IDLE_SECONDS) -> subprocess.Popen:
    """A resident process for `env`, once it answers."""
    process = subprocess.Popen([sys.executable, "-c", "from pressroom.build.resident import "
                                f"serve; serve({idle})"], env=env)
    deadline = time.monotonic() + 60
    while not listening(env):
        assert process.poll() is None and time.monotonic() < deadline, "it never answered"
        time.sleep(0.05)
    return process


def listening(env: dict) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.connect(resident.address(env))
            return True
        except OSError:
            return False


@pytest.fixture
def server(env):
    process = start(env)
    yield process
    process.kill()
    process.wait()


def command(project: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    """`pressroom build …` as typed in the project folder."""
    return subprocess.run([sys.executable, "-m", "pressroom", "build", *args], cwd=project,
                          env=env, capture_output=True, text=True, timeout=300)


def outputs(build_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(build_dir).as_posix(): p.read_bytes()
            for p in sorted(build_dir.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def test_a_resident_build_writes_the_bytes_a_build_of_its_own_writes(project, tmp_path,
                                                                      server, env):
    served = command(project, "-q", env=env)
    assert served.returncode == 0, served.stderr
    alone = command(project, "-q", "-o", str(tmp_path / "alone"),
                    env={**env, resident.SWITCH: "0"})
    assert alone.returncode == 0, alone.stderr
    assert outputs(project / "build") == outputs(tmp_path / "alone")
    assert server.poll() is None  # still there for the next build


def test_an_edit_is_typeset_by_the_resident_process_and_reported_as_at_home(project, server,
                                                                           env):
    assert command(project, "-q", env=env).returncode == 0
    path = project / ARTICLE
    path.write_text(path.read_text(encoding="utf-8").replace("驻扎岗位", "岗位驻扎"),
                    encoding="utf-8")
    served = command(project, env=env)
    assert served.returncode == 0, served.stderr
    assert "typeset 1 article(s)" in served.stdout
    fresh = command(project, "--force", "-q", "-o", str(project / "fresh"),
                    env={**env, resident.SWITCH: "0"})
    assert fresh.returncode == 0
    assert outputs(project / "build") == outputs(project / "fresh")


def test_errors_reach_the_terminal_with_their_exit_status(project, server, env):
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title:", "titel:", 1), encoding="utf-8")
    served = command(project, env=env)
    alone = command(project, env={**env, resident.SWITCH: "0"})
    assert served.returncode == alone.returncode == 1
    assert "manuscripts/bashan-yushui/article.md:" in served.stderr
    assert served.stderr == alone.stderr
    assert server.poll() is None


def test_without_a_resident_process_the_command_builds_and_starts_one(project, env):
    assert not listening(env)
    first = command(project, "-q", env=env)
    assert first.returncode == 0, first.stderr
    assert (project / "build" / "booklet.pdf").is_file()
    deadline = time.monotonic() + 60
    while not listening(env):
        assert time.monotonic() < deadline, "no resident process was started"
        time.sleep(0.1)
    stop_resident(env)


def stop_resident(env: dict) -> None:
    """End the resident process of this environment (it answers to nothing else)."""
    pids = subprocess.run(["pgrep", "-f", "pressroom.build.resident"], capture_output=True,
                          text=True).stdout.split()
    for pid in pids:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        if f"PRESSROOM_TEST_RESIDENT={env['PRESSROOM_TEST_RESIDENT']}".encode() in environ:
            os.kill(int(pid), 9)


def test_switched_off_the_command_neither_asks_nor_starts_one(project, env):
    off = {**env, resident.SWITCH: "0"}
    assert command(project, "-q", env=off).returncode == 0
    time.sleep(1)
    assert not listening(env)


def test_a_busy_resident_process_is_not_waited_for(env):
    # a process that takes connections and never greets: busy with another build
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as busy:
        busy.bind(resident.address(env))
        busy.listen(1)
        started = time.monotonic()
        assert resident.forward(["build"], env) is None
        assert time.monotonic() - started < 2 * resident.GREETING_WAIT + 0.5


def test_another_environment_or_pressroom_has_another_address(env, monkeypatch):
    here = resident.address(env)
    assert resident.address({**env, "PRESSROOM_TEST_RESIDENT": "elsewhere"}) != here
    assert resident.address({**env, "PWD": "/elsewhere"}) == here  # says nothing of a build
    monkeypatch.setattr(resident, "code_stamp", lambda: "another pressroom")
    assert resident.address(env) != here


def test_an_idle_resident_process_leaves(env):
    process = start(env, idle=1)
    assert process.wait(timeout=30) == 0
    assert not listening(env)


def test_a_stop_asked_before_the_build_ends_is_honoured(project, server, env):
    """The command's Ctrl-C reaches the build, which stops at its next checkpoint and
    writes nothing (exit status 130, as a build of its own)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(resident.address(env))
        assert resident.receive(sock) == (b"G", b"")
        import json
        resident.send(sock, b"R", json.dumps({"argv": ["build", "-q", "-C", str(project)],
                                               "cwd": str(project)}).encode())
        resident.send(sock, b"I")
        frames = []
        while (frame := resident.receive(sock)) is not None:
            frames.append(frame)
            if frame[0] == b"X":
                break
    assert frames[-1] == (b"X", b"130")
    assert b"interrupted" in b"".join(p for kind, p in frames if kind == b"2")
    assert not (project / "build" / "booklet.pdf").exists()


def test_the_callers_umask_and_folder_are_the_builds_and_the_resident_holds_no_folder(
        project, server, env):
    served = subprocess.run(["sh", "-c", f"umask 077 && {sys.executable} -m pressroom build -q"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert served.returncode == 0, served.stderr
    assert (project / "build" / "booklet.pdf").stat().st_mode & 0o777 == 0o600
    # between builds it stands in /, so a project folder can be removed or unmounted
    assert os.readlink(f"/proc/{server.pid}/cwd") == "/"


def test_a_file_name_that_is_not_utf8_is_relayed_as_the_command_would_print_it(
        tmp_path, server, env):
    folder = os.fsencode(tmp_path) + b"/\xb0\xcd\xc9\xbd"  # a GBK name, from a zip
    os.mkdir(folder)
    runs = [subprocess.run([sys.executable, "-m", "pressroom", "build", "-C", folder],
                           cwd=tmp_path, env=environment, capture_output=True, timeout=300)
            for environment in (env, {**env, resident.SWITCH: "0"})]
    assert runs[1].returncode == 1 and b"booklet.yml" in runs[1].stderr  # names the folder
    assert (runs[0].returncode, runs[0].stderr) == (runs[1].returncode, runs[1].stderr)


def test_a_resident_process_killed_mid_build_leaves_no_command_waiting(project, server, env):
    client = subprocess.Popen([sys.executable, "-m", "pressroom", "build", "--force"],
                              cwd=project, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    server.kill()
    _, err = client.communicate(timeout=60)  # its forked workers hold no socket of it
    assert client.returncode in (0, 70)
    if client.returncode == 70:
        assert "resident build process stopped" in err
    stop_resident(env)  # a command that built itself (nothing relayed yet) starts another


def test_ctrl_c_at_the_command_stops_the_resident_build_like_a_build_of_its_own(
        project, server, env):
    import signal
    assert command(project, "-q", env=env).returncode == 0
    before = outputs(project / "build")
    path = project / ARTICLE
    path.write_text(path.read_text(encoding="utf-8").replace("驻扎岗位", "岗位驻扎"),
                    encoding="utf-8")
    client = subprocess.Popen([sys.executable, "-m", "pressroom", "build", "--force"],
                              cwd=project, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    time.sleep(0.4)
    client.send_signal(signal.SIGINT)
    _, err = client.communicate(timeout=60)
    assert "Traceback" not in err
    if client.returncode == 130:  # stopped before writing: nothing changed
        assert "interrupted: earlier outputs are unchanged" in err
        assert outputs(project / "build") == before
    else:  # it had passed its last checkpoint
        assert client.returncode == 0
    assert server.poll() is None and command(project, "-q", env=env).returncode == 0
