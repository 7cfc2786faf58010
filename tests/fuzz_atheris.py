"""Coverage-guided fuzzing of catalog reading, merging and checking (run: nox -s fuzz).

Any exception other than our own PipelineError is a bug and stops the run with the input saved.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports():
    from fuzz_targets import fuzz_one


def main() -> None:
    atheris.Setup(sys.argv, fuzz_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
