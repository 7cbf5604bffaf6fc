"""The lab's keys. The lab's own (LAB_ACTIONS) are priority bindings: they work whatever has the
focus (a card's options, a button), except while the student types in a text box; digits and
Enter answer only the predict gate (LabScreen.check_action decides)."""

from __future__ import annotations

from textual.binding import Binding

LAB_ACTIONS = ("next_phase", "epoch", "run", "reset", "random_start", "notebook_start", "faster", "slower",
               "type_lr", "toggle_code", "next_optimizer", "next_batch_size", "compare", "pick_weight",
               "pick_weight_back")


def _key(key: str, action: str, description: str, tooltip: str, **options) -> Binding:
    return Binding(key, action, description, tooltip=tooltip, priority=True, **options)


LAB_BINDINGS = [
    _key("space", "next_phase", "fase", "siguiente fase: 1 Forward → 2 Loss → 3 Gradientes → 4 Update",
         key_display="esp"),
    _key("e", "epoch", "época", "una época completa (las cuatro fases)"),
    _key("r", "run", "correr", "entrenar hasta el número de épocas del laboratorio; otra vez r pausa"),
    _key("x", "reset", "reinicia", "volver a empezar desde los mismos valores iniciales"),
    _key("s", "random_start", "azar", "nuevos valores iniciales al azar"),
    _key("i", "notebook_start", "cuaderno", "los valores iniciales del cuaderno"),
    _key("plus", "faster", "lr×2", "duplicar el learning rate", key_display="+"),
    _key("minus", "slower", "lr÷2", "dividir el learning rate entre dos", key_display="-"),
    _key("l", "type_lr", "lr=", "escribir un learning rate exacto (p. ej. 0.119); Enter aplica, Escape cancela"),
    _key("c", "toggle_code", "código", "el código que corre: en lugar del bucle (ventanas estrechas) "
                                      "o a su lado (anchas)"),
    _key("o", "next_optimizer", "optimizador", "cambiar de optimizador desde la próxima época: "
                                               "sgd → momentum → adam → rmsprop (x empieza de nuevo con él)"),
    _key("b", "next_batch_size", "batch", "cambiar el batch size desde la próxima época: de todo el dataset a 1"),
    _key("k", "compare", "comparar", "la loss de los cuatro optimizadores desde el mismo inicio, en una "
                                    "gráfica (cualquier tecla vuelve)"),
    _key("w", "pick_weight", "peso", "elegir un peso (de la salida hacia atrás): se marca en Gradientes y "
                                    "Update y su regla de la cadena, con números, ocupa las gráficas"),
    _key("W", "pick_weight_back", "peso anterior", "el peso anterior (Shift+w)", show=False),
    Binding("tab", "exercises", "ejercicios", key_display="Tab",
            tooltip="ir a los ejercicios del laboratorio (Tab pasa al siguiente, Escape vuelve)"),
    Binding("escape", "back", "volver", show=False,
            tooltip="de los ejercicios al bucle; desde el bucle, salir del laboratorio (o al formulario)"),
    *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    Binding("enter", "confirm", show=False),
]
