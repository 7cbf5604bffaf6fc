"""The SSH side: one ClassServer per connection (auth, then at most one session channel),
every kind of forwarding refused, and the asyncssh options that keep a class server small.

What a connection can do is only what is written here: log in (tutor.serve.auth), open one
session channel on a pty (tutor.serve.channel). TCP/unix forwarding (`ssh -W`, `-L`, `-R`),
tun/tap, agent and X11 forwarding, sftp/scp and subsystems are all refused; a connection
that keeps asking for refused things is closed after MAX_REFUSED_REQUESTS (each refusal is
a log line: no client may flood the teacher's log).

Connections still logging in are bounded (see tutor.serve.gate): sockets that never say a
user name cannot lock the class out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import asyncssh

from tutor.serve.auth import MAX_WRONG_CODES, Authenticator, CodePacer
from tutor.serve.client_input import printable
from tutor.serve.gate import LoginGate
from tutor.serve.ssh_channel import student_channel

MAX_REFUSED_REQUESTS = 10  # per connection; then it is closed


@dataclass
class ServerContext:
    """What every connection shares: the class, its log, the sessions, the settings."""
    class_dir: object
    course: object
    log: object
    registry: object
    settings: object
    connections: set = field(default_factory=set)  # every open SSHServerConnection
    gate: LoginGate | None = None  # the connections still logging in
    pacer: CodePacer = field(default_factory=CodePacer)  # wrong codes, one at a time

    def __post_init__(self) -> None:
        if self.gate is None:
            self.gate = LoginGate(self.settings.max_unauthenticated, self.settings.max_unauthenticated_per_host)


class ClassServer(asyncssh.SSHServer):
    def __init__(self, context: ServerContext) -> None:
        self.context = context
        self.auth = Authenticator(context.class_dir, context.settings.code, context.pacer)
        self.conn = None
        self.peer = "-"
        self.authenticated = False
        self.channel = None  # this connection's one session
        self.refused_requests = 0

    # -- the connection -----------------------------------------------------------------

    def connection_made(self, conn) -> None:  # noqa: ANN001 - asyncssh.SSHServerConnection
        self.conn = conn
        peer = conn.get_extra_info("peername")
        self.peer = peer[0] if peer else "-"
        self.context.connections.add(conn)
        if not self.context.gate.admit(self, self.peer):
            self.auth.refusal = "demasiadas conexiones a la vez sin autenticar"
            conn.close()

    def make_room(self) -> None:
        """Called by the gate: this connection never said a user name and a newer one needs its place."""
        self.auth.refusal = "cerrada para dejar sitio: no dijo su nombre en varios segundos"
        if self.conn is not None:
            self.conn.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.context.connections.discard(self.conn)
        self.context.gate.leave(self)
        if not self.authenticated and self._raw_name is None:
            self.context.log.nameless(self.peer, self.auth.refusal)
        elif not self.authenticated:
            self.context.log.write("rechaza", self.auth.name or self._raw_name or "-", self.peer, self.auth.refusal)
        if self.channel is not None:
            self.channel.client_left()

    # -- authentication -------------------------------------------------------------------

    _raw_name: str | None = None  # the user name as sent (None: it never sent one)

    def begin_auth(self, username: str) -> bool:
        self._raw_name = username[:64]  # the log shows it through printable()
        self.context.gate.named(self)
        self.auth.begin(username)
        return True  # always: nobody gets in without a key or the code

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key) -> bool:  # noqa: ANN001
        return self.auth.public_key(username, key)

    def password_auth_supported(self) -> bool:
        return self.context.settings.code is not None

    async def validate_password(self, username: str, password: str) -> bool:
        accepted = await self.auth.password(username, password)
        if not accepted and self.auth.wrong_codes >= MAX_WRONG_CODES and self.conn is not None:
            self.conn.close()
        return accepted

    def host_based_auth_supported(self) -> bool:
        return False

    def auth_completed(self) -> None:
        self.authenticated = True
        self.context.gate.leave(self)
        self.context.log.write("entra", self.auth.name, self.peer, self.auth.method)

    # -- channels and forwarding ----------------------------------------------------------

    def session_requested(self):  # noqa: ANN201
        if self.channel is not None:
            self._refuse_request("un segundo canal en la misma conexión")
            return False
        from tutor.serve.channel import StudentChannel

        self.channel = StudentChannel(self.context, self.auth.name, self.peer, on_refused=self._refuse_request)
        return student_channel(self.conn), self.channel

    def _refuse_request(self, what: str) -> None:
        self.refused_requests += 1
        if self.refused_requests > MAX_REFUSED_REQUESTS:
            return  # the connection is closing; said once below
        self.context.log.write("rechaza", self.auth.name or "-", self.peer, what)
        if self.refused_requests == MAX_REFUSED_REQUESTS and self.conn is not None:
            self.context.log.write("rechaza", self.auth.name or "-", self.peer,
                                   f"{MAX_REFUSED_REQUESTS} peticiones rechazadas: se cierra la conexión")
            self.conn.close()

    def connection_requested(self, dest_host, dest_port, orig_host, orig_port):  # noqa: ANN001, ANN201
        self._refuse_request(f"reenvío TCP a {printable(dest_host)}:{int(dest_port)}")
        return False

    def server_requested(self, listen_host, listen_port):  # noqa: ANN001, ANN201
        self._refuse_request(f"reenvío remoto {printable(listen_host)}:{int(listen_port)}")
        return False

    def unix_connection_requested(self, dest_path):  # noqa: ANN001, ANN201
        self._refuse_request("reenvío a un socket unix")
        return False

    def unix_server_requested(self, listen_path):  # noqa: ANN001, ANN201
        self._refuse_request("reenvío remoto de un socket unix")
        return False

    def tun_requested(self, unit):  # noqa: ANN001, ANN201
        self._refuse_request("túnel tun")
        return False

    def tap_requested(self, unit):  # noqa: ANN001, ANN201
        self._refuse_request("túnel tap")
        return False


def server_options(settings) -> dict:  # noqa: ANN001 - a ServeSettings
    """asyncssh.create_server keyword arguments: every extra off, keepalives on."""
    return {
        "config": None,  # no sshd-style config file is read
        "encoding": None,  # bytes both ways: the pty's bytes are the app's
        "line_editor": False,
        "allow_pty": True,
        "agent_forwarding": False,
        "x11_forwarding": False,
        "allow_scp": False,
        "sftp_factory": None,
        "gss_host": None,
        "kbdint_auth": settings.code is not None,  # OpenSSH asks for the code this way
        "password_auth": settings.code is not None,
        "login_timeout": settings.login_timeout,
        "keepalive_interval": settings.keepalive_interval,
        "keepalive_count_max": settings.keepalive_count,
        "server_version": "tutor",
    }
