"""One session may not take the machine's memory from the whole class.

A student's own lab can grow without bound (the free lab keeps every epoch of up to 1000
typed points: about 125 MB per 1000 epochs, and it allows 100 000), and every session shares
the server's memory. Every EVERY seconds the server reads each session's private memory
(what it alone holds: Private_Clean + Private_Dirty + Swap of /proc/PID/smaps_rollup; the
pages shared with the preloaded process do not count) and hangs up a session past the limit:
it saves and ends, its student is told why, the others go on.

    watch = MemoryWatch(registry, limit_mb=1536)
    task = asyncio.ensure_future(watch.run())   # cancelled when the server stops
"""

from __future__ import annotations

import asyncio

EVERY = 2.0  # seconds
_FIELDS = ("Private_Clean:", "Private_Dirty:", "Swap:")


def private_mb(pid: int) -> float | None:
    """The memory only process `pid` holds, in MB (None if it cannot be read: gone, no /proc)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            text = rollup.read().decode("ascii", "replace")
    except OSError:
        return None
    total_kb = 0
    for line in text.splitlines():
        if line.startswith(_FIELDS):
            try:
                total_kb += int(line.split()[1])
            except (IndexError, ValueError):
                return None
    return total_kb / 1024


def too_big_notice(limit_mb: int) -> str:
    return (f"tu sesión pasó de {limit_mb} MB de memoria (un laboratorio muy grande: muchos puntos "
            "o muchísimas épocas) y se cerró; tu progreso está guardado")


class MemoryWatch:
    def __init__(self, registry, limit_mb: int, every: float = EVERY) -> None:  # noqa: ANN001 - a Registry
        self.registry = registry
        self.limit_mb = limit_mb
        self.every = every

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            self.check()

    def check(self) -> None:
        from tutor.serve.channel import soon

        for channel in list(self.registry.by_name.values()):
            if channel.pid is None or channel.ending:
                continue
            used = private_mb(channel.pid)
            if used is not None and used > self.limit_mb:
                soon(channel.end(too_big_notice(self.limit_mb),
                                  f"memoria: {used:.0f} MB (límite {self.limit_mb} MB)"))
