"""Shell completion scripts, generated from the argparse grammar so they never drift from it."""

from __future__ import annotations

import argparse

from .arguments import PROG


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return sorted(s for action in parser._actions for s in action.option_strings)


def _values(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    """The values an option takes ('' for the positional arguments), from argparse's choices."""
    found: dict[str, list[str]] = {}
    for action in parser._actions:
        if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
            for name in action.option_strings or [""]:
                found[name] = [str(choice) for choice in action.choices]
    return found


def _option_values(parser: argparse.ArgumentParser) -> list[tuple[str, str, str]]:
    """(command, option, its values) for every option with a fixed set of values."""
    return [(name, option, " ".join(words)) for name, sub in _commands(parser).items()
            for option, words in _values(sub).items() if option]


# --locale takes a catalog folder's name: the folders of locales/ (the default layout).
_LOCALE_VALUES = "$(cd locales 2>/dev/null && ls -d */ 2>/dev/null | tr -d /)"


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _summaries(parser: argparse.ArgumentParser) -> dict[str, str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {choice.dest: choice.help or "" for choice in action._choices_actions}
    return {}


def bash_script(parser: argparse.ArgumentParser) -> str:
    """A bash completion function: commands first, then the chosen command's options."""
    commands = _commands(parser)
    cases = "\n".join(f'        {name}) opts="{" ".join(_options(sub) + _values(sub).get("", []))}" ;;' for name, sub in commands.items())
    value_cases = "\n".join(f'        {command}:{option}) COMPREPLY=($(compgen -W "{words}" -- "$cur")); return ;;'
                            for command, option, words in _option_values(parser))
    function = "_" + PROG.replace("-", "_")
    return f"""# bash completion for {PROG}: source it, or put it in ~/.local/share/bash-completion/completions/
{function}() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" command="" opts="" previous="" word
    for word in "${{COMP_WORDS[@]:1:COMP_CWORD-1}}"; do
        # the first word that is neither an option nor the folder after --root is the command
        case "$word" in -*) ;; *) [ -z "$command" ] && [ "$previous" != --root ] && command="$word" ;; esac
        previous="$word"
    done
    case "$command:${{COMP_WORDS[COMP_CWORD-1]}}" in
{value_cases}
        *:--locale) COMPREPLY=($(compgen -W "{_LOCALE_VALUES}" -- "$cur")); return ;;
    esac
    case "$command" in
{cases}
        *) opts="{" ".join(_options(parser))} {" ".join(commands)}" ;;
    esac
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}}
complete -o default -F {function} {PROG}
"""


def zsh_script(parser: argparse.ArgumentParser) -> str:
    """A zsh completion function: commands with their descriptions, then each command's options."""
    summaries = _summaries(parser)
    described = "\n".join(f"        '{name}:{summary.replace(chr(39), '')}'" for name, summary in summaries.items())
    cases = "\n".join(f"        {name}) compadd -- {' '.join(_options(sub) + _values(sub).get('', []))} ;;" for name, sub in _commands(parser).items())
    value_cases = "\n".join(f"        {command}:{option}) compadd -- {words}; return ;;" for command, option, words in _option_values(parser))
    function = "_" + PROG.replace("-", "_")
    return f"""#compdef {PROG}
# zsh completion for {PROG}: put it in a folder of $fpath as _{PROG}, then run compinit.
{function}() {{
    local -a commands
    commands=(
{described}
    )
    local command="" previous="" word
    for word in ${{words[2,CURRENT-1]}}; do
        [[ $word != -* && $previous != --root ]] && {{ command=$word; break; }}
        previous=$word
    done
    case $command:${{words[CURRENT-1]}} in
{value_cases}
        *:--locale) compadd -- {_LOCALE_VALUES}; return ;;
    esac
    if [[ -z $command ]]; then
        _describe 'command' commands
        compadd -- {' '.join(_options(parser))}
        return
    fi
    case $command in
{cases}
    esac
    _files
}}
{function} "$@"
"""


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The script for one shell (bash or zsh)."""
    return bash_script(parser) if shell == "bash" else zsh_script(parser)
