"""What a benchmark measures: sizes, timed runs and measurements (shared by run.py and report.py)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Size:
    """One benchmark size and how hard to measure it."""

    label: str
    messages: int  # 0: the real site
    locales: int
    reps: int
    sphinx_locales: int = 0  # time Sphinx on this many locales and scale (0: all)
    merge_locales: int = 0  # the same for msgmerge, pybabel update and pybabel compile


@dataclass(frozen=True)
class Run:
    """One timed run: wall seconds (summed over its processes) and the largest peak RSS of them."""

    seconds: float
    peak_kib: int
    cpu: float = 0.0  # user + system seconds of the processes and the children they waited for


@dataclass
class Measurement:
    """The runs of one command at one size; `scale` multiplies a sample of locales up to all of them."""

    size: str
    name: str
    runs: list[Run] = field(default_factory=list)
    scale: float = 1.0
    note: str = ""

    @property
    def median(self) -> float:
        """The median wall time, scaled to all locales."""
        return statistics.median(r.seconds for r in self.runs) * self.scale

    @property
    def cpu_median(self) -> float:
        """The median CPU time (user + system), scaled like the wall time: steadier on a loaded machine."""
        return statistics.median(r.cpu for r in self.runs) * self.scale

    @property
    def peak_mib(self) -> float:
        """The largest peak resident memory of any process of any run."""
        return max(r.peak_kib for r in self.runs) / 1024


def as_json(measurements: Sequence[Measurement]) -> list[dict[str, object]]:
    """Every measurement with its runs, for docs/benchmarks.json."""
    return [{**asdict(m), "median": round(m.median, 4), "peak_mib": round(m.peak_mib, 1)} for m in measurements]
