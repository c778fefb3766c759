"""Structure rules of the `graph` package, checked with the standard library's `ast` alone:

    .venv/bin/python tools/check_structure.py [ROOT] [--max-lines N]

1. No import cycle between modules. Imports inside functions count (a lazy import still ties
   the two modules together); imports under `if TYPE_CHECKING:` do not. A cycle is reported
   once per group of modules that reach each other, with one cycle through the group.
2. No code uses private names of others: `from x import _y`, or `<expr>._y` unless `<expr>`
   is `self`, `cls` or `super()`, or the access is inside a class that defines `_y` itself
   (`other._y` in `__eq__`). Dunders and spaCy's `doc._` are not private.
3. No source file over `--max-lines` lines (450).

Each violation is printed as `FILE:LINE: reason`; the exit status is 1 when there is any.
ROOT defaults to src/graph beside this tool.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ROOT = Path(__file__).resolve().parents[1] / "src" / "graph"
MAX_LINES = 450
# Underscored names that are public by documentation: spaCy's extension namespace (`doc._`),
# namedtuple's methods, os._exit.
PUBLIC_UNDERSCORED = {"_", "_asdict", "_replace", "_fields", "_field_defaults", "_make", "_exit"}


@dataclass(frozen=True, order=True)
class Violation:
    """One broken rule at one place in a file."""

    path: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{display(self.path)}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class Module:
    """A source file of the checked package: its dotted name, whether it is a package's
    `__init__`, and its syntax tree."""

    name: str
    path: Path
    is_package: bool
    tree: ast.Module
    lines: int


def display(path: Path) -> str:
    """`path` relative to the working directory when it is under it, for clickable output."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def is_private(name: str) -> bool:
    """A single-underscore or name-mangled name, not a dunder and not a documented exception."""
    return (
        name.startswith("_")
        and not (name.startswith("__") and name.endswith("__"))
        and (name not in PUBLIC_UNDERSCORED)
    )


def load_modules(root: Path) -> dict[str, Module]:
    """Every `.py` file under `root`, named as Python imports it (`root`'s folder name first)."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text, filename=str(path))
        modules[".".join(parts)] = Module(".".join(parts), path, is_package, tree, len(text.splitlines()))
    return modules


def is_type_checking(test: ast.expr) -> bool:
    """`TYPE_CHECKING` or `typing.TYPE_CHECKING`: imports under it never run."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of `tree`, function bodies included, less the bodies of `if TYPE_CHECKING:`."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and is_type_checking(node.test):
            stack.extend(reversed(node.orelse))
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def absolute(module: Module, node: ast.ImportFrom) -> str:
    """The module a `from ... import` names, relative imports resolved against `module`."""
    if not node.level:
        return node.module or ""
    package = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports(module: Module, known: dict[str, Module]) -> Iterator[tuple[str, int]]:
    """(imported module, line) for each runtime import of a module of the package;
    `from pkg import sub` counts as an import of the module `pkg.sub`, not of `pkg`."""
    for node in runtime_nodes(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            source = absolute(module, node)
            submodules = [f"{source}.{a.name}" for a in node.names if f"{source}.{a.name}" in known]
            for name in submodules:
                yield name, node.lineno
            if source in known and len(submodules) < len(node.names):
                yield source, node.lineno


def import_graph(modules: dict[str, Module]) -> dict[str, dict[str, int]]:
    """module -> {module it imports: line of the first such import}."""
    graph: dict[str, dict[str, int]] = {name: {} for name in modules}
    for name, module in modules.items():
        for target, line in imports(module, modules):
            if target != name:
                graph[name].setdefault(target, line)
    return graph


def strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Tarjan's strongly connected components (iterative), each sorted, in sorted order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return sorted(components)


def shortest_cycle(graph: dict[str, dict[str, int]], start: str, within: set[str]) -> list[str]:
    """The shortest import path from `start` back to itself inside `within` (start first and last)."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child not in within:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return [start]


def check_cycles(modules: dict[str, Module]) -> list[Violation]:
    """Rule 1: one violation per group of modules that import each other, at the import that
    starts the shortest cycle from the group's first module."""
    graph = import_graph(modules)
    out = []
    for component in strongly_connected(graph):
        if len(component) < 2:
            continue
        cycle = shortest_cycle(graph, component[0], set(component))
        reason = "import cycle: " + " -> ".join(cycle)
        if len(component) > len(cycle) - 1:
            reason += f" (all of {', '.join(component)} import each other through cycles)"
        out.append(Violation(modules[cycle[0]].path, graph[cycle[0]][cycle[1]], reason))
    return out


def defined_names(tree: ast.AST) -> set[str]:
    """Every name `tree` binds: functions, classes, methods, assigned names and attributes."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name | ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.id if isinstance(node, ast.Name) else node.attr)
    return names


def attribute_uses(tree: ast.AST, own: frozenset[str] = frozenset()) -> Iterator[tuple[ast.Attribute, bool]]:
    """Each attribute access of `tree`, and whether it is inside a class that defines that
    attribute itself (a class's private names are shared by all its instances: `other._x`)."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.ClassDef):
            yield from attribute_uses(child, own | defined_names(child))
            continue
        if isinstance(child, ast.Attribute):
            yield child, child.attr in own
        yield from attribute_uses(child, own)


def check_private(module: Module) -> list[Violation]:
    """Rule 2: private names imported from elsewhere, or read off objects the code does not own."""
    out = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom):
            source = absolute(module, node)
            for alias in node.names:
                if is_private(alias.name):
                    out.append(
                        Violation(
                            module.path, node.lineno, f"imports the private name {alias.name} of {source}"
                        )
                    )
    for node, own_class in attribute_uses(module.tree):
        if own_class or not is_private(node.attr):
            continue
        owner = node.value
        if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
            continue
        if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
            continue
        out.append(
            Violation(
                module.path,
                node.lineno,
                f"uses the private name {ast.unparse(node)} outside the class that owns it "
                "(make it public there, or move this code there)",
            )
        )
    return out


def check_length(module: Module, max_lines: int) -> list[Violation]:
    """Rule 3: a file longer than `max_lines`, reported at its first line over the limit."""
    if module.lines <= max_lines:
        return []
    return [Violation(module.path, max_lines + 1, f"{module.lines} lines, over the limit of {max_lines}")]


def check(root: Path, max_lines: int = MAX_LINES) -> list[Violation]:
    """Every violation of the three rules in the package at `root`, sorted by file and line."""
    modules = load_modules(root)
    out = check_cycles(modules)
    for module in modules.values():
        out += check_private(module)
        out += check_length(module, max_lines)
    return sorted(set(out))


def main(argv: list[str] | None = None) -> int:
    """Print every violation under ROOT; 1 when there is any, so CI fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT_ROOT, help="the package folder")
    parser.add_argument("--max-lines", type=int, default=MAX_LINES)
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"{args.root} is not a folder")
    violations = check(args.root, args.max_lines)
    for violation in violations:
        print(violation)
    if violations:
        print(f"{len(violations)} structure violation(s) in {display(args.root)}", file=sys.stderr)
        return 1
    print(f"structure OK: {display(args.root)} (no import cycle, no private reach-in, no file over "
          f"{args.max_lines} lines)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
