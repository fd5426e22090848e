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
from .wording import colon, format_date, heading


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
    parser.add_argument("--date", type=_day, default=date.today(), help="compute dates relative to this day (YYYY-MM-DD)")
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
        command.add_argument("--date", type=_day, default=argparse.SUPPRESS)
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid date (YYYY-MM-DD)") from None


def _warn_before_basis(args) -> None:
    """A day before the legal basis is computed with today's law, not the law of that day: say so."""
    tree = load_tree()
    basis = tree.legal_basis["as_of"]
    if args.date < basis:
        text = tree.ui["cli_date_before_basis"][args.lang]
        print(text.format(day=format_date(args.date, args.lang), basis=format_date(basis, args.lang)), file=sys.stderr)


def _command(lang: str, rest: str) -> str:
    """A command line the reader can paste, in the language they work in."""
    return f"python -m decision_tree --lang {lang} {rest}"


def _result(args) -> int:
    state = share.decode(args.token, args.lang)
    tree = load_tree()
    if engine.current_node(state) != END:  # what was dropped, what is wrong, and how to go on
        said = [notice["text"] for notice in views.notices(state, tree)]
        said += [tree.errors["not-finished"][args.lang], tree.ui["cli_go_on"][args.lang]]
        said.append("  " + _command(args.lang, f"--resume {share.encode(state)}"))
        print("\n".join(said), file=sys.stderr)
        return 2
    _warn_before_basis(args)
    outcome = views.result(state, args.date)
    if args.format == "ics":
        for notice in outcome["notices"]:  # the calendar has no room for them
            print(notice["text"], file=sys.stderr)
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
        problem = _change_problem(args, len(state.answers))
        if problem:  # a usage error, as argparse's
            print(problem, file=sys.stderr)
            return 2
        state = engine.revisit(state, args.change - 1)
    _warn_before_basis(args)
    for notice in views.notices(state, tree):  # what an opened token could not replay
        print(notice["text"])
    shown = None  # the question on screen: after a refused reply, only the prompt is repeated
    while engine.current_node(state) != END:
        step = views.question_view(state)
        if step["id"] != shown:
            _show(step, ui, tree)
            shown = step["id"]
        hint = f"{ui['cli_several']} " if step["multiple"] else ""
        try:
            reply = read(f"{hint}[{ui['cli_back']}] > ").strip()
        except EOFError:
            print(f"\n{ui['cli_stopped']} {_command(lang, '--resume ' + share.encode(state))}")
            return 1
        if not reply:
            print(ui["cli_empty"])
            continue
        if reply == "0":
            if state.answers:
                state, shown = engine.back(state), None
            else:
                print(ui["cli_at_start"])
            continue
        try:
            state = engine.answer(state, _picked(reply, step))
        except AssessmentError as problem:
            print(f"{tree.errors[problem.code][lang]} {_why(problem, step)}".rstrip())
    print()
    print(to_text(views.result(state, args.date), **_beside_the_result(state)))
    print(ui["cli_token"])
    print("  " + _command(lang, f"result {share.encode(state)}"))
    print(ui["cli_change"])
    print("  " + _command(lang, f"--resume {share.encode(state)} --change N"))
    return 0


def _change_problem(args, answers: int) -> str | None:
    ui = load_tree().ui
    if not args.resume:
        return ui["cli_change_needs_resume"][args.lang]
    if not 1 <= args.change <= answers:
        return ui["cli_change_range"][args.lang].format(n=answers) if answers else ui["cli_change_none"][args.lang]
    return None


def _show(step: dict, ui: dict, tree) -> None:
    """A question as the terminal asks it: its text and why, what it means, its numbered options."""
    print(f"\n{step['text']}\n  ({step['why']})")
    if step["help"]:  # the definitions a reader needs to answer (the page's "What it means")
        print(f"  {heading('help', step['lang'], tree)} {step['help']}")
    for number, option in enumerate(step["options"], start=1):
        earlier = f" {ui['cli_earlier']}" if option["id"] in step["selected"] else ""
        print(f"  {number}. {option['label']}{earlier}")


def _beside_the_result(state: engine.State) -> dict:
    """What the text and Markdown outputs add to the result view, as the page's details do."""
    return {"alternatives": what_decides(state), "open_answers": open_answers(state)}


def _picked(reply: str, step: dict) -> str | list[str]:
    numbers = list(dict.fromkeys(part for part in re.split(r"[,\s]+", reply) if part))  # "3,3" means 3
    try:
        picked = [step["options"][int(number) - 1]["id"] for number in numbers if int(number) > 0]
    except (ValueError, IndexError):
        raise AssessmentError("unknown-option", reply) from None
    if len(picked) != len(numbers):
        raise AssessmentError("unknown-option", reply)
    return picked if step["multiple"] else (picked[0] if len(picked) == 1 else picked)


def _why(problem: AssessmentError, step: dict) -> str:
    """Why a reply is refused: the numbers it may use, one answer only, or the option that cannot
    be combined."""
    ui = load_tree().ui
    if problem.code == "unknown-option":
        return ui["cli_range"][step["lang"]].format(n=len(step["options"]))
    if problem.code != "bad-selection":
        return ""
    if not step["multiple"]:
        return ui["cli_one_answer"][step["lang"]]
    exclusive = [option["label"] for option in step["options"] if option["exclusive"] and option["id"] in problem.detail]
    return ui["cli_not_combined"][step["lang"]].format(option=exclusive[0]) if exclusive else ""
