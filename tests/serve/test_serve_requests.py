"""What a logged-in student can ask for: the tutor on a pty, `lab ID`, `--lesson ID`; nothing else."""

from __future__ import annotations

import asyncio

import asyncssh
import pytest
from serve_harness import Screen, open_screen


async def _run(conn, command, **options):  # noqa: ANN001
    return await asyncio.wait_for(conn.run(command, encoding="utf-8", **options), 30)


@pytest.mark.parametrize("term", [None, "xterm-256color"])
async def test_an_exec_of_cat_etc_passwd_runs_nothing_and_says_one_line(class_server, term):
    options = {"term_type": term, "term_size": (80, 24)} if term else {}
    sessions_before = len(class_server.log_lines("sesión", "carla"))
    async with await class_server.connect("carla") as conn:
        result = await _run(conn, "cat /etc/passwd", **options)
    assert result.exit_status == 2
    assert len(class_server.log_lines("sesión", "carla")) == sessions_before  # no session was started
    assert "root:" not in result.stdout + result.stderr
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("tutor: comando desconocido 'cat'")
    assert "solo se aceptan 'lab ID" in lines[0]
    await class_server.logged("rechaza", "carla", "«cat /etc/passwd»")


@pytest.mark.parametrize("command", ["lab compuerta-and; sh", "--lessons /etc", "lab nope", "$(id)", "run x",
                                     "lab compuerta-and --init notebook --seed 3", "\x1b[2J"])
async def test_other_exec_words_are_refused(class_server, command):
    async with await class_server.connect("carla") as conn:
        result = await _run(conn, command, term_type="xterm", term_size=(80, 24))
    assert result.exit_status == 2
    assert result.stderr.startswith("tutor: ") and result.stderr.count("\n") == 1


async def test_lab_id_opens_the_lab_with_the_notebook_numbers(class_server):
    async with await class_server.connect("dani") as conn:
        screen = await open_screen(conn, "lab compuerta-and --init notebook")
        await screen.wait_for("Época - (0/2000)")
        await screen.wait_for("(0/2000) · lr 0.1")  # TensorFlow ready in the session
        screen.send("e")
        await screen.wait_for("Época 0 (1/2000)")
        await screen.wait_for("0.7551")  # the notebook's first loss
        screen.send("q")
        await screen.process.wait_closed()
    assert "lab compuerta-and" in class_server.log_lines("sesión", "dani")[-1]


async def test_lesson_id_opens_that_lesson(class_server):
    async with await class_server.connect("dani") as conn:
        screen = await open_screen(conn, "--lesson glosario")
        await screen.wait_for("Glosario")
        screen.send("q")
        await screen.process.wait_closed()
    assert "lección glosario" in class_server.log_lines("sesión", "dani")[-1]


async def test_a_shell_without_a_pty_is_refused_with_a_line(class_server):
    async with await class_server.connect("carla") as conn:
        process = await conn.create_process(encoding="utf-8")  # no term_type: no pty
        stderr = await asyncio.wait_for(process.stderr.read(), 30)
        await process.wait_closed()
    assert process.exit_status == 1
    assert stderr.startswith("tutor: el tutor necesita una terminal")


async def test_sftp_and_subsystems_are_refused(class_server):
    async with await class_server.connect("carla") as conn:
        with pytest.raises((asyncssh.ChannelOpenError, asyncssh.SFTPError, OSError)):
            await asyncio.wait_for(conn.start_sftp_client(), 30)
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.create_process(subsystem="netconf")
    await class_server.logged("rechaza", "carla", "subsistema «sftp»")


async def test_direct_tcpip_like_ssh_w_or_l_is_refused(class_server):
    async with await class_server.connect("carla") as conn:
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.open_connection("127.0.0.1", class_server.port)
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.open_unix_connection("/run/systemd/private")
    await class_server.logged("rechaza", "carla", "reenvío TCP a 127.0.0.1")


async def test_remote_port_forwarding_like_ssh_r_is_refused(class_server):
    async with await class_server.connect("carla") as conn:
        with pytest.raises(asyncssh.ChannelListenError):
            await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 9)
        with pytest.raises(asyncssh.ChannelListenError):
            await conn.forward_remote_path("/tmp/tutor-serve-test.sock", "/tmp/x")
    await class_server.logged("rechaza", "carla", "reenvío remoto 127.0.0.1:0")


async def test_only_one_session_channel_per_connection(class_server):
    async with await class_server.connect("carla") as conn:
        screen = await open_screen(conn)
        await screen.wait_for("Tu progreso")
        with pytest.raises(asyncssh.ChannelOpenError):
            await open_screen(conn)
        screen.send("q")
        await screen.process.wait_closed()


def _braille(text: str) -> bool:
    return any("\u2800" < ch <= "\u28ff" for ch in text)


async def test_ascii_charts_as_the_client_asks(class_server):
    screens = []
    async with await class_server.connect("eva") as plain, await class_server.connect("gabi") as braille:
        for conn, command, env in ((plain, "lab compuerta-and --ascii", {}),
                                   (braille, "lab compuerta-and", {"LANG": "es_ES.UTF-8"})):
            process = await conn.create_process(command, term_type="xterm-256color", term_size=(120, 40),
                                                encoding=None, env=env)
            screens.append(Screen(process))
        for screen in screens:
            await screen.wait_for("(0/2000) · lr 0.1")
            screen.send("r")
            await screen.wait_for("(2000/2000)")
            await asyncio.sleep(1.0)  # the last frame, charts included
            screen.send("q")
            await screen.process.wait_closed()
    assert not _braille(screens[0].text())
    assert _braille(screens[1].text())
