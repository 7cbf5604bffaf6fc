"""The server's end of one session's pty: bytes both ways with back-pressure, and its size.

    link = PtyLink(columns, rows, on_output=chan.write, on_end=done)
    slave = link.slave            # handed to the zygote, then link.release_slave()
    link.start(); link.write(keys); link.resize(100, 30); link.close()

Output is read only while the SSH channel can take it (pause()/resume()), so a slow client
slows its own session, never the server. Input waits in a buffer of at most INPUT_LIMIT
bytes; `write()` returns False past it, and the caller stops reading from the client.
Once the client is gone, output is read and dropped, so the app never blocks on a full pty.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import struct
import termios
from typing import Callable

READ_SIZE = 65536
INPUT_LIMIT = 64 * 1024


class PtyLink:
    def __init__(self, columns: int, rows: int, *, on_output: Callable[[bytes], None],
                 on_end: Callable[[], None], on_input_drained: Callable[[], None]) -> None:
        self.loop = asyncio.get_running_loop()
        self.master, self.slave = os.openpty()
        os.set_blocking(self.master, False)
        self.resize(columns, rows)
        self.on_output = on_output
        self.on_end = on_end
        self.on_input_drained = on_input_drained
        self._pending = bytearray()
        self._reading = False
        self._writing = False
        self._discard = False
        self.ended = False

    def release_slave(self) -> None:
        """Close our copy of the slave once the session has its own (EOF then means it exited)."""
        if self.slave >= 0:
            os.close(self.slave)
            self.slave = -1

    def start(self) -> None:
        self.resume()

    def pause(self) -> None:
        if self._reading and not self._discard:
            self.loop.remove_reader(self.master)
            self._reading = False

    def resume(self) -> None:
        if not self._reading and not self.ended:
            self.loop.add_reader(self.master, self._readable)
            self._reading = True

    def discard_output(self) -> None:
        """The client is gone: keep reading (so the app can finish writing), drop what it says."""
        self._discard = True
        self._pending.clear()
        self.resume()

    def _readable(self) -> None:
        try:
            data = os.read(self.master, READ_SIZE)
        except BlockingIOError:
            return
        except OSError:  # EIO: every slave descriptor is closed, the session exited
            data = b""
        if not data:
            self._end()
            return
        if not self._discard:
            self.on_output(data)

    def _end(self) -> None:
        if self.ended:
            return
        self.ended = True
        if self._reading:
            self.loop.remove_reader(self.master)
            self._reading = False
        self.on_end()

    def write(self, data: bytes) -> bool:
        """Queue the client's keys for the app; False once more than INPUT_LIMIT wait."""
        if self.ended or self._discard:
            return True
        self._pending += data
        self._flush()
        return len(self._pending) <= INPUT_LIMIT

    def _flush(self) -> None:
        while self._pending:
            try:
                written = os.write(self.master, self._pending)
            except BlockingIOError:
                break
            except OSError:
                self._pending.clear()
                break
            del self._pending[:written]
        if self._pending and not self._writing:
            self.loop.add_writer(self.master, self._flush)
            self._writing = True
        elif not self._pending and self._writing:
            self.loop.remove_writer(self.master)
            self._writing = False
            self.on_input_drained()

    def resize(self, columns: int, rows: int) -> None:
        """Set the window size; the kernel sends SIGWINCH to the session's foreground group."""
        try:
            fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        except OSError:
            pass

    def close(self) -> None:
        self.release_slave()
        if self._reading:
            self.loop.remove_reader(self.master)
            self._reading = False
        if self._writing:
            self.loop.remove_writer(self.master)
            self._writing = False
        if self.master >= 0:
            os.close(self.master)
            self.master = -1
        self.ended = True
