"""The login guards on their own: the gate that keeps places for real clients, the log that
sums up nameless connections, the wrong-code pacer, key files from a Windows editor."""

from __future__ import annotations

import asyncio

from tutor.serve import auth
from tutor.serve.auth import CodePacer, keys_in
from tutor.serve.class_log import NAMELESS_EVERY, ClassLog
from tutor.serve.gate import IDLE_GRACE, LoginGate


class _Conn:
    def __init__(self, gate: LoginGate, host: str) -> None:
        self.closed = False
        self.admitted = gate.admit(self, host)

    def make_room(self) -> None:
        self.closed = True


def test_one_host_never_takes_every_place():
    gate = LoginGate(max_logging_in=10, max_per_host=3, clock=_Clock())
    crowd = [_Conn(gate, "10.0.0.1") for _ in range(4)]
    assert [conn.admitted for conn in crowd] == [True, True, True, False]
    assert _Conn(gate, "10.0.0.2").admitted and not any(conn.closed for conn in crowd)


def test_a_newcomer_takes_the_place_of_a_connection_idle_for_seconds_never_of_a_young_one():
    clock = _Clock()
    gate = LoginGate(max_logging_in=3, max_per_host=3, clock=clock)
    old = [_Conn(gate, f"10.0.0.{n}") for n in range(3)]
    assert not _Conn(gate, "10.0.0.9").admitted  # all three young: nobody is pushed out
    clock.now += IDLE_GRACE
    gate.named(old[0])  # this one is logging in: never pushed out
    newcomer = _Conn(gate, "10.0.0.9")
    assert newcomer.admitted and [conn.closed for conn in old] == [False, True, False]
    gate.named(old[2])
    gate.named(newcomer)
    assert not _Conn(gate, "10.0.0.8").admitted  # three really logging in: wait your turn
    gate.leave(old[0])  # one got in
    assert _Conn(gate, "10.0.0.8").admitted


def test_a_host_at_its_limit_makes_room_among_its_own_idle_connections():
    clock = _Clock()
    gate = LoginGate(max_logging_in=10, max_per_host=2, clock=clock)
    other, mine = _Conn(gate, "10.0.0.2"), [_Conn(gate, "10.0.0.1") for _ in range(2)]
    clock.now += IDLE_GRACE
    assert _Conn(gate, "10.0.0.1").admitted
    assert [conn.closed for conn in mine] == [True, False] and not other.closed


def test_connections_that_never_said_a_name_are_summed_up_in_the_log(tmp_path):
    log = ClassLog(tmp_path / "tutor-serve.log", echo=False)
    for second in (0, 1, 2, 3, NAMELESS_EVERY + 1):
        log.nameless("10.0.0.1", "no se autenticó", now=1000 + second)
    log.nameless("10.0.0.2", "no se autenticó", now=1001)
    log.close()
    lines = (tmp_path / "tutor-serve.log").read_text().splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == [
        "rechaza - 10.0.0.1 no se autenticó",
        "rechaza - 10.0.0.1 no se autenticó (y 3 conexiones más así desde esta dirección)",
        "rechaza - 10.0.0.2 no se autenticó"]


async def test_wrong_codes_are_answered_one_at_a_time_across_connections():
    sleeping, most = 0, 0

    async def counting_sleep(_delay: float) -> None:
        nonlocal sleeping, most
        sleeping += 1
        most = max(most, sleeping)
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        sleeping -= 1

    pacer = CodePacer(sleep=counting_sleep)
    await asyncio.gather(*(pacer.wrong_code() for _ in range(8)))
    assert most == 1


def test_a_key_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    key = auth.asyncssh.generate_private_key("ssh-ed25519")
    text = "\ufeff" + key.export_public_key().decode()
    assert [found.public_data for found in keys_in(text)] == [key.public_data]


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

