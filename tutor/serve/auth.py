"""Who gets in: a listed key (DIR/alumnos/NOMBRE.pub), or the class code for a name that has
no key file. Everyone else is refused, and the refusal is logged once per connection.

A name with a key file logs in only with that key: the class code cannot open a registered
student's progress (a key file that cannot be read, or a broken link, still counts as one).
Keys are re-read at each login, so a teacher can add a student while the class runs.

An SSH client may change its user name between attempts (RFC 4252): everything learnt about
the previous name (its keys) is forgotten, and a key is only ever checked against the keys
of the name it is offered for.

The code is compared in constant time. Every refused code costs the same (whatever the name:
no telling who has a key), the third closes the connection, and wrong codes are answered one
at a time for the whole server (WRONG_CODE_DELAY each), so opening many connections does not
make guessing faster. A right code is never kept waiting.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac

import asyncssh

from tutor.serve.client_input import valid_name

MAX_PASSWORD = 256
WRONG_CODE_DELAY = 1.0
MAX_WRONG_CODES = 3


def keys_in(text: str) -> list:  # -> list[asyncssh.SSHKey]
    """The public keys of an OpenSSH .pub / authorized_keys-like text (no options), one a line."""
    keys = []
    for line in text.lstrip("\ufeff").splitlines():  # a byte-order mark from a Windows editor
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keys.append(asyncssh.import_public_key(line))
    return keys


def same_code(given: str, code: str) -> bool:
    """Constant time, whatever the lengths (both hashed first)."""
    return hmac.compare_digest(hashlib.sha256(given.encode("utf-8", "replace")).digest(),
                               hashlib.sha256(code.encode("utf-8")).digest())


class CodePacer:
    """Wrong codes are answered one at a time, WRONG_CODE_DELAY apart, across the server."""

    def __init__(self, delay: float = WRONG_CODE_DELAY, sleep=asyncio.sleep) -> None:  # noqa: ANN001
        self.delay = delay
        self.sleep = sleep
        self._lock = asyncio.Lock()

    async def wrong_code(self) -> None:
        async with self._lock:
            await self.sleep(self.delay)


class Authenticator:
    """The auth half of one connection's SSHServer; `refusal` says why it failed, if it did."""

    def __init__(self, class_dir, code: str | None, pacer: CodePacer | None = None) -> None:  # noqa: ANN001
        self.class_dir = class_dir
        self.code = code
        self.pacer = pacer or CodePacer()
        self.name: str | None = None
        self.method = ""  # how the student got in ("clave SHA256:..." or "código")
        self.refusal = "no se autenticó"
        self.wrong_codes = 0  # for the whole connection, whatever names it tried
        self._keys: list | None = None

    def begin(self, username: str) -> None:
        """A (new) user name: nothing learnt about the previous one applies to it."""
        self.name = username if valid_name(username) else None
        self._keys = None
        self.method = ""
        self.refusal = "nombre no válido" if self.name is None else "no se autenticó"

    def _listed_keys(self) -> list:
        if self._keys is None:
            self._keys = []
            try:
                text = self.class_dir.key_text(self.name)
            except OSError as error:
                from tutor.files import os_error_text

                self.refusal = f"no se pudo leer alumnos/{self.name}.pub: {os_error_text(error)}"
                return self._keys
            if text is None:
                self.refusal = "sin clave en alumnos/" + (" ni código correcto" if self.code else "")
                return self._keys
            try:
                self._keys = keys_in(text)
            except (ValueError, asyncssh.KeyImportError) as error:
                self.refusal = f"alumnos/{self.name}.pub no es una clave pública válida ({error})"
        return self._keys

    def has_key_file(self) -> bool:
        return self.name is not None and self.class_dir.has_key_file(self.name)

    def public_key(self, username: str, key) -> bool:  # noqa: ANN001 - an asyncssh.SSHKey
        if self.name is None or username != self.name:
            return False
        listed = self._listed_keys()
        if any(candidate.public_data == key.public_data for candidate in listed):
            self.method = f"clave {key.get_fingerprint('sha256')}"
            return True
        if listed:
            self.refusal = "clave no autorizada"
        return False

    async def password(self, username: str, given: str) -> bool:
        if self.code is None:
            return False
        if self.name is not None and username == self.name and not self.has_key_file() \
                and len(given) <= MAX_PASSWORD and same_code(given, self.code):
            self.method = "código de clase"
            return True
        if self.name is not None and self.has_key_file():
            self.refusal = "código rechazado: este nombre entra con su clave"
        elif self.name is not None:
            self.refusal = "código incorrecto"
        self.wrong_codes += 1
        await self.pacer.wrong_code()
        return False
