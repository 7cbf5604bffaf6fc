"""The connections still logging in, bounded so that nobody can lock a class out.

    gate = LoginGate(max_logging_in=64, max_per_host=32)
    gate.admit(server, host)   # False: refuse this new connection (close it)
    gate.named(server)         # it sent a user name: it is authenticating, no longer idle
    gate.leave(server)         # authenticated, or gone

At most `max_per_host` connections from one address, and `max_logging_in` in all, may be
logging in at once, so one machine never takes every place. A connection is *idle* from its
TCP accept until it sends a user name: a real client gets there in well under a second, a
socket held open to fill the server never does. A new connection over either limit takes
the place of the oldest connection idle for IDLE_GRACE seconds or more (of that host, for
the host's limit), which is asked to make room (`server.make_room()` closes it); if there is
none (everyone is really logging in, e.g. a class typing the code at once), it is refused.
A connection younger than IDLE_GRACE is never closed for another: a crowd of clients
reconnecting cannot push each other out in a loop.
"""

from __future__ import annotations

import time

IDLE_GRACE = 3.0  # seconds: longer than any real client takes to say its name


class LoginGate:
    def __init__(self, max_logging_in: int, max_per_host: int, clock=time.monotonic) -> None:  # noqa: ANN001
        self.max_logging_in = max_logging_in
        self.max_per_host = max_per_host
        self.clock = clock
        self._logging_in: dict = {}  # server -> host
        self._idle: dict = {}  # server -> (host, since), oldest first

    @property
    def logging_in(self) -> int:
        return len(self._logging_in)

    def admit(self, server, host: str) -> bool:  # noqa: ANN001 - a ClassServer
        if sum(1 for other in self._logging_in.values() if other == host) >= self.max_per_host:
            if not self._make_room(host):
                return False
        if len(self._logging_in) >= self.max_logging_in and not self._make_room(None):
            return False
        self._logging_in[server] = host
        self._idle[server] = (host, self.clock())
        return True

    def named(self, server) -> None:  # noqa: ANN001
        self._idle.pop(server, None)

    def leave(self, server) -> None:  # noqa: ANN001
        self._idle.pop(server, None)
        self._logging_in.pop(server, None)

    def _make_room(self, host: str | None) -> bool:
        """Close the oldest connection idle for IDLE_GRACE or more (from `host`, if given)."""
        stale = self.clock() - IDLE_GRACE
        for other, (other_host, since) in self._idle.items():
            if since > stale:
                return False  # oldest first: the rest are younger still
            if host is None or other_host == host:
                self.leave(other)  # its place is free now, whenever its connection_lost comes
                other.make_room()
                return True
        return False
