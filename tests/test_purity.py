"""The core stays pure: importing it never pulls in Flask, SQLAlchemy or XBlock."""

import subprocess
import sys
from pathlib import Path

import lexom_learning
from lexom_learning.layers import ADAPTERS, CORE

# Core modules their package does not import: imported too, so they are checked as well.
CORE_SUBMODULES = ("lexom_learning.attainment.figures",)


def adapters_imported_by(modules) -> str:
    """Import ``modules`` in a clean interpreter; return the adapter libraries that came along."""
    code = (
        "import sys\n"
        f"for name in {list(modules)!r}:\n"
        "    __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'sqlalchemy', "
        "'flask_sqlalchemy', 'xblock', 'werkzeug'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_core_imports_no_adapter_library():
    bad = adapters_imported_by([*CORE, *CORE_SUBMODULES])
    assert bad == "", f"core imported: {bad}"


def test_every_top_level_module_belongs_to_one_layer():
    root = Path(lexom_learning.__file__).parent
    names = {
        f"lexom_learning.{path.stem if path.is_file() else path.name}"
        for path in root.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and not path.name.startswith(("_", ".")))
    }
    assert not set(CORE) & set(ADAPTERS)
    assert names == set(CORE) | set(ADAPTERS), "classify it in lexom_learning/layers.py"


ADAPTER_ONLY = {"xblock", "web_fragments", "workbench", "django"}


def test_only_the_xblocks_package_imports_xblock_or_django():
    import ast
    from pathlib import Path

    import lexom_learning

    package = Path(lexom_learning.__file__).parent
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path.is_relative_to(package / "xblocks"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(package)}: {n}"
                for n in names
                if n.split(".")[0] in ADAPTER_ONLY
            ]
    assert not offenders


def test_without_the_xblock_extra_every_other_module_imports_and_the_app_serves():
    """Install without ``[xblock]``: hide XBlock and Django, import the rest, start the app."""
    import os
    from pathlib import Path

    code = (
        "import importlib, importlib.abc, sys\n"
        "from pathlib import Path\n"
        "class Hide(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        f"        if name.split('.')[0] in {sorted(ADAPTER_ONLY)!r}:\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Hide())\n"
        "import lexom_learning\n"
        "root = Path(lexom_learning.__file__).parent\n"
        "for path in sorted(root.rglob('*.py')):\n"
        "    parts = path.relative_to(root).with_suffix('').parts\n"
        "    if parts[0] in ('xblocks', 'migrations'):\n"
        "        continue\n"
        "    name = '.'.join(('lexom_learning',) + parts).removesuffix('.__init__')\n"
        "    importlib.import_module(name)\n"
        "app = lexom_learning.create_app({'TESTING': True, 'SECRET_KEY': 'x',\n"
        "                                 'SQLALCHEMY_DATABASE_URI': 'sqlite://',\n"
        "                                 'LEXOM_CONTENT_DIR': sys.argv[1]})\n"
        "print(app.test_client().get('/').status_code)\n"
    )
    source = Path(os.environ.get("LEXOM_TEST_SOURCE", Path(__file__).resolve().parents[1]))
    course = str(source / "content" / "mrk-stra-05")
    out = subprocess.run([sys.executable, "-c", code, course], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() in {"200", "302"}
