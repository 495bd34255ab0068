"""Every WTForms form of the app derives from ``web.forms.Form``, so its text and date fields
are checked at the edge (a new form deriving from FlaskForm directly fails here)."""

import ast
from pathlib import Path

import lexom_learning

PACKAGE = Path(lexom_learning.__file__).parent


def test_no_form_derives_from_flaskform_directly():
    offenders = []
    for path in sorted((PACKAGE / "web").rglob("*.py")):
        if path.name == "forms.py" and path.parent.name == "web":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                bases = [getattr(b, "id", getattr(b, "attr", "")) for b in node.bases]
                if "FlaskForm" in bases:
                    offenders.append(f"{path.relative_to(PACKAGE)}: {node.name}")
    assert offenders == []
