"""Ejemplo 2 y Ejemplo final: una neurona con activación sigmoid."""

from tutor.engine.runtime import load_tensorflow

tf = load_tensorflow()  # import tensorflow as tf (sin sus mensajes de log)


# La neurona: combinación lineal y activación sigmoid.
def forward_sigmoide(X, W, b):
    z = tf.matmul(X, W) + b
    y_pred = tf.sigmoid(z)
    return z, y_pred


# Ejemplo 2 y Ejemplo final: binary crossentropy.
def epoch_sigmoide_bce(X, y_true, W, b, lr, optimizador=None):
    with tf.GradientTape() as tape:
        # 1 Forward: combinación lineal y activación sigmoid
        z, y_pred = forward_sigmoide(X, W, b)

        # 2 Loss: binary crossentropy de cada muestra, luego el promedio
        perdidas = tf.keras.losses.binary_crossentropy(y_true, y_pred)
        loss = tf.reduce_mean(perdidas)

    # 3 Gradientes: backpropagation
    gradients = tape.gradient(loss, [W, b])

    # 4 Update: actualizar los pesos (lr = learning rate)
    if optimizador is None:  # SGD, como en el notebook
        W.assign_sub(lr * gradients[0])
        b.assign_sub(lr * gradients[1])
    else:  # Momentum, Adam o RMSprop (tf.keras.optimizers)
        optimizador.apply_gradients(zip(gradients, [W, b]))

    return (z, y_pred), perdidas, loss, gradients


# La neurona sigmoid con pérdida MSE (laboratorio libre).
def epoch_sigmoide_mse(X, y_true, W, b, lr, optimizador=None):
    with tf.GradientTape() as tape:
        # 1 Forward: combinación lineal y activación sigmoid
        z, y_pred = forward_sigmoide(X, W, b)

        # 2 Loss: MSE, el error al cuadrado de cada muestra, luego el promedio
        perdidas = tf.reduce_mean((y_true - y_pred) ** 2, axis=1)
        loss = tf.reduce_mean(perdidas)

    # 3 Gradientes: backpropagation
    gradients = tape.gradient(loss, [W, b])

    # 4 Update: actualizar los pesos (lr = learning rate)
    if optimizador is None:  # SGD, como en el notebook
        W.assign_sub(lr * gradients[0])
        b.assign_sub(lr * gradients[1])
    else:  # Momentum, Adam o RMSprop (tf.keras.optimizers)
        optimizador.apply_gradients(zip(gradients, [W, b]))

    return (z, y_pred), perdidas, loss, gradients
