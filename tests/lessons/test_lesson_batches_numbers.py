"""Every number of the lesson «Epoch, batch y batch size» (lessons/10-batches.md) is what the
engine computes: the real Trainer and `tutor run batches --json`, on the 100 points of nubes-100."""

from __future__ import annotations

import json
import math
from functools import lru_cache

import numpy as np
import pytest
from lesson_numbers import COURSE, assert_mentions, assert_shown, exercise, lesson, page_text, table

from tutor.cli import main


def written(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace("-", "−")


def trainer(batch_size: int, seed: int = 0):
    """A Trainer of the lab from `--seed seed`, shuffled as `tutor run --seed seed` shuffles."""
    from tutor.engine import Trainer, start_values

    spec = COURSE.lab("batches")
    return Trainer(spec, start_values(spec, "random", seed), batch_size=batch_size, shuffle_seed=seed)


@lru_cache(maxsize=None)
def records(batch_size: int, epochs: int = 200):
    return trainer(batch_size).run(epochs)


def losses(batch_size: int) -> list[float]:
    return [record.loss for record in records(batch_size)]


def rises(values: list[float]) -> int:
    return sum(later > earlier for earlier, later in zip(values, values[1:]))


def test_the_lab_is_a_hundred_points_in_batches_of_ten():
    lab = lesson("batches").lab
    assert (lab.dataset.id, lab.model, lab.loss, lab.lr, lab.epochs, lab.batch_size) == (
        "nubes-100", "sigmoide", "bce", 0.1, 200, 10)
    assert len(lab.dataset.inputs) == 100 and sorted(set(lab.dataset.targets)) == [0.0, 1.0]
    assert [len(batch.indices) for batch in records(10, 1)[0].batches] == [10] * 10  # 10 actualizaciones


def test_no_line_separates_the_two_clouds():
    """«algún punto queda siempre del lado equivocado»: every line misclassifies a point."""
    data = COURSE.datasets["nubes-100"]
    x, y = np.array(data.inputs), np.array(data.targets)
    angles = np.linspace(0, np.pi, 1801)
    projections = x @ np.stack([np.cos(angles), np.sin(angles)])  # 100 × angles
    for column in projections.T:
        order = np.argsort(column)
        ones_left = np.concatenate([[0], np.cumsum(y[order])])  # class-1 points at or below each cut
        zeros_left = np.arange(101) - ones_left
        wrong = np.minimum(zeros_left + (y.sum() - ones_left), ones_left + (100 - y.sum() - zeros_left))
        assert wrong.min() >= 1


def test_one_epoch_batch_by_batch(capfd):
    text = page_text("batches", "Una época, batch a batch")
    assert main(["run", "batches", "--seed", "0", "--json", "--every", "1", "--epochs", "2"]) == 0
    printed = [json.loads(line) for line in capfd.readouterr().out.splitlines()]
    assert set(printed[0]["batches"][0]) == {"indices", "loss", "grads", "params_after"}
    first, second = (epoch["batches"][0]["indices"] for epoch in printed)
    assert_mentions(text, "la época 0 son los puntos " + ", ".join(map(str, first[:-1])) + f" y {first[-1]}",
                    "el de la época 1, los " + ", ".join(map(str, second[:-1])) + f" y {second[-1]}")
    epoch_0 = records(10)[0]
    assert [list(batch.indices) for batch in epoch_0.batches[:1]] == [first]
    order = np.random.default_rng([0, 0]).permutation(100)  # the rule the page writes
    assert [i for batch in epoch_0.batches for i in batch.indices] == order.tolist()
    batch_losses = [batch.loss for batch in epoch_0.batches]
    assert_mentions(text, f"van de {min(batch_losses):.3f} a {max(batch_losses):.3f}",
                    f"la loss de los 100 era {epoch_0.loss:.4f}")
    assert [len(b.indices) for b in trainer(40).step().batches] == [40, 40, 20]  # "batches de 40, 40 y 20"


def test_how_much_the_batch_size_changes():
    text = page_text("batches", "Cuánto cambia el batch size")
    rows = table(text, "Batch size")
    for batch_size in (100, 50, 10, 1):
        cells, values = rows[str(batch_size)], losses(batch_size)
        assert cells[1] == str(math.ceil(100 / batch_size)) == str(len(records(batch_size)[0].batches))
        for cell, epoch in zip(cells[2:5], (1, 10, 100)):
            assert_shown(cell, values[epoch], f"batch size {batch_size}, época {epoch}")
        assert cells[5] == str(rises(values))
    assert len(losses(1)) == 200  # 199 changes from one epoch to the next: "Subió (de 199)"
    assert_mentions(text, "Subió (de 199)")
    best = int(np.argmin(losses(1)))
    assert_mentions(text, f"sube en {rises(losses(1))} de las 199 épocas",
                    f"Su mejor loss, {losses(1)[best]:.4f} en la época {best}",
                    f"de la última época ({losses(1)[-1]:.4f})",
                    f"batch size 1 va por {losses(1)[10]:.4f} y el dataset entero por {losses(100)[10]:.4f}")
    choice = exercise("batches", "batch-ruido")
    assert_mentions(choice.explanation, "la loss sube {} veces de 199 con batch size 100, {} con 10 y {} con 1".format(
        rises(losses(100)), rises(losses(10)), rises(losses(1))))
    assert choice.answer == "Con batch size 1" and rises(losses(1)) > rises(losses(10)) > rises(losses(100)) == 0


def test_the_same_updates_with_fewer_examples():
    rows = table(page_text("batches", "Mismas actualizaciones, menos ejemplos"), "Batch size")
    for batch_size, epochs in ((100, 100), (10, 10), (1, 1)):
        cells = rows[str(batch_size)]
        updates = epochs * math.ceil(100 / batch_size)
        assert cells[1:4] == [str(epochs), str(updates), f"{epochs * 100:,}".replace(",", " ")]
        assert updates == 100
        assert_shown(cells[4], losses(batch_size)[epochs], f"batch size {batch_size}")
    text = page_text("batches", "Mismas actualizaciones, menos ejemplos")
    assert_mentions(text, f"dejan la loss en {losses(1)[1]:.4f}")


def test_the_goal_and_its_explanation():
    from tutor.engine import start_values

    goal = exercise("batches", "batch-objetivo")
    assert (goal.goal.below, goal.goal.within_epochs) == (0.3, 10)
    latest = {}
    for batch_size in (100, 10, 5, 2, 1):
        run = trainer(batch_size)
        firsts = []
        for seed in range(30):
            run.reset(start_values(run.spec, "random", seed))
            run.shuffle_seed = seed
            values = [record.loss for record in run.run(12)]
            firsts.append(next((epoch for epoch, loss in enumerate(values) if loss < 0.3), None))
        latest[batch_size] = firsts
    assert all(f is not None and f < 10 for f in latest[1])
    assert_mentions(goal.explanation, f"como tarde, en la época {max(latest[1])}", f"(la {max(latest[2])} en el peor)")
    assert sum(f is not None and f < 10 for f in latest[2]) >= 25  # "casi siempre"
    for batch_size in (5, 10, 100):
        assert not any(f is not None and f < 10 for f in latest[batch_size]), batch_size
    assert_mentions(goal.explanation, f"deja la loss en {losses(10)[10]:.4f} con batch size 10 y en "
                                      f"{losses(100)[10]:.4f} con 100")


def test_the_bias_after_one_epoch_of_a_hundred_updates():
    question = exercise("batches", "signo-b-batch-1")
    assert (question.kind, question.live.field, question.live.name, question.live.epoch) == ("predict", "params_after", "b", 0)
    from tutor.engine import start_values

    negative = {}
    for batch_size in (100, 10, 1):
        run = trainer(batch_size)
        count = 0
        for seed in range(30):
            run.reset(start_values(run.spec, "random", seed))
            run.shuffle_seed = seed
            count += run.run(1)[0].params_after["b"][0] < 0
        negative[batch_size] = count
    assert negative[1] == 30
    one, full = records(1)[0].params_after, records(100)[0].params_after
    assert_mentions(question.explanation, f"W = ({one['W'][0]:.2f}, {one['W'][1]:.2f}) y b = {written(one['b'][0], 2)}",
                    f"hasta {written(full['b'][0], 4)}, y en {30 - negative[100]} de esos 30 inicios queda positivo",
                    f"queda negativo en {negative[10]} de 30")
    assert one["W"][0] > 0 and one["W"][1] > 0


def test_thirty_two_makes_four_updates():
    question = exercise("batches", "batches-de-32")
    assert question.value == len(trainer(32).step().batches) == math.ceil(100 / 32)
    assert [len(b.indices) for b in trainer(32).step().batches][-1] == 100 - 3 * 32


def test_a_number_rounded_otherwise_does_not_match():
    assert_shown("0.6951", 0.69513)
    for wrong in (0.69504, 0.69516, -0.6951):
        with pytest.raises(AssertionError):
            assert_shown("0.6951", wrong)
    assert_shown("−1.34", -1.3432)
    assert_shown("8.0·10⁻⁵", 8.02e-5)
