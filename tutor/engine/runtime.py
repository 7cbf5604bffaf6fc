"""Loading TensorFlow quietly, once.

TensorFlow writes log lines straight to file descriptor 2 (not through Python) when it is
imported and again the first time a graph runs; on a Textual screen they corrupt the display.
`load_tensorflow()` silences them at the descriptor level, sets the environment so
`tf.keras` is Keras 2, as in the notebook's TensorFlow 2.10, and turns off graph rewriting.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import warnings
from contextlib import contextmanager
from typing import Any, Iterator

_load_lock = threading.Lock()
_tf: Any = None

_quiet_lock = threading.Lock()
_quiet_depth = 0
_saved_fd: int | None = None


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null for the duration (nestable, thread-safe).

    Used around the TensorFlow import and the first trace of a graph; everything written to
    stderr meanwhile (by C++ or Python) is dropped.
    """
    global _quiet_depth, _saved_fd
    with _quiet_lock:
        if _quiet_depth == 0:
            _flush_if_on_fd2(sys.stderr)
            try:
                _saved_fd = os.dup(2)
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 2)
                os.close(devnull)
            except OSError:  # no fd 2 at all (rare): nothing to silence
                _saved_fd = None
        _quiet_depth += 1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0 and _saved_fd is not None:
                os.dup2(_saved_fd, 2)
                os.close(_saved_fd)
                _saved_fd = None


def _flush_if_on_fd2(stream: Any) -> None:
    """Flush Python's pending stderr text before fd 2 moves, but only if it writes to fd 2:
    the app may have pointed sys.stderr at a private copy of the terminal (see
    tutor/ui/terminal.py) that Textual's own thread is writing to."""
    try:
        if stream is not None and stream.fileno() == 2:
            stream.flush()
    except (AttributeError, OSError, ValueError):
        pass


def load_tensorflow() -> Any:
    """Import TensorFlow once (thread-safe, cached) with its logs silenced; return the module."""
    global _tf
    if _tf is not None:
        return _tf
    with _load_lock:
        if _tf is None:
            os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
            os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.keras -> tf-keras (Keras 2)
            with quiet_stderr():
                import tensorflow as tf

                for name in ("tensorflow", "absl", "tf_keras", "keras"):
                    logging.getLogger(name).setLevel(logging.ERROR)
                try:
                    from absl import logging as absl_logging

                    absl_logging.set_verbosity(absl_logging.ERROR)
                except ImportError:
                    pass
                # No graph rewriting (Grappler's constant folding, arithmetic rewrites...):
                # a graph then computes exactly what the same ops compute eagerly, so run()
                # returns step()'s records bit for bit. Adam and RMSprop divide by √v, which
                # turns a one-ULP difference in a tiny gradient into a visible one. Our graphs
                # are small loops: as fast either way.
                tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})
                _warm_up(tf)
            _tf = tf
    return _tf


def _warm_up(tf: Any) -> None:
    """Run what prints its log lines on first use: Keras, an eager op and a traced graph."""
    tf.keras.losses.binary_crossentropy(tf.constant([[1.0]]), tf.constant([[0.5]]))

    @tf.function
    def twice(value: Any) -> Any:
        return value * 2.0

    twice(tf.constant(1.0))
