"""The package's shape: no import circles, the catalog model at the bottom, one id per problem.

The import graph is read from the source with ast (function-level and TYPE_CHECKING imports
included: a circle hidden inside a function is still a circle).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_cli

PACKAGE = REPO / "pipeline"
MODEL = "pipeline.catalog.model"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported_by(module: str) -> set[str]:
    """Our modules that one module imports, anywhere in its text."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            stem = ".".join([*base, *([node.module] if node.module else [])])
            names = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in MODULES else stem for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, edges = work[-1]
            child = next(edges, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = stack[stack.index(node):]
                    del stack[stack.index(node):]
                    if len(group) > 1:
                        found.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in stack:
                low[node] = min(low[node], index[child])
    return found


def test_no_import_circle_in_the_package() -> None:
    graph = {module: imported_by(module) for module in MODULES}
    assert circles(graph) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_catalog_model_imports_none_of_our_modules() -> None:
    assert imported_by(MODEL) == set()


def test_every_module_imports_alone_without_circles() -> None:
    """`import pipeline.x` works first thing in a fresh interpreter, for every module."""
    names = sorted(m for m in MODULES if not m.endswith("__main__"))
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n    [sys.modules.pop(k) for k in list(sys.modules) if k.startswith('pipeline')]\n"
    done = subprocess.run([sys.executable, "-c", script, *names], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr


def test_pipeline_build_is_always_the_module() -> None:
    script = "import pipeline, types\nfrom pipeline import build\nassert isinstance(build, types.ModuleType)\nassert not callable(pipeline.build)\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr


def test_update_does_not_load_jinja2() -> None:
    """Reading the template and the catalogs needs no template engine (start-up time)."""
    done = subprocess.run([sys.executable, "-c", "import sys, pipeline.update\nprint('jinja2' in sys.modules)"],
                          capture_output=True, text=True, cwd=REPO)
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.parametrize("command", ["update", "check", "compile", "stats", "build"])
def test_a_missing_catalog_is_the_same_finding_from_every_command(mini: Path, command: str) -> None:
    (mini / "locales/ko/LC_MESSAGES/messages.po").unlink()
    result = run_cli(mini, command)
    line = ("locales/ko/LC_MESSAGES/messages.po: error: no catalog for configured locale ko: "
            "run 'policy-pipeline init --locale ko' [po-syntax]")
    assert result.code == 1 and line in (result.out + result.err).splitlines()


@pytest.mark.parametrize("command", ["update", "check", "compile", "stats", "build"])
def test_a_catalog_with_a_byte_order_mark_is_the_same_finding_from_every_command(mini: Path, command: str) -> None:
    catalog = mini / "locales/ko/LC_MESSAGES/messages.po"
    catalog.write_bytes(b"\xef\xbb\xbf" + catalog.read_bytes())
    result = run_cli(mini, command)
    line = ("locales/ko/LC_MESSAGES/messages.po:1:1: error: byte-order mark at the start: "
            "save the file as UTF-8 without BOM [encoding]")
    assert result.code == 1 and line in (result.out + result.err).splitlines()


def emitted_ids() -> dict[str, str]:
    """Every literal diagnostic id in the package, with one place that emits it."""
    makers = {"error", "warning", "make", "report", "report_header", "Diagnostic"}
    found: dict[str, str] = {}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name not in makers:
                continue
            for arg in node.args[:2]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and re.fullmatch(r"[a-z][a-z0-9-]*", arg.value):
                    found.setdefault(arg.value, f"{module}:{node.lineno}")
    return found


def test_every_emitted_id_is_registered_and_documented() -> None:
    from pipeline.checks.registry import DIAGNOSTICS

    reference = (REPO / "docs" / "checks.md").read_text(encoding="utf-8")
    ids = emitted_ids()
    assert len(ids) > 40
    assert {i: where for i, where in ids.items() if i not in DIAGNOSTICS} == {}
    assert [i for i in DIAGNOSTICS if f"| `{i}` |" not in reference] == []


# Modules over ~300 lines, each with its reason; a module that shrinks below the limit leaves the list.
LIMIT = 300
LONGER = {
}


def test_no_module_is_over_the_limit_without_a_reason() -> None:
    lengths = {str(p.relative_to(REPO)): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    over = {path: n for path, n in lengths.items() if n > LIMIT}
    assert set(over) <= set(LONGER), over
    assert set(LONGER) <= set(over), "a listed module is back under the limit: take it off LONGER"


def readme_map() -> list[str]:
    """The paths listed in README's package map (indentation gives the folder)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text[text.index("<!-- package map:"):]
    lines = block.split("```")[1].strip("\n").splitlines()
    folders: list[str] = []
    paths = []
    for line in lines:
        depth = (len(line) - len(line.lstrip(" "))) // 2
        name = line.split()[0]
        folders = folders[:depth]
        path = "/".join([*folders, name.rstrip("/")])
        paths.append(path)
        if name.endswith("/"):
            folders.append(name.rstrip("/"))
    return paths


def test_the_readme_map_lists_every_module_and_nothing_else() -> None:
    listed = readme_map()
    modules = sorted(str(p.relative_to(REPO)) for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent == PACKAGE)
    assert sorted(p for p in listed if p.endswith(".py")) == modules
    assert [p for p in listed if not (REPO / p).exists()] == []
    assert len(listed) == len(set(listed))


def test_pyproject_ships_every_package_and_the_tools_templates() -> None:
    import tomllib

    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert sorted(setuptools["packages"]) == sorted(module_name(p) for p in PACKAGE.rglob("__init__.py"))
    shipped = {p for package, patterns in setuptools["package-data"].items() for pattern in patterns
               for p in (REPO / package.replace(".", "/")).glob(pattern)}
    assert shipped == set(PACKAGE.rglob("*.j2"))


def test_every_function_level_import_gives_its_reason() -> None:
    """An import inside a function buys start-up time or breaks no circle only if it says so: a
    comment on its line (or the line before), or the module's docstring stating its lazy imports."""
    silent = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        lines = text.splitlines()
        declared = "lazy imports" in (ast.get_docstring(tree) or "")
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
            for node in (n for n in ast.walk(function) if isinstance(n, ast.Import | ast.ImportFrom)):
                said = "#" in lines[node.lineno - 1] or lines[node.lineno - 2].strip().startswith("#")
                if not (said or declared):
                    silent.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert silent == []
