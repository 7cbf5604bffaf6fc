"""What the zygote imports once, before forking any session: TensorFlow, tf-keras, Textual,
plotext and every module of the tutor's UI. No TensorFlow op may run here.

TensorFlow creates its thread pools with its eager context, on the first op; a thread does
not survive fork, so a child of a process that ran an op would hang on its first one.
Importing is safe (checked below). `tutor.engine.loops` is left out on purpose: it calls
`load_tensorflow()` at import, whose warm-up runs ops; each session imports it itself (in
the app's TensorFlow thread), which costs a traced graph, not a TensorFlow import.
"""

from __future__ import annotations

import gc
import importlib
import os

MODULES = (  # what a session that opens a lab imports, found by listing a session's new modules
    "tf_keras",
    "tf_keras.api._v2.keras",  # what `tf.keras.losses` resolves to (lazily, on first use)
    "concurrent.futures.thread",
    "tty",
    "rich.ansi",
    "pygments.lexers.python",  # the lab's code panel
    "textual.app",
    "textual.drivers.linux_driver",
    "textual.drivers._writer_thread",
    "textual._xterm_parser",
    "textual.layouts.horizontal",
    "textual.layouts.stream",
    "textual.layouts.factory",
    "textual.scrollbar",
    "textual_plotext",
    "plotext",
    "tutor.engine",
    "tutor.engine.trainer",
    "tutor.engine.bulk",
    "tutor.ui.app",
    "tutor.ui.terminal",
    "tutor.ui.screens.lab",
    "tutor.ui.screens.free_lab",
)


class PreloadError(RuntimeError):
    pass


def preload() -> None:
    """Import everything a session needs; raise PreloadError if TensorFlow got initialised."""
    gc.disable()  # no collections while importing: no freed holes in pages the children share
    # The same settings as tutor.engine.runtime.load_tensorflow(), without its warm-up ops.
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.keras -> tf-keras (Keras 2)
    from tutor.engine.runtime import quiet_stderr

    with quiet_stderr():
        import tensorflow as tf

        tf.keras.losses  # noqa: B018 - resolve the lazy tf.keras module (tf-keras) now
        for name in MODULES:
            importlib.import_module(name)
    if tensorflow_initialised():
        raise PreloadError("TensorFlow ejecutó una operación antes de crear las sesiones")
    gc.freeze()


def tensorflow_initialised() -> bool:
    """True once TensorFlow's eager context (and its thread pools) exists in this process."""
    from tensorflow.python.eager import context

    return context.context()._context_handle is not None  # noqa: SLF001 - no public probe
