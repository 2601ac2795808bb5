"""The resident builder: a `pressroom build` command line in, run by a warm background process that has WeasyPrint loaded and remembers set paragraphs, its output, and exit status out.

A build started from the command line first asks the resident process to run it;
when there is none (or it is busy), the command runs the build itself and then
starts one in the background, so that the next build skips the start-up (importing
WeasyPrint and pressroom, about half a second) and finds the paragraphs it has
broken before. The resident process runs `pressroom build` exactly as the command
would, in the caller's folder, and sends back what it prints and its exit status:
outputs are the same bytes either way (tests/build/test_resident.py).

It serves one user, one installed pressroom (its source files' sizes and times)
and one environment: its address is derived from all three, so a changed
pressroom or environment never reaches an old process, which leaves on its own.
It leaves after IDLE_SECONDS without a build. PRESSROOM_SERVER=0 turns it off.
Linux only (an abstract socket, no file to clean up); elsewhere builds run as before.

Protocol: frames of one type byte, a 4-byte length, a payload. The server greets
(G) when it is free; the client then sends its request (R: JSON argv and folder);
the server streams stdout (1) and stderr (2) and ends with the exit status (X).
A client may send I (interrupt: the Ctrl-C of the command line).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

SWITCH = "PRESSROOM_SERVER"  # 0/off/no/false: never use or start a resident process
IDLE_SECONDS = 600  # a resident process leaves after this long without a build
GREETING_WAIT = 0.25  # s a client waits for a free resident process before building itself
TICK = 30  # s between the resident process's checks that it is still wanted
PACKAGE = Path(__file__).resolve().parents[1]
VOLATILE = {"PWD", "OLDPWD", "SHLVL", "_"}  # environment that says nothing about a build


def enabled() -> bool:
    return sys.platform == "linux" and \
        os.environ.get(SWITCH, "1").strip().lower() not in ("0", "off", "no", "false")


def code_stamp() -> str:
    """Sizes and times of pressroom's own files: a reinstalled or edited pressroom differs."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def address(environ: dict | None = None) -> bytes:
    """The abstract socket name of the resident process for this user, pressroom and
    environment (this process's, or `environ`)."""
    environ = os.environ if environ is None else environ
    environment = sorted((k, v) for k, v in environ.items() if k not in VOLATILE)
    key = json.dumps([os.getuid(), sys.executable, code_stamp(), environment])
    return b"\0pressroom-" + hashlib.sha256(key.encode()).hexdigest()[:32].encode()


# -- frames ---------------------------------------------------------------------------

def send(sock: socket.socket, kind: bytes, payload: bytes = b"") -> None:
    sock.sendall(kind + struct.pack(">I", len(payload)) + payload)


def receive(sock: socket.socket) -> tuple[bytes, bytes] | None:
    """The next frame, or None when the other side has gone."""
    head = _exactly(sock, 5)
    if head is None:
        return None
    payload = _exactly(sock, struct.unpack(">I", head[1:])[0])
    return None if payload is None else (head[:1], payload)


def _exactly(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def same_user(sock: socket.socket) -> bool:
    """Whether the process at the other end runs as this user."""
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1] == os.getuid()


# -- the command's side ----------------------------------------------------------------

def forward(argv: list[str], environ: dict | None = None) -> int | None:
    """Run `pressroom <argv>` in the resident process (of `environ`, by default this
    process's environment) and relay its output; its exit status, or None when no
    resident process took it (then the caller builds)."""
    if not enabled():
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(GREETING_WAIT)
        sock.connect(address(environ))
        if not same_user(sock) or receive(sock) != (b"G", b""):
            return None
        sock.settimeout(None)
        send(sock, b"R", json.dumps({"argv": argv, "cwd": os.getcwd()}).encode())
        return _relay(sock)
    except OSError:  # none listening, or busy: the command builds itself
        return None
    finally:
        sock.close()


def _relay(sock: socket.socket) -> int | None:
    """Copy the build's output to this terminal until its exit status arrives. The
    first Ctrl-C asks the build to stop at its next checkpoint (as a local build
    does) and waits for the answer; a second leaves at once (the build still stops at
    its next checkpoint: outputs are written whole or not at all)."""
    streams = {b"1": sys.stdout, b"2": sys.stderr}
    asked_to_stop = False
    while True:
        try:
            frame = receive(sock)
        except KeyboardInterrupt:
            if asked_to_stop:
                raise
            asked_to_stop = True
            send(sock, b"I")
            continue
        if frame is None:
            return None  # the resident process went away mid-build: build here
        kind, payload = frame
        if kind == b"X":
            return int(payload)
        stream = streams.get(kind)
        if stream is not None:
            stream.write(payload.decode("utf-8"))
            stream.flush()


def start_in_background() -> None:
    """Start a resident process for later builds (it leaves at once if one is there)."""
    if not enabled():
        return
    try:
        subprocess.Popen([sys.executable, "-m", "pressroom.build.resident"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        pass  # builds still work, each from a cold start


# -- the resident process --------------------------------------------------------------

class FrameWriter(io.TextIOBase):
    """A text stream whose writes go to the client as frames of one kind."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, sock: socket.socket, kind: bytes):
        self.sock, self.kind = sock, kind

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        try:
            send(self.sock, self.kind, text.encode("utf-8"))
        except OSError:
            pass  # the client has gone; the build carries on and writes its outputs
        return len(text)


def warm_up() -> None:
    """Import what every build uses, so that the first build served starts warm."""
    import importlib
    for module in ("cli", "build.run", "build.pipeline", "build.workers", "compose.booklet",
                   "editions", "typeset.typesetter"):
        importlib.import_module(f"pressroom.{module}")


def serve(idle_seconds: float = IDLE_SECONDS) -> None:
    """Answer builds on this process's address until idle for `idle_seconds`, or until
    pressroom's files change."""
    stamp, name = code_stamp(), address()
    warm_up()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(name)
    except OSError:
        return  # another resident process answers at this address
    listener.listen(8)
    listener.settimeout(min(TICK, idle_seconds))
    last = time.monotonic()
    with listener:
        while time.monotonic() - last < idle_seconds and code_stamp() == stamp:
            try:
                sock, _ = listener.accept()
            except socket.timeout:
                continue
            with sock:
                if same_user(sock):
                    _answer(sock)
            last = time.monotonic()


def _answer(sock: socket.socket) -> None:
    """One build: greet, read the request, run it in a thread while this one listens for
    an interrupt, send the exit status."""
    try:
        send(sock, b"G")
        sock.settimeout(5)
        frame = receive(sock)
        sock.settimeout(None)
    except OSError:
        return
    if frame is None or frame[0] != b"R":
        return
    request = json.loads(frame[1])
    status: list[int] = []
    done_read, done_write = os.pipe()  # the build thread says it has ended
    from .interrupts import INTERRUPTED
    INTERRUPTED.clear()  # this build's own Ctrl-C only (see _listen_for_interrupt)
    thread = threading.Thread(target=_run, args=(sock, request, status, done_write),
                              daemon=True)
    thread.start()
    try:
        _listen_for_interrupt(sock, done_read)
    finally:
        thread.join()
        os.close(done_read)
        os.close(done_write)
    try:
        send(sock, b"X", str(status[0] if status else 70).encode())
    except OSError:
        pass


def _listen_for_interrupt(sock: socket.socket, done: int) -> None:
    """Until the build ends: an I frame, or the client going, stops it at its next
    checkpoint (the way Ctrl-C stops a local build)."""
    import select
    from .interrupts import INTERRUPTED
    while True:
        ready, _, _ = select.select([sock, done], [], [])
        if done in ready:
            return
        try:
            frame = receive(sock)
        except OSError:
            frame = None
        INTERRUPTED.set()
        if frame is None:
            select.select([done], [], [])  # gone: nothing more to read; wait for the end
            return


def _run(sock: socket.socket, request: dict, status: list[int], done: int) -> None:
    from ..cli import run
    saved = sys.stdout, sys.stderr, os.getcwd()
    sys.stdout, sys.stderr = FrameWriter(sock, b"1"), FrameWriter(sock, b"2")
    try:
        os.chdir(request["cwd"])
        status.append(run(request["argv"]))
    except BaseException as exc:  # never let one build take the process down
        sys.stderr.write(f"internal error: {type(exc).__name__}: {exc}\n")
        status.append(70)
    finally:
        sys.stdout, sys.stderr = saved[0], saved[1]
        try:
            os.chdir(saved[2])
        except OSError:
            pass
        os.write(done, b".")


if __name__ == "__main__":
    serve()
