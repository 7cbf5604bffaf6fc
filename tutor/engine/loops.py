"""El ciclo de entrenamiento del notebook: una época por llamada.

Este archivo se muestra a los estudiantes en el laboratorio (tutor.engine.source lo lee sin
importar TensorFlow): lo que ven es lo que corre. Cada función es el cuerpo del
`for epoch in range(epochs):` del notebook, con sus cuatro fases marcadas
(# 1 Forward, # 2 Loss, # 3 Gradientes, # 4 Update).

La única diferencia con el notebook: la pérdida se calcula primero por muestra (`perdidas`)
y luego se promedia, para poder mostrar cuánto se equivoca en cada ejemplo. El número es el
mismo que `tf.reduce_mean(...)` de una sola línea.
"""

from tutor.engine.runtime import load_tensorflow

tf = load_tensorflow()  # import tensorflow as tf (sin sus mensajes de log)


# Ejemplo 1: y = w * x + b, pérdida MSE.
def epoch_lineal_mse(x, y_real, w, b, lr):
    with tf.GradientTape() as tape:
        # 1 Forward: calcular la predicción con w y b actuales
        y_pred = w * x + b

        # 2 Loss: MSE, calcular la pérdida (el error al cuadrado, promediado)
        perdidas = (y_real - y_pred) ** 2
        loss = tf.reduce_mean(perdidas)

    # 3 Gradientes: en qué dirección y cuánto deben cambiar w y b
    # para disminuir la pérdida (derivadas parciales: señales de corrección)
    dw, db = tape.gradient(loss, [w, b])

    # 4 Update: actualizar los pesos de acuerdo a los gradientes
    # lr = learning rate: qué tan rápido aprende
    w.assign_sub(lr * dw)
    b.assign_sub(lr * db)

    return (y_pred,), perdidas, loss, [dw, db]


# La neurona lineal con binary crossentropy (laboratorio libre).
def epoch_lineal_bce(x, y_real, w, b, lr):
    with tf.GradientTape() as tape:
        # 1 Forward: calcular la predicción con w y b actuales
        y_pred = w * x + b

        # 2 Loss: binary crossentropy de cada muestra, luego el promedio
        perdidas = tf.keras.losses.binary_crossentropy(y_real[:, None], y_pred[:, None])
        loss = tf.reduce_mean(perdidas)

    # 3 Gradientes: en qué dirección y cuánto deben cambiar w y b
    dw, db = tape.gradient(loss, [w, b])

    # 4 Update: actualizar los pesos de acuerdo a los gradientes
    w.assign_sub(lr * dw)
    b.assign_sub(lr * db)

    return (y_pred,), perdidas, loss, [dw, db]


# Ejemplo 2 y Ejemplo final: neurona con activación sigmoid, binary crossentropy.
def epoch_sigmoide_bce(X, y_true, W, b, lr):
    with tf.GradientTape() as tape:
        # 1 Forward: combinación lineal y activación sigmoid
        z = tf.matmul(X, W) + b
        y_pred = tf.sigmoid(z)

        # 2 Loss: binary crossentropy de cada muestra, luego el promedio
        perdidas = tf.keras.losses.binary_crossentropy(y_true, y_pred)
        loss = tf.reduce_mean(perdidas)

    # 3 Gradientes: backpropagation
    gradients = tape.gradient(loss, [W, b])

    # 4 Update: actualizar los pesos (lr = learning rate)
    W.assign_sub(lr * gradients[0])
    b.assign_sub(lr * gradients[1])

    return (z, y_pred), perdidas, loss, gradients


# La neurona sigmoid con pérdida MSE (laboratorio libre).
def epoch_sigmoide_mse(X, y_true, W, b, lr):
    with tf.GradientTape() as tape:
        # 1 Forward: combinación lineal y activación sigmoid
        z = tf.matmul(X, W) + b
        y_pred = tf.sigmoid(z)

        # 2 Loss: MSE, el error al cuadrado de cada muestra, luego el promedio
        perdidas = tf.reduce_mean((y_true - y_pred) ** 2, axis=1)
        loss = tf.reduce_mean(perdidas)

    # 3 Gradientes: backpropagation
    gradients = tape.gradient(loss, [W, b])

    # 4 Update: actualizar los pesos (lr = learning rate)
    W.assign_sub(lr * gradients[0])
    b.assign_sub(lr * gradients[1])

    return (z, y_pred), perdidas, loss, gradients


EPOCHS = {
    ("lineal", "mse"): epoch_lineal_mse,
    ("lineal", "bce"): epoch_lineal_bce,
    ("sigmoide", "bce"): epoch_sigmoide_bce,
    ("sigmoide", "mse"): epoch_sigmoide_mse,
}
