"""tools/check_structure.py on small package trees: each rule fires where it should, with the
file and line, and a clean tree passes."""

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "check_structure.py"
spec = importlib.util.spec_from_file_location("check_structure", TOOL)
check_structure = importlib.util.module_from_spec(spec)
sys.modules["check_structure"] = check_structure  # dataclasses look their module up by name
spec.loader.exec_module(check_structure)


def tree(root: Path, files: dict[str, str]) -> Path:
    """A package `pkg` under `root` with `files` (path -> source); returns the package folder."""
    package = root / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.parent != package and not (path.parent / "__init__.py").exists():
            (path.parent / "__init__.py").write_text("")
        path.write_text(textwrap.dedent(text))
    return package


def reasons(package: Path, **kwargs) -> list[str]:
    return [
        f"{v.path.relative_to(package)}:{v.line}: {v.reason}"
        for v in check_structure.check(package, **kwargs)
    ]


CLEAN = {
    "store/__init__.py": "from pkg.store.base import Store\nfrom pkg.store.factory import open_store\n",
    "store/base.py": """\
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from pkg.store.impl import Impl  # type-only: not a cycle


        class Store:
            def _write(self):
                return 1

            def write(self):
                return self._write()

            def __eq__(self, other):
                return self._write() == other._write()  # the same class's private name
        """,
    "store/impl.py": """\
        from pkg.store.base import Store


        class Impl(Store):
            def _write(self):
                return super()._write() + 1
        """,
    "store/factory.py": """\
        def open_store():
            from pkg.store.impl import Impl

            return Impl()
        """,
    "user.py": """\
        from collections import namedtuple

        from pkg.store import open_store


        def use(doc):
            point = namedtuple("Point", "x y")(1, 2)._replace(x=3)
            return open_store().write(), doc._.extension, point, open_store().__class__
        """,
}


def test_a_clean_tree_passes(tmp_path, capsys):
    package = tree(tmp_path, CLEAN)
    assert reasons(package) == []
    assert check_structure.main([str(package)]) == 0
    assert "structure OK" in capsys.readouterr().out


def test_an_import_cycle_is_reported_with_its_modules(tmp_path):
    package = tree(
        tmp_path, {"a.py": "import pkg.b\n", "b.py": "from pkg import c\n", "c.py": "from pkg.a import x\n"}
    )
    assert reasons(package) == ["a.py:1: import cycle: pkg.a -> pkg.b -> pkg.c -> pkg.a"]


def test_imports_inside_functions_count_and_type_checking_ones_do_not(tmp_path):
    files = {
        "base.py": "def open_():\n    from pkg.impl import Impl\n    return Impl\n",
        "impl.py": "from pkg.base import open_\n",
        "typed.py": "import typing\nif typing.TYPE_CHECKING:\n    from pkg.base import open_\n",
        "user.py": "from pkg.typed import x\n",
    }
    files["base.py"] += "\nimport typing\nif typing.TYPE_CHECKING:\n    from pkg.user import x\n"
    assert reasons(tree(tmp_path, files)) == ["base.py:2: import cycle: pkg.base -> pkg.impl -> pkg.base"]


def test_a_cycle_group_names_all_its_modules(tmp_path):
    files = {"a.py": "import pkg.b\nimport pkg.c\n", "b.py": "import pkg.a\n", "c.py": "import pkg.a\n"}
    (reason,) = reasons(tree(tmp_path, files))
    assert reason == (
        "a.py:1: import cycle: pkg.a -> pkg.b -> pkg.a "
        "(all of pkg.a, pkg.b, pkg.c import each other through cycles)"
    )


def test_relative_imports_are_resolved(tmp_path):
    files = {"sub/a.py": "from . import b\n", "sub/b.py": "from ..sub.a import x\n"}
    assert reasons(tree(tmp_path, files)) == ["sub/a.py:1: import cycle: pkg.sub.a -> pkg.sub.b -> pkg.sub.a"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from pkg.lib import _helper\n", "imports the private name _helper of pkg.lib"),
        ("from .lib import _helper\n", "imports the private name _helper of pkg.lib"),
        ("import pkg.lib as lib\nlib._helper()\n", "uses the private name lib._helper outside"),
        ("def split(store):\n    store._write_all([])\n", "uses the private name store._write_all outside"),
        ("class Other:\n    def go(self):\n        self.store._write_all([])\n",
         "uses the private name self.store._write_all outside"),
        ("class Runner:\n    def _retry(self):\n        pass\n\ndef run(runner):\n    runner._retry()\n",
         "uses the private name runner._retry outside"),
    ],
)  # fmt: skip
def test_private_names_of_other_modules_are_reported(tmp_path, source, expected):
    package = tree(tmp_path, {"lib.py": "def _helper():\n    pass\n", "user.py": source})
    (reason,) = reasons(package)
    assert reason.startswith("user.py:") and expected in reason


def test_files_over_the_limit_are_reported(tmp_path, capsys):
    package = tree(tmp_path, {"long.py": "x = 1\n" * 451, "fits.py": "x = 1\n" * 450})
    assert reasons(package) == ["long.py:451: 451 lines, over the limit of 450"]
    assert reasons(package, max_lines=500) == []
    assert check_structure.main([str(package)]) == 1
    out = capsys.readouterr()
    assert out.out.strip().endswith("long.py:451: 451 lines, over the limit of 450")
    assert "1 structure violation(s)" in out.err
