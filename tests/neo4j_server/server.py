"""Starts and stops a real Neo4j 5 Community server (`Neo4jLauncher`, see README.md here) for
the tests: Bolt on 127.0.0.1 on a free port, authentication on, data in a folder of the
caller's. Standard library only."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
TARGET = HERE / "target"
LAUNCHER_CLASS = TARGET / "classes" / "graphtest" / "Neo4jLauncher.class"
# JVM heap and Neo4j page cache; small, as the tests run beside it on a 2-core machine.
HEAP = os.environ.get("NEO4J_TEST_HEAP", "768m")
PAGECACHE_MB = int(os.environ.get("NEO4J_TEST_PAGECACHE_MB", "128"))
# Extra JVM options, after the defaults so they win. The default, C1 JIT only, halves the CPU of a
# start-up (about 8 s instead of 15 s) and is as fast for test-sized queries; a benchmark that
# wants the full JIT sets NEO4J_TEST_JVM_OPTS="" (or its own options).
JVM_OPTS = os.environ.get("NEO4J_TEST_JVM_OPTS", "-XX:TieredStopAtLevel=1").split()


@dataclass
class Neo4jServer:
    uri: str
    user: str
    password: str = field(repr=False)
    version: str
    process: subprocess.Popen = field(repr=False)
    data_dir: Path
    _log: IO[str] | None = field(default=None, repr=False)

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    def stop(self, timeout: float = 60) -> None:
        """Shut the server down cleanly (closing its stdin does that) and wait for it."""
        if self.process.stdin and not self.process.stdin.closed:
            with contextlib.suppress(OSError):  # the launcher may be gone already
                self.process.stdin.close()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.terminate()  # SIGTERM: the JVM's shutdown hook still closes Neo4j
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> Neo4jServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _java_major() -> int | None:
    java = shutil.which("java")
    if java is None:
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def _built() -> bool:
    return LAUNCHER_CLASS.is_file() and any((TARGET / "lib").glob("neo4j-5.*.jar"))


def neo4j_available() -> tuple[bool, str]:
    """Whether the Neo4j test server can run here; the reason is for pytest's skip message."""
    major = _java_major()
    if major is None:
        return False, "java is not installed"
    if major < 17:
        return False, f"Java 17+ needed, found Java {major}"
    if not _built() and shutil.which("mvn") is None:
        return False, "tests/neo4j_server is not built (prepare.sh) and Maven is not installed"
    return True, "java and the launcher (or Maven to build it) are present"


def build() -> None:
    """Run prepare.sh unless the launcher is built already (under a lock, for parallel callers)."""
    if _built():
        return
    TARGET.mkdir(exist_ok=True)
    with open(TARGET / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _built():
            subprocess.run(["bash", str(HERE / "prepare.sh")], check=True)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, chars: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


def _pump(process: subprocess.Popen, log: IO[str], ready: threading.Event, first_line: list[str]) -> None:
    """Hand the launcher's first stdout line (READY) over, then copy the rest into the log, so
    the pipe never fills up and blocks the server."""
    assert process.stdout is not None
    for line in process.stdout:
        if not ready.is_set():
            first_line.append(line)
            ready.set()
            if line.startswith("NEO4J_READY "):
                continue
        try:
            log.write(line)
            log.flush()
        except ValueError:  # stop() closed the log
            pass
    process.stdout.close()
    ready.set()


def start_neo4j(data_dir: Path, password: str | None = None, timeout: float = 180) -> Neo4jServer:
    """Start a server with its home (data/, logs/) in `data_dir` and wait until Bolt serves.

    Raises RuntimeError with the tail of the launcher's output if it does not get ready in
    `timeout` seconds. The caller must call `stop()` (or use it as a context manager); the
    server also stops by itself when this Python process exits, as its stdin closes then.
    """
    build()
    password = password or secrets.token_urlsafe(18)
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / "launcher.log"
    last_error = ""
    for _attempt in range(3):  # another process may take the free port before the JVM binds it
        port = _free_port()
        log = open(log_path, "a")  # noqa: SIM115 - closed by stop() or below
        process = subprocess.Popen(
            [
                "java",
                f"-Xmx{HEAP}",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dfile.encoding=UTF-8",
                *JVM_OPTS,
                "-cp",
                f"{TARGET / 'classes'}:{TARGET / 'lib'}/*",
                "graphtest.Neo4jLauncher",
                str(data_dir),
                str(port),
                str(PAGECACHE_MB),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env={**os.environ, "NEO4J_TEST_PASSWORD": password},
            cwd=data_dir,
        )
        ready = threading.Event()
        first_line: list[str] = []
        pump = threading.Thread(
            target=_pump, args=(process, log, ready, first_line), daemon=True, name=f"neo4j-stdout-{port}"
        )
        pump.start()
        ready.wait(timeout)
        line = first_line[0].strip() if first_line else ""
        if line.startswith("NEO4J_READY "):
            _, uri, version = line.split()
            version = version.removeprefix("version=")
            return Neo4jServer(uri, "neo4j", password, version, process, data_dir, log)

        try:  # a launcher that failed exits by itself: let it finish writing why
            process.wait(timeout=10 if first_line else 0.1)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        pump.join(timeout=10)
        if process.stdin:
            process.stdin.close()
        log.close()
        tail = _tail(log_path) + _tail(data_dir / "logs" / "debug.log", 2000)
        last_error = (
            f"Neo4j test server did not start (waited up to {timeout:.0f} s; exit code "
            f"{process.returncode}; first stdout line {line!r}); launcher output:\n{tail}"
        )
        if "Address already in use" not in tail and "BindException" not in tail:
            break
        time.sleep(0.5)
    raise RuntimeError(last_error)
