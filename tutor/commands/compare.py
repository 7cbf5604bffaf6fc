"""`tutor run LAB --compare sgd,adam[,...]`: the same start, 2 to 4 optimizers, one loss table.

Every optimizer trains from the same start values (and, with --batch-size, the same batches),
chunk by chunk in step with the others, so memory stays flat for any --epochs. A row is printed
for each epoch with epoch % every == 0, for the last epoch, and for an epoch where one of
them diverged; a diverged optimizer shows "divergió" there and "-" after it.

--json prints one object per printed row:
    {"epoch": 400, "loss": {"sgd": 0.2577, "adam": 0.0123}, "diverged": {"sgd": false, "adam": false}}
with loss null once that optimizer has diverged.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

from tutor.commands.run import RunPlan, make_trainer, update_lines, warn_diverged


def run_comparison(plan: RunPlan, names: list[str]) -> int:
    from tutor.engine.comparison import in_step

    trainers = {name: make_trainer(plan, name) for name in names}
    width = max(10, *(len(name) for name in names)) + 2
    out = sys.stdout
    if not plan.as_json:
        out.write(_joined(_header(plan, names, width)))
    gone: dict[str, int] = {}  # optimizer -> the epoch it diverged in
    for done, chunk in in_step(trainers, plan.epochs):
        for epoch in range(done, done + max(len(c) for c in chunk.values())):
            records = {name: chunk.get(name, {}).get(epoch) for name in names}
            diverged_now = [name for name, record in records.items() if record is not None and record.diverged]
            if epoch % plan.every == 0 or epoch == plan.epochs - 1 or diverged_now:
                out.write(_row(epoch, names, records, gone, width, plan.as_json) + "\n")
            gone.update({name: epoch for name in diverged_now})
            if len(gone) == len(names):
                break
    out.flush()
    for name, trainer in trainers.items():
        if trainer.diverged:
            warn_diverged(trainer, name)
    return 0


def _header(plan: RunPlan, names: list[str], width: int) -> list[str]:
    batches = update_lines(plan, None)
    lines = [f"Comparación de optimizadores en {plan.spec.id}: el mismo inicio, learning rate {plan.lr}, "
             f"{plan.epochs} épocas", *batches, "Loss por época:", ""]
    return lines + ["Época".rjust(7) + "".join(name.rjust(width) for name in names)]


def _row(epoch: int, names: list[str], records: dict[str, Any], gone: dict[str, int], width: int,
         as_json: bool) -> str:
    if as_json:
        losses = {name: (records[name].loss if records[name] is not None and math.isfinite(records[name].loss)
                         else None) for name in names}
        diverged = {name: name in gone or (records[name] is not None and records[name].diverged) for name in names}
        return json.dumps({"epoch": epoch, "loss": losses, "diverged": diverged}, allow_nan=False)
    cells = []
    for name in names:
        record = records[name]
        if record is None:
            cells.append("-")
        elif record.diverged:
            cells.append("divergió")
        else:
            cells.append(f"{record.loss:.5f}")
    return str(epoch).rjust(7) + "".join(cell.rjust(width) for cell in cells)


def _joined(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)
