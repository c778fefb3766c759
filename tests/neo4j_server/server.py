"""Starts and stops the real Neo4j 5 Community server of `Neo4jLauncher` for the tests:
Bolt on 127.0.0.1 on a free port, authentication on, data in a temporary folder."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "target"
HEAP = os.environ.get("NEO4J_TEST_HEAP", "768m")


@dataclass
class Neo4jServer:
    uri: str
    user: str
    password: str = field(repr=False)
    version: str
    process: subprocess.Popen
    data_dir: Path

    def stop(self) -> None:
        """Close its stdin (the launcher shuts the DBMS down cleanly) and wait."""
        if self.process.poll() is None:
            if self.process.stdin:
                self.process.stdin.close()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def neo4j_available() -> tuple[bool, str]:
    """Whether the launcher can run here, and why not."""
    if shutil.which("java") is None:
        return False, "java is not installed"
    if not (TARGET / "classes").is_dir() and shutil.which("mvn") is None:
        return False, "the launcher is not built and Maven is not installed"
    return True, ""


def build() -> None:
    if (
        not (TARGET / "classes" / "graphtest" / "Neo4jLauncher.class").is_file()
        or not (TARGET / "lib").is_dir()
    ):
        subprocess.run(["bash", str(HERE / "prepare.sh")], check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_neo4j(data_dir: Path, password: str | None = None, timeout: float = 180) -> Neo4jServer:
    """Start the server and wait for its READY line; raise with its log tail if it fails."""
    build()
    password = password or secrets.token_urlsafe(18)
    port = free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    classpath = f"{TARGET / 'classes'}:{TARGET / 'lib'}/*"
    log = open(data_dir / "launcher.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [
            "java",
            f"-Xmx{HEAP}",
            "-XX:+UseSerialGC",
            "-cp",
            classpath,
            "graphtest.Neo4jLauncher",
            str(data_dir),
            str(port),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        env={**os.environ, "NEO4J_TEST_PASSWORD": password},
    )
    ready: list[str] = []
    reader = threading.Thread(target=lambda: ready.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    line = ready[0].strip() if ready else ""
    if not line.startswith("NEO4J_READY"):
        process.kill()
        tail = (data_dir / "launcher.log").read_text(errors="replace")[-3000:]
        raise RuntimeError(f"Neo4j did not start within {timeout:.0f} s: {line!r}\n{tail}")
    _, uri, version = line.split()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # Bolt may accept a moment after the READY line
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    return Neo4jServer(uri, "neo4j", password, version.removeprefix("version="), process, data_dir)
