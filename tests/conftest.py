"""Shared fixtures: the real course, a copy of the minimal course to break, the app."""

import shutil
from pathlib import Path

import pytest

from lexom_learning.modules import load_course

ROOT = Path(__file__).resolve().parents[1]
COURSE_DIR = ROOT / "content" / "mrk-stra-05"
MINIMAL_DIR = Path(__file__).parent / "modules" / "data" / "minimal"


@pytest.fixture(scope="session")
def course():
    """The real MRK-STRA-05 course, loaded once."""
    return load_course(COURSE_DIR)


@pytest.fixture
def minimal_copy(tmp_path) -> Path:
    """A writable copy of the minimal valid course."""
    target = tmp_path / "course"
    shutil.copytree(MINIMAL_DIR, target)
    return target
