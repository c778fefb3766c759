"""The embedded server kept up between commands: the last client to leave does not stop it but
hands it to a small watcher process, which stops it once no client has used it for
`GRAPH_SERVER_IDLE` seconds (default 120; 0 stops it as the last client leaves). A second
`graph query` then finds the server up and the graph loaded, instead of starting both again.

One watcher per data folder (it holds `idle.lock`); a client that leaves marks the folder used
(`last_used`), which puts the watcher's deadline back. The server's data is on disk after every
write (append-only file, fsynced), so a server left up holds nothing that is not saved.

    python -m graph.store.idle FOLDER IDLE_SECONDS SERVER_PID   # what a leaving client starts
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from graph.store.errors import StoreError
from graph.store.server import EmbeddedServer, StoreLockedError, acquire, alive

DEFAULT_IDLE_S = 120.0
POLL_S = 2.0  # how often the watcher looks: a client may have come, or the folder gone
USED = "last_used"
WATCHER_LOCK = "idle.lock"


def idle_seconds(environ: Mapping[str, str] = os.environ) -> float:
    """How long the server stays up after its last client left (GRAPH_SERVER_IDLE, seconds).

    >>> idle_seconds({}), idle_seconds({"GRAPH_SERVER_IDLE": "0"}), idle_seconds({"GRAPH_SERVER_IDLE": "30"})
    (120.0, 0.0, 30.0)
    """
    raw = environ.get("GRAPH_SERVER_IDLE", "")
    try:
        return max(0.0, float(raw)) if raw.strip() else DEFAULT_IDLE_S
    except ValueError:
        raise StoreError(f"GRAPH_SERVER_IDLE must be a number of seconds, not {raw!r}") from None


def last_used(folder: Path) -> float:
    """When a client last left the folder (0 if the mark is gone: long ago)."""
    try:
        return (folder / USED).stat().st_mtime
    except OSError:
        return 0.0


def hand_over(folder: Path, idle_s: float, pid: int) -> None:
    """Mark the folder as used now and make sure a watcher will stop its server (process `pid`)
    after `idle_s` seconds without clients (started detached: it outlives this command). The
    pid travels with it: the folder may be gone before the watcher has started (a temporary
    one, deleted as the command ends)."""
    (folder / USED).touch()
    if watcher_running(folder):
        return
    subprocess.Popen(
        [sys.executable, "-m", "graph.store.idle", str(folder), repr(idle_s), str(pid)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )


def watcher_running(folder: Path) -> bool:
    """Whether a watcher holds the folder's watcher lock."""
    try:
        acquire(folder / WATCHER_LOCK, exclusive=True, wait_s=0, what="").close()
    except StoreLockedError:
        return True
    return False


def watch(folder: Path, idle_s: float, pid: int) -> None:
    """Stop the folder's server (process `pid`) once it has had no client for `idle_s` seconds
    since it was last used; return at once if another watcher has the folder, or when the
    server is gone. A folder deleted meanwhile (a temporary one), even before this started,
    takes its server with it."""
    try:
        mine = acquire(folder / WATCHER_LOCK, exclusive=True, wait_s=0, what="")
    except StoreLockedError:
        return
    except OSError:  # the folder is gone already
        stop_orphan(EmbeddedServer(folder), pid)
        return
    server = EmbeddedServer(folder)
    try:
        while alive(pid):
            if not folder.is_dir():
                stop_orphan(server, pid)
                return
            left = last_used(folder) + idle_s - time.time()
            if left > 0:
                time.sleep(min(left, POLL_S))
                continue
            try:
                clients = acquire(server.clients_lock, exclusive=True, wait_s=0, what="")
            except StoreLockedError:
                time.sleep(POLL_S)  # a client is on it; it marks the folder when it leaves
                continue
            except OSError:
                continue  # the folder went meanwhile: the next round stops the server
            try:
                if last_used(folder) + idle_s <= time.time():
                    server.stop()
                    return
            finally:
                clients.close()
    finally:
        mine.close()


def stop_orphan(server: EmbeddedServer, pid: int) -> None:
    """Stop the server of a deleted folder: process `pid`, if it is still that folder's server
    (its command line names the folder's socket; a pid can be reused)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        command = ""
    if str(server.socket) in command or (not command and alive(pid)):
        os.kill(pid, signal.SIGTERM)


if __name__ == "__main__":
    watch(Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]))
