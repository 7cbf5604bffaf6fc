"""The SSH channel under each student's session: asyncssh's own, with environment requests bounded.

asyncssh keeps every `env` request a client sends, without limit and at any time (even after
the session started), in the server's memory: one client could grow the process that serves
the whole class until it is killed. This channel keeps only the variables
tutor.serve.client_input may pass on (a handful of names), with short values; everything
else is answered "no" (clients carry on: a refused env request is not an error for OpenSSH).

    return student_channel(conn), StudentChannel(...)   # from SSHServer.session_requested
"""

from __future__ import annotations

import asyncssh

from tutor.serve.client_input import CLIENT_VARIABLES

MAX_VALUE = 64  # bytes, as client_input.session_environment allows
_ALLOWED = frozenset(name.encode() for name in CLIENT_VARIABLES)


class _StudentServerChannel(asyncssh.SSHServerChannel):
    """Only `_process_env_request` differs (asyncssh calls it for each `env` channel request)."""

    def _process_env_request(self, packet) -> bool:  # noqa: ANN001 - an asyncssh SSHPacket
        name = packet.get_string()
        value = packet.get_string()
        packet.check_end()
        if name not in _ALLOWED or len(value) > MAX_VALUE:
            return False
        self._env[name] = value  # a name sent again replaces its value: the dict stays this small
        return True


def student_channel(conn) -> asyncssh.SSHServerChannel:  # noqa: ANN001 - an SSHServerConnection
    """A new server channel for a session (as conn.create_server_channel() makes), env bounded."""
    chan = conn.create_server_channel()
    chan.__class__ = _StudentServerChannel  # same object, same state: one method differs
    return chan
