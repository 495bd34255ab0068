"""The role-play, evaluation and attainment cores stay pure: no Flask or SQLAlchemy."""

import subprocess
import sys

CORE = ["lexom_learning.roleplay", "lexom_learning.evaluations", "lexom_learning.attainment"]


def test_core_imports_no_adapter_library():
    code = (
        "import sys\n"
        f"for name in {CORE!r}:\n"
        "    __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'sqlalchemy', "
        "'flask_sqlalchemy', 'xblock', 'werkzeug'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core imported: {out.stdout.strip()}"
