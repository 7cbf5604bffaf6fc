"""El ciclo de entrenamiento del notebook, un archivo por modelo: lineal.py (Ejemplo 1),
sigmoide.py (Ejemplo 2 y Ejemplo final) y red.py (la capa oculta del XOR).

Estos archivos se muestran a los estudiantes en el laboratorio (tutor.engine.source los lee
sin importar TensorFlow): lo que ven es lo que corre. En cada uno, `forward_<modelo>` es la
propagación hacia adelante, y cada `epoch_<modelo>_<loss>` es el cuerpo del
`for epoch in range(epochs):` del notebook, con sus cuatro fases marcadas
(# 1 Forward, # 2 Loss, # 3 Gradientes, # 4 Update).

Dos diferencias con el notebook, que no cambian sus números:
- la pérdida se calcula primero por muestra (`perdidas`) y luego se promedia, para poder
  mostrar cuánto se equivoca en cada ejemplo; el número es el mismo que
  `tf.reduce_mean(...)` de una sola línea;
- el forward está en su propia función, la misma que usan "correr" (en un grafo) y las
  predicciones finales.
"""

from tutor.engine.runtime import load_tensorflow

tf = load_tensorflow()  # import tensorflow as tf (sin sus mensajes de log)
