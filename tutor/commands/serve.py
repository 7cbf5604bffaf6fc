"""`tutor serve --class DIR [--host H] [--port P] [--seed N] [--lessons PACK] [--no-skip]
[--code CÓDIGO] [--max-sessions N] [--idle-timeout MIN] [--session-memory MB]`: host the class over SSH."""

from __future__ import annotations

import argparse

from tutor.errors import TutorError


def execute(args: argparse.Namespace) -> int:
    from tutor.lessons import load_course
    from tutor.serve.class_dir import ClassDir
    from tutor.serve.settings import ServeSettings, default_max_sessions

    class_dir = ClassDir(args.class_dir)
    class_dir.check_exists()
    code = getattr(args, "code", None)
    if code is not None and (len(code) < 4 or not code.isprintable()):
        raise TutorError("el código de clase debe tener al menos 4 caracteres visibles", exit_code=2)
    course = load_course(getattr(args, "lessons", None))
    settings = ServeSettings(
        host=args.host, port=args.port, seed=getattr(args, "seed", None),
        no_skip=bool(getattr(args, "no_skip", False)) or course.no_skip, code=code,
        max_sessions=getattr(args, "max_sessions", None) or default_max_sessions(),
        idle_minutes=float(args.idle_timeout),
        session_memory_mb=getattr(args, "session_memory", None) or ServeSettings.session_memory_mb,
    )
    from tutor.serve.run import serve

    return serve(class_dir, course, settings)
