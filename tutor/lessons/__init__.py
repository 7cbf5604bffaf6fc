"""Lesson packs: read and validate lesson files into the plain dataclasses of `model`.

No TensorFlow and no Textual here. See lessons/README.md for the file format.
"""

from __future__ import annotations

from tutor.lessons.checking import Verdict, check_answer, goal_reached, live_value
from tutor.lessons.glossary import search_terms
from tutor.lessons.links import LINK_SCHEME, term_id_from_href
from tutor.lessons.loader import builtin_lessons_dir, lesson_files, lessons_dir, load_course
from tutor.lessons.template import fill_template

__all__ = [
    "LINK_SCHEME",
    "Verdict",
    "builtin_lessons_dir",
    "check_answer",
    "fill_template",
    "goal_reached",
    "lesson_files",
    "lessons_dir",
    "live_value",
    "load_course",
    "search_terms",
    "term_id_from_href",
]
