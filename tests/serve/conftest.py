"""One class server per test module (starting one imports TensorFlow once: seconds)."""

from __future__ import annotations

import pytest

from serve_harness import ClassServer


@pytest.fixture(scope="module")
def class_server(tmp_path_factory):
    server = ClassServer(tmp_path_factory.mktemp("clase"), ("ana", "beto", "carla", "dani", "eva", "gabi"),
                         extra=("--code", "clase-secreta"))
    yield server
    server.stop()
