"""Sessions that mirror the CLI (extract, update, check, compile, build) plus tests, lint, typecheck, screenshots, bench."""

from __future__ import annotations

import os

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True

DEV = ["pytest>=8", "hypothesis>=6.100", "html5lib>=1.1", "lxml>=5", "playwright>=1.40", "translate-toolkit>=3.13"]


def _cli(session: nox.Session, *args: str) -> None:
    session.install(".")
    session.run("policy-pipeline", *args, *session.posargs)


@nox.session
def extract(session: nox.Session) -> None:
    """Extract the Japanese source messages into locales/messages.pot."""
    _cli(session, "extract")


@nox.session
def update(session: nox.Session) -> None:
    """Merge messages.pot into every catalog."""
    _cli(session, "update")


@nox.session
def check(session: nox.Session) -> None:
    """Run the translator checks over every catalog."""
    _cli(session, "check")


@nox.session
def compile(session: nox.Session) -> None:
    """Compile every catalog into a .mo file."""
    _cli(session, "compile")


@nox.session
def build(session: nox.Session) -> None:
    """Build the site from the shipped catalogs into _site/."""
    _cli(session, "build")


@nox.session
def publish(session: nox.Session) -> None:
    """The CI publishing job: catalogs up to date, check (annotated), build, check the built pages,
    and the status in the job summary."""
    session.install(".")
    session.run("policy-pipeline", "update", "--check")
    session.run("policy-pipeline", "check", "--format", "github")
    session.run("policy-pipeline", "build", *session.posargs)
    session.run("policy-pipeline", "check", "--site", "_site")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            session.run("policy-pipeline", "stats", "--format", "markdown", stdout=handle)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite against the installed (non-editable) package."""
    session.install(".", *DEV)
    session.run("pytest", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """Coverage-guided fuzzing with atheris (default one minute; pass -max_total_time=N)."""
    session.install(".", "atheris")
    args = session.posargs or ["-max_total_time=60"]
    session.run("python", "tests/fuzz_atheris.py", "-artifact_prefix=.fuzz-crash-", *args)


@nox.session
def screenshots(session: nox.Session) -> None:
    """Build the site, then PNGs of every page (desktop, mobile, print) into _reports/screenshots/,
    and each language's first screen (desktop, mobile) into docs/ for the README."""
    session.install(".", "playwright>=1.40")
    session.run("policy-pipeline", "build")
    session.run("python", "tests/screenshots.py", "_site", "_reports/screenshots", "docs", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Time every stage against Sphinx, pybabel and GNU gettext; writes docs/benchmarks.* (--quick: a smoke run)."""
    session.install(".", "sphinx", "matplotlib")
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff over the package, the tests, the benchmarks and this file."""
    session.install("ruff>=0.5")
    session.run("ruff", "check", "pipeline", "tests", "benchmarks", "noxfile.py")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package."""
    session.install(".", "mypy>=1.10")
    session.run("mypy")
