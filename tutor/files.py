"""Reading the files a student or teacher points us at: only regular files, never blocking,
and every OSError said in Spanish.

    data = read_regular_file(path, max_bytes=512 * 1024)  # OSError if it cannot be read
    why = os_error_text(error)        # "nombre demasiado largo (...)", "permiso denegado"...

A FIFO, device, socket or directory where a file should be raises NotRegularFile (an
OSError) without ever opening it for long: the path is stat()ed first, then opened with
O_NONBLOCK and fstat()ed again (it may have been swapped in between). Standard library
only: every layer may use it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_READ_CHUNK = 64 * 1024
NOT_REGULAR = "no es un archivo normal"

_SPANISH = {
    errno.ENOENT: "no existe",
    errno.EACCES: "permiso denegado",
    errno.EPERM: "operación no permitida",
    errno.ENAMETOOLONG: "nombre demasiado largo (cada parte de una ruta admite 255 bytes)",
    errno.ELOOP: "demasiados enlaces simbólicos (¿un enlace que apunta a sí mismo?)",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.EISDIR: "es una carpeta",
    errno.ENOSPC: "no queda espacio en el disco",
    errno.EROFS: "el disco es de solo lectura",
    errno.EIO: "error de entrada/salida del disco",
    errno.EMFILE: "demasiados archivos abiertos",
    errno.ENFILE: "demasiados archivos abiertos",
    errno.EBUSY: "está ocupado",
    errno.ENXIO: "no hay ningún dispositivo detrás",
    errno.EXDEV: "está en otro disco",
}
if hasattr(errno, "EDQUOT"):
    _SPANISH[errno.EDQUOT] = "se acabó la cuota de disco"


class NotRegularFile(OSError):
    """A directory, FIFO, device or socket where a regular file should be."""

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        super().__init__(errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL,
                         f"{NOT_REGULAR}, es {file_kind(mode)}", str(path))


class FileTooLarge(OSError):
    def __init__(self, path: str | os.PathLike[str], size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"demasiado grande ({size} bytes; máximo {limit})", str(path))
        self.size, self.limit = size, limit


def file_kind(mode: int) -> str:
    """'una carpeta', 'una tubería (FIFO)'... for a stat mode."""
    if stat.S_ISDIR(mode):
        return "una carpeta"
    if stat.S_ISFIFO(mode):
        return "una tubería (FIFO)"
    if stat.S_ISSOCK(mode):
        return "un socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "un dispositivo"
    if stat.S_ISREG(mode):
        return "un archivo"
    return "algo que no es un archivo"


def os_error_text(error: OSError) -> str:
    """The error in Spanish, without errno numbers or the path (the caller names the path)."""
    if isinstance(error, (NotRegularFile, FileTooLarge)):
        return error.strerror
    if error.errno == errno.ENOENT and error.filename is not None and os.path.islink(error.filename):
        return "no existe (¿un enlace roto?)"
    return _SPANISH.get(error.errno) or error.strerror or str(error)


def read_regular_file(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The whole file; OSError (FileNotFoundError, NotRegularFile, FileTooLarge...) if not."""
    if not stat.S_ISREG(mode := os.stat(path).st_mode):
        raise NotRegularFile(path, mode)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)  # what we opened, not what the path named a moment ago
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, info.st_mode)
        if max_bytes is not None and info.st_size > max_bytes:
            raise FileTooLarge(path, info.st_size, max_bytes)
        chunks, total = [], 0
        while chunk := os.read(fd, _READ_CHUNK):
            chunks.append(chunk)
            total += len(chunk)
            if max_bytes is not None and total > max_bytes:  # it grew while we read
                raise FileTooLarge(path, total, max_bytes)
        return b"".join(chunks)
    finally:
        os.close(fd)


def shown(path: str | os.PathLike[str], longest: int = 60) -> str:
    """The path for a one-line message: a component longer than `longest` is cut in the middle."""
    parts = []
    for part in Path(path).parts:
        size = len(os.fsencode(part))
        parts.append(part if size <= longest else f"{part[:20]}…{part[-8:]} ({size} bytes)")
    return str(Path(*parts)) if parts else str(path)
