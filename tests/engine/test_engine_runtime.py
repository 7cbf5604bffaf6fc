"""load_tensorflow: Keras 2, cached, thread-safe; quiet_stderr silences fd 2 and restores it."""

from __future__ import annotations

import subprocess
import sys
import threading

from tutor.engine.runtime import load_tensorflow


def test_tensorflow_is_loaded_once_with_keras_2():
    results = []
    threads = [threading.Thread(target=lambda: results.append(load_tensorflow())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tf = load_tensorflow()
    assert all(module is tf for module in results) and len(results) == 4
    # TF_USE_LEGACY_KERAS=1: tf.keras is tf-keras, whose BCE clips like the notebook's TF 2.10
    assert tf.keras.losses.binary_crossentropy.__module__.startswith("tf_keras")


def test_quiet_stderr_drops_fd_2_and_gives_it_back():
    code = """
import os
from tutor.engine.runtime import quiet_stderr
os.write(2, b"antes\\n")
with quiet_stderr():
    with quiet_stderr():
        os.write(2, b"oculto\\n")
    os.write(2, b"oculto tambien\\n")
os.write(2, b"despues\\n")
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stderr == "antes\ndespues\n"
