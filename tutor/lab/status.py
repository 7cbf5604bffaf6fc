"""The lab's status line, as text: epoch, lr (the optimizer and batch size unless the
notebook's), loss, phase (with the batch on screen) or state, the last feedback, and a
warning (failed / diverged / a loss that ended worse than it started).

    line = status_of(session)    # Status(text, warning, kind, short, shortest)
    line.fit(80)                 # the text for 80 columns

The last feedback is what the student just caused, so in a narrow window it stays on screen:
`fit` drops the phase/state part before cutting the feedback.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.engine.records import PHASES
from tutor.lab.numbers import num, rate
from tutor.lessons.model import OPTIMIZERS


@dataclass(frozen=True)
class Status:
    text: str  # one line: never wraps
    warning: str = ""  # a second line when something is wrong
    kind: str = ""  # "", "failed", "diverged" or "rising"
    short: str = ""  # the text without its phase/state part ("" = the same)
    shortest: str = ""  # only the epoch (and its count) and the feedback

    def fit(self, width: int) -> str:
        """The line for `width` columns: the whole text if it fits, else the short one, else
        the shortest (the rest is cut with an ellipsis)."""
        for line in (self.text, self.short):
            if line and len(line) <= width:
                return line
        return self.shortest or self.short or self.text


def status_of(session) -> Status:  # noqa: ANN001 - a LabSession (imported by it)
    from tutor.lab.session import State

    run, spec = session.run, session.spec
    record = run.current
    parts = [f"Época {record.epoch} ({run.epochs_run}/{spec.epochs})" if record else f"Época - (0/{spec.epochs})",
             f"lr {rate(session.lr)}"]
    if session.tuning.short():
        parts.append(session.tuning.short())
    shown = run.losses_shown()
    parts.append(f"loss {num(shown[-1])}" if shown else "loss -")
    core = list(parts)  # epoch, lr (with the optimizer and batch size), loss: kept by `short`
    state = session.state
    if state is State.LOADING:
        parts.append("cargando TensorFlow…")
    elif state is State.RUNNING:
        parts.append("pausando…" if session.pausing else "▶ corriendo: r pausa")
    elif session.gate is not None:
        parts.append(f"3 Gradientes: antes predice (1–{len(session.gate.choices)} y Enter)")
    elif session.comparing:
        parts.append(f"comparando {len(OPTIMIZERS)} optimizadores…")
    elif run.phase:
        batch = run.shown_batch() if run.phase == len(PHASES) else None
        parts.append(f"{run.phase} {PHASES[run.phase - 1]}" +
                     ("" if batch is None else f", batch {batch + 1}/{len(run.current.batches)}"))
    elif state is not State.FAILED:
        parts.append("listo: espacio o e")
    feedback = session.message or session.start_label
    parts.append(feedback)
    text = " · ".join(parts)
    short = " · ".join([*core, feedback]) if session.message and len(parts) > len(core) + 1 else ""
    shortest = f"{core[0]} · {feedback}" if session.message else ""  # the epoch and its count
    if state is State.FAILED:
        return Status(text, f"⚠ {session.failure}", "failed", short, shortest)
    if state is State.DIVERGED:
        return Status(text, f"⚠ DIVERGIÓ en la época {record.epoch} con lr {rate(record.lr)} (NaN/inf): "
                            "baja el lr con - y pulsa x", "diverged", short, shortest)
    rising = session.rising()
    if rising is not None:
        first, last = rising
        return Status(text, f"⚠ La loss subió de {num(first)} a {num(last)}: lr muy grande. "
                            "Bájalo (-) y pulsa x", "rising", short, shortest)
    return Status(text, short=short, shortest=shortest)
