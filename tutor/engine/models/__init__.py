"""The model registry: one entry per model kind, and `model_for(spec)` to bind one to a lab.

Adding a model is adding an entry: a Model subclass here (names, shapes, formulas, the
gradients by hand) and its TensorFlow code in tutor/engine/loops/<name>.py (a forward
function and one epoch function per loss). Nothing else compares model names.
No TensorFlow is imported here.
"""

from __future__ import annotations

from tutor.engine.models.base import ChainTerm, Defaults, Formulas, Limits, Model, WeightChain
from tutor.engine.models.lineal import Lineal
from tutor.engine.models.red import Red
from tutor.engine.models.sigmoide import Sigmoide
from tutor.errors import TutorError
from tutor.lessons.model import LabSpec

MODEL_KINDS: dict[str, type[Model]] = {kind.name: kind for kind in (Lineal, Sigmoide, Red)}


def model_kind(name: str) -> type[Model]:
    """The kind itself (class attributes: title, chart_kind, losses, forward_names, defaults,
    limits...), for choices made before there is a lab (the free lab's form)."""
    try:
        return MODEL_KINDS[name]
    except KeyError:
        raise TutorError(f"modelo desconocido {name!r} (modelos: {', '.join(MODEL_KINDS)})") from None


def model_for(spec: LabSpec) -> Model:
    """The lab's model kind bound to the lab: its names, shapes, formulas and hand gradients."""
    model = model_kind(spec.model)(spec)
    if len(spec.params) != len(model.code_params):
        raise TutorError(f"el modelo {spec.model!r} tiene {len(model.code_params)} parámetros, "
                         f"no {len(spec.params)} ({spec.id})")
    if spec.loss not in model.losses:
        raise TutorError(f"el modelo {spec.model!r} no se entrena con loss {spec.loss!r} ({spec.id})")
    return model


__all__ = ["MODEL_KINDS", "ChainTerm", "Defaults", "Formulas", "Limits", "Model", "WeightChain",
           "model_for", "model_kind"]
