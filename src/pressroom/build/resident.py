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
the server streams stdout (1) and stderr (2) and ends with the exit status (X), or
declines at once (D: it cannot see the caller's folder). A client may send I
(interrupt: the Ctrl-C of the command line). Workers forked during a build keep none
of the resident's sockets and end with it.
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
# The environment a build can depend on (locale, time zone, paths, Python, the loader,
# fontconfig, pressroom's own switches); the rest (terminal, SSH, editor variables)
# must not give every terminal a resident process of its own.
BUILD_ENVIRONMENT = ("LANG", "LANGUAGE", "LC_", "TZ", "PATH", "PYTHON", "LD_", "FONTCONFIG",
                     "PRESSROOM_", "SOURCE_DATE_EPOCH", "HOME", "XDG_", "TMPDIR")


def enabled() -> bool:
    return sys.platform == "linux" and \
        os.environ.get(SWITCH, "1").strip().lower() not in ("0", "off", "no", "false")


def code_stamp() -> str:
    """Sizes and times of pressroom's own files, and the times of the folders this
    Python installs packages in (installing or upgrading one changes its folder): a
    reinstalled, edited or upgraded pressroom or library differs."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    import sysconfig
    for folder in sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}):
        try:
            digest.update(f"{folder}\0{os.stat(folder or '.').st_mtime_ns}\n".encode())
        except OSError:
            continue
    return digest.hexdigest()


def address(environ: dict | None = None) -> bytes:
    """The abstract socket name of the resident process for this user, pressroom and
    environment (this process's, or `environ`)."""
    environ = os.environ if environ is None else environ
    environment = sorted((k, v) for k, v in environ.items() if k.startswith(BUILD_ENVIRONMENT))
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
        send(sock, b"R", json.dumps(request(argv)).encode())
    except OSError:  # none listening, or busy: the command builds itself
        sock.close()
        return None
    with sock:
        return Relay(sock).run()


def request(argv: list[str]) -> dict:
    """What the build needs to run as if it ran here: arguments, folder, umask, terminal."""
    import shutil
    mask = os.umask(0)
    os.umask(mask)
    return {"argv": argv, "cwd": os.getcwd(), "umask": mask,
            "tty": [sys.stdout.isatty(), sys.stderr.isatty()],
            "columns": shutil.get_terminal_size().columns}


class Relay:
    """Copies the build's output to this terminal until its exit status arrives. The
    first Ctrl-C asks the build to stop at its next checkpoint (as a local build does)
    and waits for the answer; a second leaves at once (the build still stops at its
    next checkpoint: outputs are written whole or not at all)."""

    def __init__(self, sock: socket.socket):
        self.sock, self.interrupts, self.relayed = sock, 0, False

    def run(self) -> int | None:
        import signal
        previous = signal.signal(signal.SIGINT, self.interrupt)
        try:
            return self._relay()
        except KeyboardInterrupt:
            sys.stderr.write("interrupted: earlier outputs are unchanged\n")
            return 130
        finally:
            signal.signal(signal.SIGINT, previous)

    def interrupt(self, signum, frame) -> None:
        self.interrupts += 1
        if self.interrupts > 1:
            raise KeyboardInterrupt
        try:
            send(self.sock, b"I")
        except OSError:
            pass

    def _relay(self) -> int | None:
        streams = {b"1": sys.stdout, b"2": sys.stderr}
        while True:
            frame = receive(self.sock)
            if frame is None:  # the resident process went away mid-build
                if self.relayed or self.interrupts:
                    sys.stderr.write("internal error: the resident build process stopped; "
                                     "earlier outputs are unchanged. Run the build again "
                                     f"(or with {SWITCH}=0).\n")
                    return 70
                return None  # nothing said yet: the command builds itself
            kind, payload = frame
            if kind == b"X":
                return int(payload)
            if kind == b"D" and not self.relayed:
                return None  # declined (it cannot see this folder): the command builds
            stream = streams.get(kind)
            if stream is not None:
                self.relayed = True
                stream.write(payload.decode("utf-8", "surrogateescape"))
                stream.flush()


def start_in_background() -> None:
    """Start a resident process for later builds (it leaves at once if one is there)."""
    if not enabled():
        return
    try:
        subprocess.Popen([sys.executable, "-m", "pressroom.build.resident"], cwd="/",
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        pass  # builds still work, each from a cold start


# -- the resident process --------------------------------------------------------------

class FrameWriter(io.TextIOBase):
    """A text stream whose writes go to the client as frames of one kind (one lock for
    both streams: a progress bar draws from a thread of its own)."""

    encoding = "utf-8"
    errors = "surrogateescape"  # file names that are not UTF-8 reach the terminal as bytes
    lock = threading.Lock()

    def __init__(self, sock: socket.socket, kind: bytes, tty: bool = False):
        self.sock, self.kind, self.tty = sock, kind, tty

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        try:
            with self.lock:
                send(self.sock, self.kind, text.encode("utf-8", "surrogateescape"))
        except OSError:
            pass  # the client has gone; the build carries on and writes its outputs
        return len(text)


def warm_up() -> None:
    """Import what every build uses, so that the first build served starts warm."""
    import importlib
    for module in ("cli", "build.run", "build.pipeline", "build.workers", "compose.booklet",
                   "editions", "typeset.typesetter"):
        importlib.import_module(f"pressroom.{module}")


SERVING: dict = {}  # the listener and the client being served: closed in forked workers


def _in_forked_worker() -> None:
    """A worker forked during a build holds no socket of the resident process (or the
    client would wait for it after the resident has gone), prints nowhere, and ends
    with its parent."""
    for sock in SERVING.values():
        sock.close()
    SERVING.clear()
    sys.stdout = sys.stderr = open(os.devnull, "w")
    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        pass


def serve(idle_seconds: float = IDLE_SECONDS) -> None:
    """Answer builds on this process's address until idle for `idle_seconds`, or until
    pressroom's files change."""
    os.chdir("/")  # hold no project folder (between builds, each runs in its caller's)
    stamp, name = code_stamp(), address()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(name)  # taken: another resident process answers here
    except OSError:
        listener.close()
        return
    warm_up()  # bound but not listening: a build started meanwhile builds itself
    listener.listen(8)
    listener.settimeout(min(TICK, idle_seconds))
    SERVING["listener"] = listener
    os.register_at_fork(after_in_child=_in_forked_worker)
    last = time.monotonic()
    with listener:
        while time.monotonic() - last < idle_seconds and code_stamp() == stamp:
            try:
                sock, _ = listener.accept()
            except socket.timeout:
                continue
            with sock:
                if same_user(sock) and _answer(sock):
                    last = time.monotonic()


def _answer(sock: socket.socket) -> bool:
    """One build: greet, read the request, run it in a thread while this one listens
    for an interrupt, send the exit status. Whether a build was run."""
    try:
        send(sock, b"G")
        sock.settimeout(5)
        frame = receive(sock)
        sock.settimeout(None)
        request = json.loads(frame[1]) if frame and frame[0] == b"R" else None
        argv, cwd = request["argv"], request["cwd"]
    except (OSError, ValueError, TypeError, KeyError):
        return False
    if not (isinstance(argv, list) and all(isinstance(a, str) for a in argv)
            and isinstance(cwd, str)):
        return False
    if not os.path.isdir(cwd):  # a folder this process cannot see: the command builds
        try:
            send(sock, b"D")
        except OSError:
            pass
        return False
    from .interrupts import INTERRUPTED
    INTERRUPTED.clear()  # this build's own Ctrl-C only (see _listen_for_interrupt)
    status: list[int] = []
    done_read, done_write = os.pipe()  # the build thread says it has ended
    SERVING["client"] = sock
    thread = threading.Thread(target=_run, args=(sock, request, status, done_write),
                              daemon=True)
    try:
        thread.start()
        _listen_for_interrupt(sock, done_read)
        thread.join()
    finally:
        SERVING.pop("client", None)
        os.close(done_read)
        os.close(done_write)
    try:
        send(sock, b"X", str(status[0] if status else 70).encode())
    except OSError:
        pass
    return True


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
    """The build, as the command would run it in the caller's folder, umask and terminal."""
    saved = sys.stdout, sys.stderr, os.umask(0o022), os.environ.get("COLUMNS")
    try:
        tty = request.get("tty") or [False, False]
        sys.stdout = FrameWriter(sock, b"1", bool(tty[0]))
        sys.stderr = FrameWriter(sock, b"2", bool(tty[1]))
        os.umask(int(request.get("umask", saved[2])))
        if request.get("columns"):
            os.environ["COLUMNS"] = str(request["columns"])
        os.chdir(request["cwd"])
        from ..cli import run
        status.append(run(request["argv"]))
    except BaseException as exc:  # never let one build take the process down
        import traceback
        sys.stderr.write(traceback.format_exc() if os.environ.get("PRESSROOM_DEBUG") else
                         f"internal error: {type(exc).__name__}: {exc}\n")
        status.append(70)
    finally:
        sys.stdout, sys.stderr = saved[0], saved[1]
        os.umask(saved[2])
        if saved[3] is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved[3]
        try:
            os.chdir("/")
        except OSError:
            pass
        os.write(done, b".")


if __name__ == "__main__":
    serve()
