"""The server's settings, from `tutor serve`'s options, and the defaults that depend on the machine."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# What one more session costs in private memory (USS), measured by `python -m tutor.bench`
# with a lab trained to the end (see README, "Clase en un servidor"), with some margin.
SESSION_ESTIMATE_MB = 150
MAX_SESSIONS_CAP = 200
MEMORY_SHARE = 0.8  # of the memory available at start


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 2222
    seed: int | None = None
    no_skip: bool = False
    code: str | None = None  # the class code (password auth); None: keys only
    max_sessions: int = 0  # 0: default_max_sessions()
    idle_minutes: float = 30.0
    session_memory_mb: int = 1536  # a session's own memory past which it is hung up (memory_watch)
    hangup_grace: float = 5.0  # seconds a session has to save after SIGHUP before SIGKILL
    keepalive_interval: float = 3.0  # with keepalive_count 3: a silent client is dropped in ~10 s
    keepalive_count: int = 3
    login_timeout: float = 30.0
    max_unauthenticated: int = 64  # connections still logging in, at once (a class typing the code)
    max_unauthenticated_per_host: int = 32  # of those, from one address (a class behind one NAT)


def available_memory_mb(meminfo: Path = Path("/proc/meminfo")) -> float | None:
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import os

        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (ValueError, OSError, AttributeError):
        return None


def default_max_sessions(available_mb: float | None = None) -> int:
    """Sessions that fit in MEMORY_SHARE of the available memory, between 1 and the cap."""
    available_mb = available_memory_mb() if available_mb is None else available_mb
    if available_mb is None:
        return 10
    return max(1, min(MAX_SESSIONS_CAP, int(available_mb * MEMORY_SHARE // SESSION_ESTIMATE_MB)))
