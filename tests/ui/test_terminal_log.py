"""The app's private stderr log: whatever sits where tutor.log should be never blocks the app."""

from __future__ import annotations

import os

from tutor.ui.terminal import _open_sink


def test_a_fifo_where_the_log_goes_falls_back_to_devnull(tmp_path, make_fifo):
    log = make_fifo(tmp_path / "tutor.log")
    fd = _open_sink(log)
    try:
        assert os.path.samefile(f"/proc/self/fd/{fd}", os.devnull)
    finally:
        os.close(fd)


def test_a_symlink_where_the_log_goes_is_not_followed(tmp_path):
    victim = tmp_path / "elsewhere.txt"
    victim.write_text("keep me")
    (tmp_path / "tutor.log").symlink_to(victim)
    os.close(_open_sink(tmp_path / "tutor.log"))
    assert victim.read_text() == "keep me"


def test_the_log_is_a_private_file(tmp_path):
    fd = _open_sink(tmp_path / "sub" / "tutor.log")
    os.write(fd, b"x")
    os.close(fd)
    assert (tmp_path / "sub" / "tutor.log").stat().st_mode & 0o777 == 0o600
