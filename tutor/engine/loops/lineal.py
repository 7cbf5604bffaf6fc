"""Ejemplo 1: una neurona lineal, y = w * x + b."""

from tutor.engine.runtime import load_tensorflow

tf = load_tensorflow()  # import tensorflow as tf (sin sus mensajes de log)


# La neurona lineal: la predicción con w y b actuales.
def forward_lineal(x, w, b):
    y_pred = w * x + b
    return y_pred


# Ejemplo 1: pérdida MSE.
def epoch_lineal_mse(x, y_real, w, b, lr, optimizador=None):
    with tf.GradientTape() as tape:
        # 1 Forward: calcular la predicción con w y b actuales
        y_pred = forward_lineal(x, w, b)

        # 2 Loss: MSE, calcular la pérdida (el error al cuadrado, promediado)
        perdidas = (y_real - y_pred) ** 2
        loss = tf.reduce_mean(perdidas)

    # 3 Gradientes: en qué dirección y cuánto deben cambiar w y b
    # para disminuir la pérdida (derivadas parciales: señales de corrección)
    dw, db = tape.gradient(loss, [w, b])

    # 4 Update: actualizar los pesos de acuerdo a los gradientes
    # lr = learning rate: qué tan rápido aprende
    if optimizador is None:  # SGD, como en el notebook
        w.assign_sub(lr * dw)
        b.assign_sub(lr * db)
    else:  # Momentum, Adam o RMSprop (tf.keras.optimizers)
        optimizador.apply_gradients(zip([dw, db], [w, b]))

    return (y_pred,), perdidas, loss, [dw, db]


# La neurona lineal con binary crossentropy (laboratorio libre).
def epoch_lineal_bce(x, y_real, w, b, lr, optimizador=None):
    with tf.GradientTape() as tape:
        # 1 Forward: calcular la predicción con w y b actuales
        y_pred = forward_lineal(x, w, b)

        # 2 Loss: binary crossentropy de cada muestra, luego el promedio
        perdidas = tf.keras.losses.binary_crossentropy(y_real[:, None], y_pred[:, None])
        loss = tf.reduce_mean(perdidas)

    # 3 Gradientes: en qué dirección y cuánto deben cambiar w y b
    dw, db = tape.gradient(loss, [w, b])

    # 4 Update: actualizar los pesos de acuerdo a los gradientes
    if optimizador is None:  # SGD, como en el notebook
        w.assign_sub(lr * dw)
        b.assign_sub(lr * db)
    else:  # Momentum, Adam o RMSprop (tf.keras.optimizers)
        optimizador.apply_gradients(zip([dw, db], [w, b]))

    return (y_pred,), perdidas, loss, [dw, db]
