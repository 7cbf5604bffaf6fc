"""The server's host key: made on first start, then the same one always (students'
known_hosts stays valid). Kept private: a host key readable by others is refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import asyncssh

from tutor.errors import TutorError

ALGORITHM = "ssh-ed25519"


def check(path: Path) -> bool:
    """Whether a key exists at `path`; TutorError if it is not a private regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(info.st_mode):
        raise TutorError(f"{path} no es un archivo normal", exit_code=2)
    if info.st_mode & 0o077:
        raise TutorError(f"la clave del servidor {path} la pueden leer otros (modo "
                         f"{stat.S_IMODE(info.st_mode):04o}); haz 'chmod 600 {path}'", exit_code=2)
    return True


def load_or_create(path: Path):  # -> asyncssh.SSHKey
    """The key at `path`, creating it (mode 0600, plus `path`.pub) if it does not exist."""
    if not check(path):
        return _create(path)
    try:
        return asyncssh.read_private_key(path)
    except (OSError, asyncssh.KeyImportError) as error:
        raise TutorError(f"no se pudo leer la clave del servidor {path}: {error}", exit_code=2) from None


def _create(path: Path):
    key = asyncssh.generate_private_key(ALGORITHM, comment="tutor serve")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(key.export_private_key())
            stream.flush()
            os.fsync(stream.fileno())
        path.with_name(path.name + ".pub").write_bytes(key.export_public_key())
    except OSError as error:
        raise TutorError(f"no se pudo guardar la clave del servidor en {path}: {error.strerror or error}") from None
    return key


def fingerprint(key) -> str:  # noqa: ANN001 - an asyncssh.SSHKey
    return key.get_fingerprint("sha256")
