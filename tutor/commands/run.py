"""`tutor run LAB`: train a lab without the app and print the notebook-style trace.

Text mode prints what the notebook's cells print (data, start values, one block per printed
epoch, final predictions); `--json` prints only one JSON object per printed epoch.
`--optimizer` and `--batch-size` change the update (a header line says how; without them
the output is the notebook's); `--compare a,b[,c,d]` trains the same start with each
optimizer and prints their losses side by side (see tutor/commands/compare.py).
If the training diverges (loss or weights NaN/inf), the diverged epoch is printed too, a
warning goes to stderr and the exit status is still 0: the run itself worked. A run whose
loss ends higher than it started (finite, but the lr is too big) gets a warning too.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from typing import Any

from tutor.errors import TutorError


@dataclass(frozen=True)
class RunPlan:
    """Everything a run needs, checked: the lab, its start, the epochs and the update rule."""

    spec: Any
    start: dict
    epochs: int
    every: int
    lr: float
    optimizer: str
    batch_size: int | None
    shuffle_seed: int
    as_json: bool


def execute(args: argparse.Namespace) -> int:
    compare = getattr(args, "compare", None)
    plan = plan_run(args, forbid_optimizer=compare is not None)
    if compare is not None:
        from tutor.commands.compare import run_comparison

        return run_comparison(plan, optimizer_names(compare))
    return _run(plan)


def plan_run(args: argparse.Namespace, forbid_optimizer: bool = False) -> RunPlan:
    from tutor.engine import start_values
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
    optimizer = getattr(args, "optimizer", None)
    if optimizer is not None and forbid_optimizer:
        raise TutorError("--compare y --optimizer no se pueden usar juntos: --compare ya dice qué "
                         "optimizadores usar", exit_code=2)
    optimizer = check_optimizer(optimizer or spec.optimizer)
    batch_size = getattr(args, "batch_size", None)
    if batch_size is None:
        batch_size = spec.batch_size
    samples = len(spec.dataset.inputs)
    if batch_size is not None and batch_size > samples:
        raise TutorError(f"--batch-size {batch_size} es mayor que los {samples} ejemplos de "
                         f"'{spec.dataset.id}' (usa de 1 a {samples})", exit_code=2)
    return RunPlan(
        spec=spec, start=start_values(spec, how, seed), epochs=getattr(args, "epochs", None) or spec.epochs,
        every=getattr(args, "every", None) or spec.every,
        lr=spec.lr if getattr(args, "lr", None) is None else args.lr, optimizer=optimizer,
        batch_size=batch_size, shuffle_seed=seed if seed is not None else 0,
        as_json=getattr(args, "json", False))


def check_optimizer(name: str) -> str:
    from tutor.lessons.model import OPTIMIZERS

    if name not in OPTIMIZERS:
        raise TutorError(f"optimizador desconocido {name!r} (válidos: {', '.join(OPTIMIZERS)})", exit_code=2)
    return name


def optimizer_names(text: str) -> list[str]:
    """`--compare sgd,adam`: 2 to 4 distinct optimizer names."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not 2 <= len(names) <= 4:
        raise TutorError(f"--compare necesita de 2 a 4 optimizadores separados por comas "
                         f"(p. ej. sgd,adam), no {len(names)}", exit_code=2)
    for name in names:
        check_optimizer(name)
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise TutorError(f"--compare repite {', '.join(repeated)}: cada optimizador una vez", exit_code=2)
    return names


def make_trainer(plan: RunPlan, optimizer: str) -> Any:
    from tutor.engine import Trainer

    return Trainer(plan.spec, plan.start, plan.lr, optimizer=optimizer, batch_size=plan.batch_size,
                   shuffle_seed=plan.shuffle_seed)


def update_lines(plan: RunPlan, optimizer: str | None) -> list[str]:
    """What the header adds when the update is not the notebook's (nothing when it is)."""
    from tutor.engine import optimizer_kind
    from tutor.engine.batches import batch_count

    lines = []
    if optimizer is not None and optimizer != "sgd":
        kind = optimizer_kind(optimizer)
        lines.append(f"Optimizador: {kind.title} (tf.keras.optimizers, lr {plan.lr})")
    if plan.batch_size is not None:
        samples = len(plan.spec.dataset.inputs)
        updates = batch_count(samples, plan.batch_size)
        lines.append(f"Batch size: {plan.batch_size} de {samples} ejemplos → {updates} actualizaciones por época "
                     f"(orden barajado en cada época con la semilla {plan.shuffle_seed})")
    return lines


def _run(plan: RunPlan) -> int:
    from tutor.engine.trace import epoch_lines, final_lines, header_lines
    from tutor.engine.trainer import CHUNK

    spec = plan.spec
    trainer = make_trainer(plan, plan.optimizer)
    out = sys.stdout
    if not plan.as_json:
        header = header_lines(spec, plan.start, trainer.lr)
        extra = update_lines(plan, plan.optimizer)
        if extra:
            header = header[:-1] + extra + header[-1:]
        out.write(_joined(header))
    # One chunk at a time, printed as it comes: memory stays flat for any --epochs.
    first = last = None
    while trainer.epoch < plan.epochs and not trainer.diverged:
        for record in trainer.run(min(CHUNK, plan.epochs - trainer.epoch)):
            first = record.loss if first is None else first
            last = record.loss
            if record.epoch % plan.every == 0 or record.diverged:
                out.write(json.dumps(record.to_json(), allow_nan=False) + "\n" if plan.as_json
                          else _joined(epoch_lines(spec, record)))
    if not plan.as_json and not trainer.diverged:
        out.write(_joined(final_lines(spec, trainer.params, trainer.predict())))
    out.flush()
    if trainer.diverged:
        warn_diverged(trainer, "el entrenamiento")
    elif first is not None and last > first * (1 + 1e-6):
        sys.stderr.write(f"tutor: aviso: la loss terminó en {last:.6g}, más alta que al empezar ({first:.6g}): "
                         f"el learning rate {trainer.lr} es demasiado grande; prueba uno menor\n")
    return 0


def warn_diverged(trainer: Any, what: str) -> None:
    sys.stderr.write(
        f"tutor: aviso: {what} divergió en la época {trainer.epoch - 1}: la pérdida "
        f"o los pesos se volvieron NaN/inf con learning rate {trainer.lr}; prueba uno menor\n")


def _joined(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)
