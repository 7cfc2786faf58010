"""Time every stage of policy-pipeline as whole processes against Sphinx, pybabel and GNU gettext on the same content.

Writes docs/benchmarks.md (medians, ratios, fuzzy-match accuracy), docs/benchmarks.json (every run) and
docs/benchmarks.png (time against size). `--quick` runs small sizes once and writes into .bench/ instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import REPO, SOURCE_DATE_EPOCH, fingerprint  # noqa: E402
from model import Measurement, Run, Size  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONDONTWRITEBYTECODE": "1"}
BUDGET_PER_MEASUREMENT = 30.0  # seconds: stop repeating a measurement once its runs took this long


FULL = (Size("real site", 0, 4, 5), Size("2,000 × 10", 2000, 10, 3, sphinx_locales=1),
        Size("20,000 × 20", 20000, 20, 1, sphinx_locales=1, merge_locales=1))
QUICK = (Size("real site", 0, 4, 1), Size("200 × 3", 200, 3, 1))
SIZE_NAMES = {"real": 0, "2k": 1, "20k": 2}  # --sizes picks among FULL by these names


class BenchError(RuntimeError):
    """A benchmarked command failed."""


def timed(*commands: Sequence[object], cwd: Path = REPO) -> Run:
    """Run commands one after another; their summed wall time and the largest peak RSS (os.wait4).

    A child's peak counts what it inherited at fork before exec, so this process keeps its own heap small:
    generation, scoring and catalog edits run as processes of their own."""
    seconds, peak, cpu = 0.0, 0, 0.0
    for command in commands:
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen([str(c) for c in command], cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                                       stderr=errors)
            _, status, usage = os.wait4(process.pid, 0)
            seconds += time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            peak = max(peak, usage.ru_maxrss)
            cpu += usage.ru_utime + usage.ru_stime
            if process.returncode:
                errors.seek(0)
                tail = errors.read()[-1500:].decode("utf-8", "replace")
                raise BenchError(f"{' '.join(map(str, command))} exited {process.returncode}:\n{tail}")
    return Run(seconds, peak, cpu)


Step = tuple[str, Callable[[Path], Run | None]]


def repeat(size: Size, setup: Callable[[], Path], steps: Sequence[Step], scale: float = 1.0,
           note: str = "") -> dict[str, Measurement]:
    """Up to size.reps rounds of setup then steps; stop early once the rounds took BUDGET_PER_MEASUREMENT."""
    found = {name: Measurement(size.label, name, scale=scale, note=note) for name, _ in steps}
    spent = 0.0
    for _ in range(size.reps):
        folder = setup()
        for name, step in steps:
            run = step(folder)
            if run is not None:
                found[name].runs.append(run)
                spent += run.seconds
        if spent > BUDGET_PER_MEASUREMENT:
            break
    kept = {name: m for name, m in found.items() if m.runs}
    for measurement in kept.values():
        _log(measurement)
    return kept


def _log(measurement: Measurement) -> None:
    print(f"  {measurement.size:>12}  {measurement.name:<28} {measurement.median:8.2f} s  "
          f"{measurement.peak_mib:6.0f} MiB  (n={len(measurement.runs)})", file=sys.stderr, flush=True)


class Bench:
    """One generated size: a pristine copy in `data`, scratch copies in `work`."""

    def __init__(self, size: Size, data: Path, work: Path) -> None:
        self.size, self.data, self.work = size, data, work
        self.manifest: dict[str, object] = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
        self.truth: dict[str, object] = json.loads((data / "truth.json").read_text(encoding="utf-8"))
        self.locales: list[str] = list(cast("list[str]", self.manifest["locales"]))

    def fresh(self, name: str) -> Path:
        """A scratch copy of the pristine folder `name` (site, plain or sphinx)."""
        target = self.work / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(self.data / name, target)
        return target

    def sample(self, count: int) -> tuple[list[str], float]:
        """The first `count` locales (all when 0) and the factor that scales their time to all locales."""
        chosen = self.locales[:count] if count else self.locales
        return chosen, len(self.locales) / len(chosen)

    def catalog(self, folder: Path, locale: str) -> Path:
        """A locale's catalog in our (and pybabel's) layout."""
        return folder / "locales" / locale / "LC_MESSAGES" / "messages.po"


def ours(folder: Path, *args: str) -> Run:
    """Time one command of our CLI on a project folder."""
    return timed([sys.executable, "-m", "pipeline", "--root", folder, *args])


# ---------------------------------------------------------------------------------------------------
# Our stages


def measure_ours(bench: Bench, scores: dict[str, dict[str, object]]) -> list[Measurement]:
    """extract, update (after the edit), check, compile, build, no-op rebuild, one-catalog-changed rebuild."""
    size, found = bench.size, list[Measurement]()
    site = lambda: bench.fresh("site")  # noqa: E731
    found += repeat(size, site, [("extract", lambda d: ours(d, "extract"))]).values()
    found += repeat(size, lambda: _edited_site(bench), [("update", lambda d: _update(bench, d, scores))]).values()
    found += repeat(size, site, [("check", lambda d: ours(d, "check"))]).values()
    found += repeat(size, site, [("compile", lambda d: ours(d, "compile"))]).values()
    found += repeat(size, site, [
        ("build", lambda d: ours(d, "build")),
        ("no-op rebuild", lambda d: ours(d, "build")),
        ("", lambda d: _change_one_catalog(bench, d)),
        ("one-catalog rebuild", lambda d: ours(d, "build")),
    ]).values()
    return found


def _edited_site(bench: Bench) -> Path:
    folder = bench.fresh("site")
    page = str(bench.manifest["page"])
    shutil.copy2(bench.data / "edit" / page, folder / "templates" / page)
    timed([sys.executable, "-m", "pipeline", "--root", folder, "extract"])
    return folder


def _update(bench: Bench, folder: Path, scores: dict[str, dict[str, object]]) -> Run:
    run = ours(folder, "update")
    scores.setdefault("policy-pipeline update", score(bench, bench.catalog(folder, bench.locales[0])))
    return run


def _change_one_catalog(bench: Bench, folder: Path) -> None:
    timed([sys.executable, HERE / "generate.py", "--touch", bench.catalog(folder, bench.locales[0])])


# ---------------------------------------------------------------------------------------------------
# The alternatives


def measure_alternatives(bench: Bench, scores: dict[str, dict[str, object]]) -> list[Measurement]:
    """The import floor, Sphinx for every language, pybabel compile/update, msgfmt -c and msgmerge --update."""
    size, found = bench.size, list[Measurement]()
    floor = [sys.executable, "-c", "import jinja2, babel, polib"]
    found += repeat(size, lambda: bench.work, [("floor: import jinja2, babel, polib", lambda _: timed(floor))]).values()
    floor14 = [sys.executable, "-c", "import jinja2, babel.messages.pofile"]
    found += repeat(size, lambda: bench.work, [(FLOOR_PO, lambda _: timed(floor14))]).values()
    found += repeat(size, lambda: bench.work, [(name, lambda _, code=code: _read(bench, code))
                                               for name, code in READERS.items()]).values()
    if (bench.data / "sphinx").exists():
        found += _scaled(bench, size.sphinx_locales, "sphinx-build (all languages)", _sphinx)
    found += _scaled(bench, size.merge_locales, "pybabel compile", _pybabel_compile)
    found += _scaled(bench, size.merge_locales, "pybabel update", lambda b, ls: _pybabel_update(b, ls, scores))
    found += _scaled(bench, 0, "msgfmt -c", _msgfmt)
    found += _scaled(bench, 0, "msgfmt", lambda b, ls: _msgfmt(b, ls, check=False))
    found += _scaled(bench, size.merge_locales, "msgmerge --update", lambda b, ls: _msgmerge(b, ls, scores))
    return found


FLOOR_PO = "floor: import jinja2, babel.messages.pofile"
# Reading every catalog of a size in one process: our reader against Babel's (each parses the bytes).
READERS = {
    "read: policy-pipeline": "from pipeline.catalog.pofile import parse_catalog\n"
                             "for p in PATHS: parse_catalog(open(p, 'rb').read(), p, keep_layout=False)",
    "read: Babel read_po": "import io\nfrom babel.messages.pofile import read_po\n"
                           "for p in PATHS: read_po(io.BytesIO(open(p, 'rb').read()))",
}


def _read(bench: Bench, code: str) -> Run:
    paths = [str(bench.catalog(bench.data / "plain", locale)) for locale in bench.locales]
    return timed([sys.executable, "-c", f"PATHS = {paths!r}\n{code}"])


Alternative = Callable[[Bench, list[str]], tuple[Callable[[], Path], Callable[[Path], Run]]]


def _scaled(bench: Bench, count: int, name: str, alternative: Alternative) -> list[Measurement]:
    locales, scale = bench.sample(count)
    setup, step = alternative(bench, locales)
    note = f"{len(locales)} of {len(bench.locales)} locales, ×{scale:g}" if scale != 1 else ""
    return list(repeat(bench.size, setup, [(name, step)], scale, note).values())


def _sphinx(bench: Bench, locales: list[str]) -> tuple[Callable[[], Path], Callable[[Path], Run]]:
    def setup() -> Path:
        source = bench.fresh("sphinx")  # cold: no .mo files, no doctrees, no output
        for mo in source.rglob("*.mo"):
            mo.unlink()
        shutil.rmtree(bench.work / "sphinx-html", ignore_errors=True)
        return source

    def step(source: Path) -> Run:
        return timed(*([BIN / "sphinx-build", "-b", "html", "-q", "-D", f"language={locale}", source,
                        bench.work / "sphinx-html" / locale] for locale in locales))

    return setup, step


def _pybabel_compile(bench: Bench, locales: list[str]) -> tuple[Callable[[], Path], Callable[[Path], Run]]:
    def step(plain: Path) -> Run:
        only = [] if len(locales) == len(bench.locales) else ["-l", locales[0]]
        return timed([BIN / "pybabel", "-q", "compile", "-d", plain / "locales", "-D", "messages", *only])

    return lambda: bench.fresh("plain"), step


def _pybabel_update(bench: Bench, locales: list[str],
                    scores: dict[str, dict[str, object]]) -> tuple[Callable[[], Path], Callable[[Path], Run]]:
    def step(plain: Path) -> Run:
        only = [] if len(locales) == len(bench.locales) else ["-l", locales[0]]
        run = timed([BIN / "pybabel", "-q", "update", "--previous", "-i", plain / "edited.pot", "-d",
                     plain / "locales", "-D", "messages", *only])
        scores.setdefault("pybabel update", score(bench, bench.catalog(plain, locales[0])))
        return run

    return lambda: bench.fresh("plain"), step


def _msgfmt(bench: Bench, locales: list[str], check: bool = True) -> tuple[Callable[[], Path], Callable[[Path], Run]]:
    def step(plain: Path) -> Run:
        return timed(*(["msgfmt", *(["-c"] if check else []), "-o", plain / f"{locale}.mo",
                        bench.catalog(plain, locale)] for locale in locales))

    return lambda: bench.fresh("plain"), step


def _msgmerge(bench: Bench, locales: list[str],
              scores: dict[str, dict[str, object]]) -> tuple[Callable[[], Path], Callable[[Path], Run]]:
    def step(plain: Path) -> Run:
        run = timed(*(["msgmerge", "-q", "--update", "--previous", "--backup=off", bench.catalog(plain, locale),
                       plain / "edited.pot"] for locale in locales))
        scores.setdefault("GNU msgmerge", score(bench, bench.catalog(plain, locales[0])))
        return run

    return lambda: bench.fresh("plain"), step


# ---------------------------------------------------------------------------------------------------
# Fuzzy-match accuracy (in a process of its own: this process stays small, see `timed`)


def score(bench: Bench, merged: Path) -> dict[str, object]:
    """How a merged catalog treated the edit (benchmarks/accuracy.py)."""
    original = bench.catalog(bench.data / "plain", merged.parent.parent.name)
    result = subprocess.run([sys.executable, HERE / "accuracy.py", original, merged, bench.data / "truth.json"],
                            capture_output=True, text=True, check=True)
    found: dict[str, object] = json.loads(result.stdout)
    return found


# ---------------------------------------------------------------------------------------------------
# The run and the report


def prepare(size: Size, root: Path, fresh: bool) -> tuple[Path, float]:
    """The generated folder of a size, reused when it was made by this generator; the seconds generation took."""
    data = root / "data" / size.label.replace(" ", "").replace(",", "").replace("×", "x")
    wanted = fingerprint(size.messages, size.locales, 6, True)
    manifest = data / "manifest.json"
    if not fresh and manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint") == wanted:
        return data, 0.0
    print(f"generating {size.label} into {data}", file=sys.stderr, flush=True)
    run = timed([sys.executable, HERE / "generate.py", data, "--messages", str(size.messages),
                 "--locales", str(size.locales)])
    return data, run.seconds


def machine_facts() -> dict[str, str]:
    """What the numbers were measured on."""
    from importlib.metadata import PackageNotFoundError, version

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    gettext = subprocess.run(["msgfmt", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    try:
        sphinx_version = version("sphinx")
    except PackageNotFoundError:
        sphinx_version = "not installed"
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "jinja2": version("jinja2"), "babel": version("babel"),
            "sphinx": sphinx_version, "gettext": gettext, "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each, report into .bench/")
    parser.add_argument("--fresh", action="store_true", help="regenerate the synthetic sites")
    parser.add_argument("--work", type=Path, default=REPO / ".bench", help="generated sites and scratch copies")
    parser.add_argument("--docs", type=Path, help="where to write benchmarks.md/.json/.png (default docs/)")
    parser.add_argument("--from-json", type=Path, help="only rewrite the report from a benchmarks.json")
    parser.add_argument("--sizes", help="comma-separated among real, 2k, 20k (default: all three)")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    if args.sizes and not args.quick:
        sizes = tuple(FULL[SIZE_NAMES[name.strip()]] for name in args.sizes.split(","))
    docs = args.docs or (args.work / "quick" if args.quick else REPO / "docs")
    if args.from_json:
        return _report_again(args.from_json, docs, sizes)
    started, facts = time.perf_counter(), machine_facts()
    measurements: list[Measurement] = []
    scores: dict[str, dict[str, dict[str, object]]] = {}
    generated: dict[str, float] = {}
    work: dict[str, int] = {}
    for size in sizes:
        data, generated[size.label] = prepare(size, args.work, args.fresh)
        bench = Bench(size, data, args.work / "scratch")
        work[size.label] = int(bench.manifest["messages"]) * len(bench.locales)  # type: ignore[call-overload]
        print(f"measuring {size.label}", file=sys.stderr, flush=True)
        scores[size.label] = {}
        measurements += measure_ours(bench, scores[size.label])
        measurements += measure_alternatives(bench, scores[size.label])
    shutil.rmtree(args.work / "scratch", ignore_errors=True)
    facts["inherited"] = f"{timed(['true']).peak_kib / 1024:.0f} MiB"
    facts["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    facts["wall"] = f"{time.perf_counter() - started:.0f} s"
    from report import write_report

    write_report(docs, sizes, measurements, scores, facts, generated, work)
    print(f"wrote {docs / 'benchmarks.md'} in {facts['wall']}", file=sys.stderr)
    return 0


def _report_again(source: Path, docs: Path, sizes: Sequence[Size]) -> int:
    """Rewrite the report from the runs recorded in a benchmarks.json (after a change to the report's text)."""
    from report import write_report

    recorded = json.loads(source.read_text(encoding="utf-8"))
    measurements = [Measurement(m["size"], m["name"], [Run(**r) for r in m["runs"]], m["scale"], m["note"])
                    for m in recorded["measurements"]]
    write_report(docs, sizes, measurements, recorded["fuzzy"], recorded["facts"], recorded.get("generated", {}),
                 recorded.get("work", {}))
    return 0



if __name__ == "__main__":
    sys.exit(main())
