"""`tutor run LAB`: train a lab without the app and print the notebook-style trace.

Text mode prints what the notebook's cells print (data, start values, one block per printed
epoch, final predictions); `--json` prints only one JSON object per printed epoch.
If the training diverges (loss or weights NaN/inf), the diverged epoch is printed too, a
warning goes to stderr and the exit status is still 0: the run itself worked.
"""

from __future__ import annotations

import argparse
import json
import sys

from tutor.errors import TutorError


def execute(args: argparse.Namespace) -> int:
    from tutor.engine import Trainer, start_values
    from tutor.engine.trace import epoch_lines, final_lines, header_lines
    from tutor.engine.trainer import CHUNK
    from tutor.lessons import load_course

    course = load_course(getattr(args, "lessons", None))
    spec = course.lab(args.lab)
    if spec is None:
        known = ", ".join(lab.id for lab in course.labs) or "ninguno"
        raise TutorError(f"no existe el laboratorio {args.lab!r}; los laboratorios son: {known}",
                         exit_code=2)
    seed = getattr(args, "seed", None)
    how = getattr(args, "init", None) or "random"
    if how == "notebook" and seed is not None:
        raise TutorError("--seed y --init notebook no se pueden usar juntos", exit_code=2)
    epochs = getattr(args, "epochs", None) or spec.epochs
    every = getattr(args, "every", None) or spec.every
    lr = spec.lr if getattr(args, "lr", None) is None else args.lr
    as_json = getattr(args, "json", False)

    start = start_values(spec, how, seed)
    trainer = Trainer(spec, start, lr)
    out = sys.stdout
    if not as_json:
        out.write(_joined(header_lines(spec, start, trainer.lr)))
    # One chunk at a time, printed as it comes: memory stays flat for any --epochs.
    while trainer.epoch < epochs and not trainer.diverged:
        for record in trainer.run(min(CHUNK, epochs - trainer.epoch)):
            if record.epoch % every == 0 or record.diverged:
                out.write(json.dumps(record.to_json(), allow_nan=False) + "\n" if as_json
                          else _joined(epoch_lines(spec, record)))
    if not as_json and not trainer.diverged:
        out.write(_joined(final_lines(spec, trainer.params, trainer.predict())))
    out.flush()
    if trainer.diverged:
        sys.stderr.write(
            f"tutor: aviso: el entrenamiento divergió en la época {trainer.epoch - 1}: la pérdida "
            f"o los pesos se volvieron NaN/inf con learning rate {trainer.lr}; prueba uno menor\n")
    return 0


def _joined(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)
