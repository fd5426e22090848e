"""Command line: walk the tree in a terminal, or compute, export, check and render it.

    python -m decision_tree                          ask the questions interactively
    python -m decision_tree result TOKEN --format markdown
    python -m decision_tree export --lang en         every path with its result (JSON)
    python -m decision_tree validate                 check the tree (exit 1 if broken)
    python -m decision_tree static --lang fr         the no-JavaScript HTML version
    python -m decision_tree diagram                  a Mermaid flowchart
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from . import engine, share
from .errors import AssessmentError, TreeError
from .model import END, load_tree
from .paths import export
from .render_diagram import to_mermaid
from .render_result import to_markdown, to_text
from .render_static import render_html
from .validation import check


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except AssessmentError as problem:
        print(load_tree().errors[problem.code][args.lang], file=sys.stderr)
        return 2
    except TreeError as problem:
        print(problem, file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m decision_tree", description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--date", type=date.fromisoformat, default=date.today(), help="compute dates relative to this day (YYYY-MM-DD)")
    parser.set_defaults(run=_interactive)
    commands = parser.add_subparsers(title="commands")
    result = commands.add_parser("result", help="the result of a share token's answers")
    result.add_argument("token")
    result.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    result.set_defaults(run=_result)
    commands.add_parser("export", help="every path with its result, as JSON").set_defaults(run=_export)
    commands.add_parser("validate", help="check the tree").set_defaults(run=_validate)
    commands.add_parser("static", help="the static HTML version").set_defaults(run=_static)
    commands.add_parser("diagram", help="a Mermaid flowchart of the tree").set_defaults(run=_diagram)
    for command in commands.choices.values():  # accept the options after the command too
        command.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS)
        command.add_argument("--date", type=date.fromisoformat, default=argparse.SUPPRESS)
    return parser


def _result(args) -> int:
    outcome = engine.result(share.decode(args.token, args.lang), args.date)
    formats = {"json": lambda: json.dumps(outcome, ensure_ascii=False, indent=2) + "\n", "markdown": lambda: to_markdown(outcome), "text": lambda: to_text(outcome)}
    sys.stdout.write(formats[args.format]())
    return 0


def _export(args) -> int:
    json.dump(export(args.lang, args.date), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _validate(args) -> int:
    check(load_tree())
    print("ok: the tree is valid")
    return 0


def _static(args) -> int:
    sys.stdout.write(render_html(args.lang))
    return 0


def _diagram(args) -> int:
    sys.stdout.write(to_mermaid(args.lang))
    return 0


def _interactive(args, read=input) -> int:
    """Ask each question on the terminal; "0" goes back, an empty line or EOF quits."""
    state = engine.start(args.lang)
    back_word = {"fr": "0 = retour", "en": "0 = back"}[args.lang]
    while engine.current_node(state) != END:
        step = engine.question_view(state)
        print(f"\n{step['text']}\n  ({step['why']})")
        for number, option in enumerate(step["options"], start=1):
            print(f"  {number}. {option['label']}")
        hint = load_tree().ui["choose_all"][args.lang] + " (1,3) " if step["multiple"] else ""
        try:
            reply = read(f"{hint}[{back_word}] > ").strip()
        except EOFError:
            return 1
        if not reply:
            return 1
        if reply == "0":
            state = engine.back(state)
            continue
        try:
            picked = [step["options"][int(part) - 1]["id"] for part in reply.split(",")]
            state = engine.answer(state, picked if step["multiple"] else picked[0])
        except (ValueError, IndexError, AssessmentError):
            print(load_tree().errors["unknown-option"][args.lang])
    print()
    print(to_text(engine.result(state, args.date)))
    print(f"{share.encode(state)}")
    return 0
