"""Una capa oculta: 2 entradas → H neuronas ocultas → 1 neurona de salida (sigmoid)."""

from tutor.engine.runtime import load_tensorflow

tf = load_tensorflow()  # import tensorflow as tf (sin sus mensajes de log)

# La activación de la capa oculta (la clave `activation` del laboratorio).
ACTIVACIONES = {"tanh": tf.tanh, "sigmoid": tf.sigmoid, "relu": tf.nn.relu}


# La red: cada capa es una combinación lineal seguida de su activación.
def forward_red(X, W1, b1, W2, b2, activacion):
    z1 = tf.matmul(X, W1) + b1  # capa oculta: una columna por neurona
    a1 = activacion(z1)
    z2 = tf.matmul(a1, W2) + b2  # capa de salida: una sola neurona
    y_pred = tf.sigmoid(z2)
    return z1, a1, z2, y_pred


# Clasificación (XOR): binary crossentropy, como en el Ejemplo 2.
def epoch_red_bce(X, y_true, W1, b1, W2, b2, lr, activacion, optimizador=None):
    with tf.GradientTape() as tape:
        # 1 Forward: la capa oculta y después la capa de salida
        z1, a1, z2, y_pred = forward_red(X, W1, b1, W2, b2, activacion)

        # 2 Loss: binary crossentropy de cada muestra, luego el promedio
        perdidas = tf.keras.losses.binary_crossentropy(y_true, y_pred)
        loss = tf.reduce_mean(perdidas)

    # 3 Gradientes: backpropagation, desde la salida hacia atrás, capa por capa
    gradients = tape.gradient(loss, [W1, b1, W2, b2])

    # 4 Update: actualizar los pesos de las dos capas (lr = learning rate)
    if optimizador is None:  # SGD, como en el notebook
        W1.assign_sub(lr * gradients[0])
        b1.assign_sub(lr * gradients[1])
        W2.assign_sub(lr * gradients[2])
        b2.assign_sub(lr * gradients[3])
    else:  # Momentum, Adam o RMSprop (tf.keras.optimizers)
        optimizador.apply_gradients(zip(gradients, [W1, b1, W2, b2]))

    return (z1, a1, z2, y_pred), perdidas, loss, gradients


# La red con pérdida MSE (laboratorio libre).
def epoch_red_mse(X, y_true, W1, b1, W2, b2, lr, activacion, optimizador=None):
    with tf.GradientTape() as tape:
        # 1 Forward: la capa oculta y después la capa de salida
        z1, a1, z2, y_pred = forward_red(X, W1, b1, W2, b2, activacion)

        # 2 Loss: MSE, el error al cuadrado de cada muestra, luego el promedio
        perdidas = tf.reduce_mean((y_true - y_pred) ** 2, axis=1)
        loss = tf.reduce_mean(perdidas)

    # 3 Gradientes: backpropagation, desde la salida hacia atrás, capa por capa
    gradients = tape.gradient(loss, [W1, b1, W2, b2])

    # 4 Update: actualizar los pesos de las dos capas (lr = learning rate)
    if optimizador is None:  # SGD, como en el notebook
        W1.assign_sub(lr * gradients[0])
        b1.assign_sub(lr * gradients[1])
        W2.assign_sub(lr * gradients[2])
        b2.assign_sub(lr * gradients[3])
    else:  # Momentum, Adam o RMSprop (tf.keras.optimizers)
        optimizador.apply_gradients(zip(gradients, [W1, b1, W2, b2]))

    return (z1, a1, z2, y_pred), perdidas, loss, gradients
