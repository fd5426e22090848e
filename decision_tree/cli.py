"""Command line: walk the tree in a terminal, or compute, export, check and render it.

python -m decision_tree                          ask the questions interactively
python -m decision_tree result TOKEN --format markdown
python -m decision_tree result TOKEN --format ics --share-url URL > dates.ics
python -m decision_tree export --lang en         every path with its result (JSON)
python -m decision_tree validate                 check the tree (exit 1 if broken)
python -m decision_tree static --lang fr         the no-JavaScript HTML version
python -m decision_tree diagram                  a Mermaid flowchart
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date

from . import engine, share, views
from .alternatives import open_answers, what_decides
from .errors import AssessmentError, TreeError
from .model import END, load_tree
from .render_calendar import to_ics
from .render_result import to_markdown, to_text
from .wording import colon, heading


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
    languages = list(load_tree().languages)
    parser = argparse.ArgumentParser(
        prog="python -m decision_tree",
        description=__doc__.splitlines()[0],
        epilog="Without a command, the questions are asked in the terminal (--resume TOKEN goes on from a token; "
        "--resume TOKEN --change N asks again from its answer number N).",
    )
    parser.add_argument("--lang", choices=languages, default=languages[0])
    parser.add_argument(
        "--date", type=date.fromisoformat, default=date.today(), help="compute dates relative to this day (YYYY-MM-DD)"
    )
    parser.add_argument("--resume", metavar="TOKEN", help="go on with the questions from a token's answers")
    parser.add_argument(
        "--change",
        metavar="N",
        type=int,
        help="with --resume: ask again from the token's answer number N (as numbered under the result's answers), "
        "the later answers reused where the questions still ask them",
    )
    parser.set_defaults(run=_interactive)
    commands = parser.add_subparsers(title="commands")
    result = commands.add_parser(
        "result", help="the result of a share token's answers: as text, a Markdown checklist, JSON or an .ics calendar (--format)"
    )
    result.add_argument("token")
    result.add_argument("--format", choices=("text", "markdown", "json", "ics"), default="text")
    result.add_argument("--share-url", help="the result's link on the site: last line of the Markdown, in the calendar's events")
    result.set_defaults(run=_result)
    commands.add_parser("export", help="every path with its result, as JSON").set_defaults(run=_export)
    commands.add_parser("validate", help="check the tree").set_defaults(run=_validate)
    commands.add_parser("static", help="the static HTML version").set_defaults(run=_static)
    commands.add_parser("diagram", help="a Mermaid flowchart of the tree").set_defaults(run=_diagram)
    for command in commands.choices.values():  # accept the options after the command too
        command.add_argument("--lang", choices=languages, default=argparse.SUPPRESS)
        command.add_argument("--date", type=date.fromisoformat, default=argparse.SUPPRESS)
    return parser


def _result(args) -> int:
    state = share.decode(args.token, args.lang)
    if engine.current_node(state) != END:
        raise AssessmentError("not-finished")
    outcome = views.result(state, args.date)
    if args.format == "ics":
        return _calendar(outcome, share.encode(state), args.share_url)
    formats = {
        "json": lambda: json.dumps(outcome, ensure_ascii=False, indent=2) + "\n",
        "markdown": lambda: to_markdown(outcome, share_url=args.share_url, **_beside_the_result(state)),
        "text": lambda: to_text(outcome, **_beside_the_result(state)),
    }
    sys.stdout.write(formats[args.format]())
    return 0


def _calendar(outcome: dict, token: str, share_url: str | None) -> int:
    """The upcoming dates as iCalendar, written as bytes (its CRLF line ends must stay as they are);
    with no date ahead, say so on stderr, write nothing and exit 1, so that `> dates.ics` is not
    taken for a calendar (one needs at least one event, RFC 5545 section 3.6)."""
    text = to_ics(outcome, token, share_url)
    if text is None:
        lang = outcome["lang"]
        print(load_tree().ui["calendar_none"][lang].format(colon=colon(lang)), file=sys.stderr)
        return 1
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


def _export(args) -> int:
    from .paths import export  # build-time tools are imported where used

    json.dump(export(args.lang, args.date), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _validate(args) -> int:
    from .validation import check

    check(load_tree())
    print("ok: the tree is valid")
    return 0


def _static(args) -> int:
    from .render_static import render_html

    sys.stdout.write(render_html(args.lang))
    return 0


def _diagram(args) -> int:
    from .render_diagram import to_mermaid

    sys.stdout.write(to_mermaid(args.lang))
    return 0


def _interactive(args, read=input) -> int:
    """Ask each question on the terminal: a number (several for a multiple-choice question,
    "1,3" or "1 3"), "0" to go back. End of input stops, printing the token so far. With
    `--change N`, the token's answer number N is asked again, its earlier choice marked."""
    tree, lang = load_tree(), args.lang
    ui = {key: text[lang] for key, text in tree.ui.items()}
    state = share.decode(args.resume, lang) if args.resume else engine.start(lang)
    if args.change is not None:
        if not args.resume or not 1 <= args.change <= len(state.answers):  # a usage error, as argparse's
            print(f"--change N needs --resume TOKEN and N from 1 to {len(state.answers)}", file=sys.stderr)
            return 2
        state = engine.revisit(state, args.change - 1)
    while engine.current_node(state) != END:
        step = views.question_view(state)
        print(f"\n{step['text']}\n  ({step['why']})")
        if step["help"]:  # the definitions a reader needs to answer (the page's "What it means")
            print(f"  {heading('help', lang, tree)} {step['help']}")
        for number, option in enumerate(step["options"], start=1):
            earlier = f" {ui['cli_earlier']}" if option["id"] in step["selected"] else ""
            print(f"  {number}. {option['label']}{earlier}")
        hint = f"{ui['cli_several']} " if step["multiple"] else ""
        try:
            reply = read(f"{hint}[{ui['cli_back']}] > ").strip()
        except EOFError:
            print(f"\n{ui['cli_stopped']} python -m decision_tree --resume {share.encode(state)}")
            return 1
        if not reply:
            print(ui["cli_empty"])
            continue
        if reply == "0":
            state = engine.back(state)
            continue
        try:
            state = engine.answer(state, _picked(reply, step))
        except AssessmentError as problem:
            print(f"{tree.errors[problem.code][lang]} {_why(problem, step)}".rstrip())
    print()
    print(to_text(views.result(state, args.date), **_beside_the_result(state)))
    print(ui["cli_token"])
    print(f"  result {share.encode(state)}")
    print(ui["cli_change"])
    print(f"  python -m decision_tree --resume {share.encode(state)} --change N")
    return 0


def _beside_the_result(state: engine.State) -> dict:
    """What the text and Markdown outputs add to the result view, as the page's details do."""
    return {"alternatives": what_decides(state), "open_answers": open_answers(state)}


def _picked(reply: str, step: dict) -> str | list[str]:
    numbers = [part for part in re.split(r"[,\s]+", reply) if part]
    try:
        picked = [step["options"][int(number) - 1]["id"] for number in numbers if int(number) > 0]
    except (ValueError, IndexError):
        raise AssessmentError("unknown-option", reply) from None
    if len(picked) != len(numbers):
        raise AssessmentError("unknown-option", reply)
    return picked if step["multiple"] else (picked[0] if len(picked) == 1 else picked)


def _why(problem: AssessmentError, step: dict) -> str:
    """Why a selection is refused: one answer only, or the option that cannot be combined."""
    if problem.code != "bad-selection":
        return ""
    ui = load_tree().ui
    if not step["multiple"]:
        return ui["cli_one_answer"][step["lang"]]
    exclusive = [option["label"] for option in step["options"] if option["exclusive"] and option["id"] in problem.detail]
    return ui["cli_not_combined"][step["lang"]].format(option=exclusive[0]) if exclusive else ""
