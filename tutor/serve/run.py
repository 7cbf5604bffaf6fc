"""`tutor serve`: fork the zygote, then run the SSH server until SIGTERM / Ctrl+C / SIGHUP.

    serve(class_dir, course, settings)   # returns the exit status

Order matters: the zygote is forked first, while this process has no thread, no event
loop and no secret open (the host key and the log are opened after it, the listening socket
last), so no session inherits any of them.
"""

from __future__ import annotations

import asyncio
import signal
import sys

from tutor.errors import TutorError
from tutor.serve import zygote as zygote_process
from tutor.serve.class_dir import ClassDir
from tutor.serve.settings import ServeSettings


def serve(class_dir: ClassDir, course, settings: ServeSettings) -> int:  # noqa: ANN001 - a Course
    from tutor.serve import host_key

    class_dir.prepare()
    host_key.check(class_dir.host_key)  # a bad key file is said before anything starts
    zygote_settings = {"seed": settings.seed, "no_skip": settings.no_skip}
    pid, sock = zygote_process.start(course, zygote_settings, settings.hangup_grace)
    try:
        from tutor.serve.class_log import ClassLog

        key = host_key.load_or_create(class_dir.host_key)
        log = ClassLog(class_dir.log)
        try:
            return asyncio.run(_serve(class_dir, course, settings, key, log, pid, sock))
        finally:
            log.close()
    finally:
        from tutor.serve.zygote_client import reap

        sock.close()
        reap(pid, timeout=settings.hangup_grace + 10)


async def _serve(class_dir, course, settings, host_key, log, pid, sock) -> int:  # noqa: ANN001
    import asyncssh

    from tutor.serve.host_key import fingerprint
    from tutor.serve.memory_watch import MemoryWatch
    from tutor.serve.registry import Registry
    from tutor.serve.server import ClassServer, ServerContext, server_options
    from tutor.serve.zygote_client import ZygoteClient

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    lost = []
    zygote = ZygoteClient(pid, sock, on_lost=lambda: (lost.append(True), stop.set()))
    registry = Registry(zygote, class_dir, log, settings.max_sessions)
    context = ServerContext(class_dir, course, log, registry, settings)
    try:
        server = await asyncssh.create_server(lambda: ClassServer(context), settings.host, settings.port,
                                              server_host_keys=[host_key], reuse_address=True,
                                              **server_options(settings))
    except OSError as error:
        raise TutorError(f"no se puede escuchar en {settings.host}:{settings.port}: "
                         f"{error.strerror or error}", exit_code=2) from None
    port = server.sockets[0].getsockname()[1]
    _announce(class_dir, settings, port, fingerprint(host_key))
    log.write("abre", "-", f"{settings.host}:{port}", f"máximo {settings.max_sessions} sesiones")
    ready = asyncio.ensure_future(zygote.ready())
    ready.add_done_callback(lambda future: _say_ready(future, stop))
    watch = asyncio.ensure_future(MemoryWatch(registry, settings.session_memory_mb).run())
    await stop.wait()

    watch.cancel()
    server.close()
    ended = await registry.shutdown()
    for conn in list(context.connections):
        conn.close()
    await server.wait_closed()
    zygote.close()
    log.write("cierra", "-", "-", f"{ended} sesiones guardadas y cerradas")
    failure = ready.exception() if ready.done() and not ready.cancelled() else None
    ready.cancel()
    if failure is not None or lost:
        raise failure or TutorError("el proceso que crea las sesiones terminó de repente; el servidor se detuvo")
    return 0


def _announce(class_dir: ClassDir, settings: ServeSettings, port: int, host_fingerprint: str) -> None:
    students = len([name for name in class_dir.students() if class_dir.has_key_file(name)])
    host = settings.host if settings.host not in ("0.0.0.0", "::", "") else "ESTE_SERVIDOR"
    lines = [
        f"tutor serve: clase {class_dir.root} · {students} {'alumno' if students == 1 else 'alumnos'} con clave "
        f"en {class_dir.keys}"
        + (" · código de clase activado" if settings.code else ""),
        f"escuchando en {settings.host}:{port} · huella del servidor {host_fingerprint}",
        f"Los estudiantes entran con:  ssh -p {port} NOMBRE@{host}",
        f"  y directo a un laboratorio: ssh -t -p {port} NOMBRE@{host} lab compuerta-and",
    ]
    if settings.host in ("127.0.0.1", "localhost", "::1"):
        lines.append("  (solo desde esta máquina; para la red del aula: --host 0.0.0.0)")
    lines.append(f"Registro: {class_dir.log} · progreso en {class_dir.progress} · Ctrl+C guarda todo y cierra")
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


def _say_ready(future: asyncio.Future, stop: asyncio.Event) -> None:
    if future.cancelled():
        return
    if future.exception() is not None:
        stop.set()
        return
    sys.stdout.write("listo: TensorFlow y el tutor cargados; cada sesión empieza al momento\n")
    sys.stdout.flush()
