"""A small lesson pack written to a temp dir for the app's tests: fixed text, so screens are
deterministic whatever happens to the built-in course."""

from __future__ import annotations

from pathlib import Path

COURSE = '''title = "Curso de prueba"
no_skip = false
'''

INTRO = '''+++
id = "intro"
order = 1
title = "Conceptos"
kind = "reading"
summary = "Qué es aprender."
+++

## Conceptos

Una red aprende ajustando sus [[pesos]] paso a paso.

| Concepto      | Qué significa                             |
| ------------- | ----------------------------------------- |
| Forward pass  | Calcular predicción usando pesos actuales |
| Loss          | Cuánto se equivoca el modelo              |

## Recordatorio del flujo

Cuatro pasos: forward, loss, gradientes y update. El [[bias]] también se aprende.
'''

QUIZ = '''+++
id = "repaso"
order = 2
title = "Repaso"
kind = "quiz"

[[exercises]]
id = "regla"
kind = "choice"
prompt = "¿Qué hace `w.assign_sub(lr * dw)`?"
choices = ["Resta lr·dw a w", "Suma lr·dw a w", "Calcula dw"]
answer = "Resta lr·dw a w"
hints = ["assign_sub = asignar restando.", "El paso va en contra del gradiente."]
explanation = "Es la regla de actualización: w = w − lr·dw."

[[exercises]]
id = "loss-10"
kind = "numeric"
prompt = "¿Qué loss imprimió el notebook en la época 10?"
value = 0.0465
tolerance = 0.0001
hints = ["Busca la línea Epoch 10."]
explanation = "Epoch 10  Loss=0.0465."
+++

## Antes de empezar

Responde dos preguntas.
'''

LAB = '''+++
id = "neurona"
order = 3
title = "Una neurona simple"
kind = "lab"

[lab]
dataset = "ejemplo-1"
model = "lineal"
loss = "mse"
lr = 0.1
epochs = 51
every = 10
params = ["w", "b"]
bias_init = "normal"
trace = "ejemplo-1"

[lab.notebook_init]
w = [1.3552873]
b = [0.00364656]

[[exercises]]
id = "valor-dw"
kind = "numeric"
prompt = "¿Cuánto vale dw en la época 0?"
live = { field = "grads", name = "w", index = 0, epoch = 0 }
tolerance = 0.05
hints = ["Mira la fase Gradientes."]
explanation = "dw = -2/n · Σ x·(y − y_pred)."

[[exercises]]
id = "que-es-lr"
kind = "choice"
prompt = "¿Qué controla el learning rate?"
choices = ["El tamaño de cada paso", "El número de épocas"]
answer = "El tamaño de cada paso"
hints = ["lr multiplica al gradiente."]
explanation = "w = w − lr·dw: lr escala el paso."
+++

## Los datos

x = 1..4, y = 2x + 1.
'''

GLOSSARY = '''+++
id = "glosario"
order = 4
title = "Glosario esencial"
kind = "glossary"

[[terms]]
id = "pesos"
number = 3
name = "Pesos (Weights, w)"
definition = "Son los valores que dicen qué tan importante es cada entrada."
example = "Si `w1 = 0`, la entrada x1 no importa."
related = ["bias", "funcion-de-activacion"]
aliases = ["w", "weights", "pesos"]

[[terms]]
id = "bias"
number = 4
name = "Bias (b)"
definition = "Número libre que permite desplazar la salida antes de aplicar la activación."
related = ["pesos"]
aliases = ["b", "sesgo"]

[[terms]]
id = "funcion-de-activacion"
number = 5
name = "Función de Activación"
definition = "Transforma el valor `z` en algo útil."
example = "| Activación | Uso |\\n| --- | --- |\\n| Sigmoid | Clasificación binaria |"
related = ["pesos"]
aliases = ["activation", "sigmoid"]

[[terms]]
id = "capa"
number = 6
name = "Capa (Layer)"
definition = "Una colección de neuronas trabajando juntas."
aliases = ["layer"]
+++

## Mini resumen

| Elemento | Rol                   |
| -------- | --------------------- |
| Pesos    | Aprendizaje principal |
'''

BROKEN = '''+++
id = "rota"
order = 5
title = "Lección rota"
kind = "reading"
colour = "rojo"
+++

## Texto

Nada.
'''


def write_pack(directory: Path, *, broken: bool = False, no_skip: bool = False) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "course.toml").write_text(COURSE.replace("false", "true") if no_skip else COURSE, "utf-8")
    for name, text in (("01-intro.md", INTRO), ("02-repaso.md", QUIZ), ("03-neurona.md", LAB),
                       ("04-glosario.md", GLOSSARY)):
        (directory / name).write_text(text, "utf-8")
    if broken:
        (directory / "05-rota.md").write_text(BROKEN, "utf-8")
    return directory
