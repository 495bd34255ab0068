"""The role-play, evaluation and attainment cores stay pure: no Flask or SQLAlchemy."""

from tests.test_purity import adapters_imported_by

CORE = ["lexom_learning.roleplay", "lexom_learning.evaluations", "lexom_learning.attainment"]


def test_core_imports_no_adapter_library():
    bad = adapters_imported_by(CORE)
    assert bad == "", f"core imported: {bad}"
