"""The house in order: layers import downwards only, stages never import one another, no import
circles, no source file over 600 lines. Read from the source with ``ast``; nothing is imported."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "sitreps"
MAX_LINES = 600
#: Imports still running the wrong way, each with the work that removes it.
KNOWN_UPWARD: set[tuple[str, str]] = set()
#: Layers, lowest first: a module may import its own layer and lower ones only.
LAYERS = [
    {"sitreps.errors", "sitreps.record", "sitreps.schema", "sitreps.settings", "sitreps.budget", "sitreps.version"},
    {"sitreps.geo", "sitreps.text", "sitreps.ingest", "sitreps.lang", "sitreps.parse", "sitreps.learn"},
    {"sitreps.contract"},
    {"sitreps.stages"},
    {"sitreps.pipeline", "sitreps.spacy_component", "sitreps.merge", "sitreps.export"},
    {"sitreps.store"},
    {"sitreps.batch", "sitreps.api", "sitreps.dashboard"},
    {"sitreps.evaluation", "sitreps.training", "sitreps.cli", "sitreps"},
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of import nodes under ``if TYPE_CHECKING:`` (annotations only, never run)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for child in node.body for n in ast.walk(child)}
    return skip


def _imports() -> dict[str, set[str]]:
    """module -> sitreps modules it imports at run time (at module level or inside functions)."""
    out: dict[str, set[str]] = {}
    known = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    for path in PACKAGE.rglob("*.py"):
        module = _module_name(path)
        tree = ast.parse(path.read_text("utf-8"))
        skip = _type_checking_nodes(tree)
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("sitreps")}
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(module, path.name == "__init__.py", node)
                if not target.startswith("sitreps"):
                    continue
                for alias in node.names:  # "from . import lexicon" imports a module
                    sub = f"{target}.{alias.name}"
                    found.add(sub if sub in known else target)
        out[module] = found - {module}
    return out


def _layer(module: str) -> int:
    best = (-1, -1)
    for i, layer in enumerate(LAYERS):
        for prefix in layer:
            if module == prefix or module.startswith(prefix + "."):
                best = max(best, (len(prefix), i))
    return best[1]


def _stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "stages" else None


IMPORTS = _imports()


def test_the_reader_sees_the_imports_it_checks():
    assert "sitreps.contract" in IMPORTS["sitreps.stages.events"]
    assert "sitreps.text.mentions" in IMPORTS["sitreps.stages.events"]
    assert "sitreps.evaluation.tasks" in IMPORTS["sitreps.evaluation.harness"]  # "from . import tasks" in a function


def test_no_stage_imports_another_stage():
    crossing = [(m, t) for m, targets in IMPORTS.items() for t in targets
                if _stage_of(m) and _stage_of(t) and _stage_of(m) != _stage_of(t)]
    assert not crossing, "a stage imports another one; move what they share to sitreps.text: " + repr(crossing)


def test_no_import_runs_up_a_layer():
    upward = [(m, t) for m, targets in IMPORTS.items() for t in targets
              if _layer(t) > _layer(m) and not any(m == a and (t == b or t.startswith(b + ".")) for a, b in KNOWN_UPWARD)]
    assert not upward, "imports from a lower layer up to a higher one: " + repr(sorted(upward))


def test_every_module_has_a_layer():
    assert [m for m in IMPORTS if _layer(m) < 0] == []


def test_no_import_cycle():
    graph = {m: {t for t in ts if t in IMPORTS} for m, ts in IMPORTS.items()}
    # a package's __init__ importing its own modules is not a cycle worth failing on
    graph = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not cycles, "import cycles: " + repr(cycles)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_no_source_file_is_over_600_lines(path):
    n = len(path.read_text("utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(SRC)} has {n} lines; split it by what its parts do"
