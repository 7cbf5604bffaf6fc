"""Who gets in: a listed key (DIR/alumnos/NOMBRE.pub), or the class code for a name that has
no key file. Everyone else is refused, and the refusal is logged once per connection.

A name with a key file logs in only with that key: the class code cannot open a registered
student's progress. Keys are re-read at each login, so a teacher can add a student while
the class runs. The code is compared in constant time; each wrong code costs a second,
and the third closes the connection.
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
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keys.append(asyncssh.import_public_key(line))
    return keys


def same_code(given: str, code: str) -> bool:
    """Constant time, whatever the lengths (both hashed first)."""
    return hmac.compare_digest(hashlib.sha256(given.encode("utf-8", "replace")).digest(),
                               hashlib.sha256(code.encode("utf-8")).digest())


class Authenticator:
    """The auth half of one connection's SSHServer; `refusal` says why it failed, if it did."""

    def __init__(self, class_dir, code: str | None) -> None:  # noqa: ANN001 - a ClassDir
        self.class_dir = class_dir
        self.code = code
        self.name: str | None = None
        self.method = ""  # how the student got in ("clave SHA256:..." or "código")
        self.refusal = "no se autenticó"
        self.wrong_codes = 0
        self._keys: list | None = None

    def begin(self, username: str) -> None:
        self.name = username if valid_name(username) else None
        if self.name is None:
            self.refusal = "nombre no válido"

    def _listed_keys(self) -> list:
        if self._keys is None:
            try:
                text = self.class_dir.key_text(self.name)
                self._keys = keys_in(text) if text is not None else []
                if text is None:
                    self.refusal = "sin clave en alumnos/" + (" ni código correcto" if self.code else "")
            except (ValueError, asyncssh.KeyImportError) as error:
                self.refusal = f"alumnos/{self.name}.pub no es una clave pública válida ({error})"
                self._keys = []
        return self._keys

    def has_key_file(self) -> bool:
        return self.name is not None and self.class_dir.key_file(self.name).exists()

    def public_key(self, key) -> bool:  # noqa: ANN001 - an asyncssh.SSHKey
        if self.name is None:
            return False
        listed = self._listed_keys()
        if any(candidate.public_data == key.public_data for candidate in listed):
            self.method = f"clave {key.get_fingerprint('sha256')}"
            return True
        if listed:
            self.refusal = "clave no autorizada"
        return False

    async def password(self, given: str) -> bool:
        if self.name is None or self.code is None:
            return False
        if self.has_key_file():
            self.refusal = "código rechazado: este nombre entra con su clave"
            return False
        if len(given) <= MAX_PASSWORD and same_code(given, self.code):
            self.method = "código de clase"
            return True
        self.wrong_codes += 1
        self.refusal = "código incorrecto"
        await asyncio.sleep(WRONG_CODE_DELAY)
        return False
