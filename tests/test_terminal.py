"""The terminal experience: colours only on a terminal (and not with NO_COLOR), progress only on
a terminal, --quiet and --verbose, completion scripts, and --help with examples everywhere."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.cli.arguments import build_parser
from pipeline.cli.completion import completion_script
from pipeline.cli.main import main
from pipeline.cli.terminal import Terminal, colour_diagnostic

from conftest import run_cli

LINE = "locales/ko/LC_MESSAGES/messages.po:12:3: warning: untranslated [completeness]"
COMMANDS = ("extract", "init", "update", "check", "compile", "stats", "build", "changes", "serve", "completion")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_diagnostics_are_plain_when_not_a_terminal(mini: Path) -> None:
    result = run_cli(mini, "check", "--strict")
    assert "\033[" not in result.out + result.err


def test_diagnostics_are_coloured_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    err = FakeTerminal()
    Terminal(io.StringIO(), err).diagnostics([LINE])
    assert "\033[1;33mwarning\033[0m" in err.getvalue() and "untranslated" in err.getvalue()


def test_no_color_turns_colour_off_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    err = FakeTerminal()
    Terminal(io.StringIO(), err).diagnostics([LINE])
    assert err.getvalue() == LINE + "\n"


def test_colour_keeps_the_text() -> None:
    assert colour_diagnostic(LINE, False) == LINE
    assert colour_diagnostic(LINE, True).replace("\033[1;33m", "").replace("\033[1m", "").replace("\033[2m", "").replace("\033[0m", "") == LINE


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    plain, tty = io.StringIO(), FakeTerminal()
    Terminal(io.StringIO(), plain).progress("rendering ko sitepolicy")
    Terminal(io.StringIO(), tty).progress("rendering ko sitepolicy")
    assert plain.getvalue() == "" and "rendering ko sitepolicy" in tty.getvalue()


def test_quiet_prints_only_diagnostics(mini: Path) -> None:
    assert run_cli(mini, "--quiet", "build").out == ""
    assert run_cli(mini, "build").out.endswith("(unchanged)\n")


def test_verbose_says_how_long_it_took(mini: Path) -> None:
    assert "extract: " in run_cli(mini, "--verbose", "extract").err


def test_quiet_and_verbose_exclude_each_other(mini: Path) -> None:
    assert run_cli(mini, "--quiet", "--verbose", "stats").code == 2


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    text = capsys.readouterr().out
    assert "examples:" in text and f"policy-pipeline {command}" in text


def test_bash_completion_lists_commands_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert "complete -o default -F _policy_pipeline policy-pipeline" in script
    assert all(command in script for command in COMMANDS) and "--review" in script and "--pseudo" in script


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completion_completes_a_command_option() -> None:
    script = completion_script(build_parser(), "bash")
    probe = script + '\nCOMP_WORDS=(policy-pipeline build --re); COMP_CWORD=2; _policy_pipeline; echo "${COMPREPLY[@]}"\n'
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["--reports", "--review"]


def test_zsh_completion_describes_commands() -> None:
    script = completion_script(build_parser(), "zsh")
    assert script.startswith("#compdef policy-pipeline") and "'serve:build, serve on 127.0.0.1" in script
