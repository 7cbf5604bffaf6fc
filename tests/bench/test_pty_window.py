"""The benchmark's "bytes per second while running": the busiest one-second window."""

from __future__ import annotations

from tutor.bench.pty_session import busiest_window


def _arrivals(reads: list[tuple[float, int]]) -> list[tuple[float, int]]:
    """(time, bytes of that read) -> (time, running total), as PtySession records them."""
    total, out = 0, []
    for at, size in reads:
        total += size
        out.append((at, total))
    return out


def test_a_burst_shorter_than_the_window_counts_whole():
    reads = _arrivals([(10.0, 5000), (10.2, 3000), (10.4, 4000)])
    assert busiest_window(reads, 10.0, 10.4, 1.0) == 12000


def test_the_window_slides_to_the_busiest_second():
    reads = _arrivals([(0.0, 100), (0.5, 100), (1.6, 900), (2.0, 900), (2.4, 900), (3.9, 50)])
    assert busiest_window(reads, 0.0, 4.0, 1.0) == 2700


def test_reads_outside_the_interval_are_left_out():
    reads = _arrivals([(1.0, 7000), (2.0, 10), (2.5, 20), (9.0, 7000)])
    assert busiest_window(reads, 1.5, 3.0, 1.0) == 30


def test_nothing_written_is_zero():
    assert busiest_window([], 0.0, 1.0, 1.0) == 0
