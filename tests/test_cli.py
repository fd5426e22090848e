"""Command line: non-interactive results, validation, rendering and the interactive walk."""

from __future__ import annotations

import json

from decision_tree import cli, share
from support import CHATBOT_VENDOR, PRIVATE, token_of


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def walk(capsys, replies: list[str], lang: str = "en", resume: str | None = None, change: int | None = None) -> tuple[int, str]:
    pending = iter(replies)

    def read(prompt):
        try:
            return next(pending)
        except StopIteration:
            raise EOFError from None

    options = [*(["--resume", resume] if resume else []), *(["--change", str(change)] if change else [])]
    args = cli._parser().parse_args(["--lang", lang, "--date", "2026-11-28", *options])
    code = cli._interactive(args, read=read)
    return code, capsys.readouterr().out


def test_result_as_json_markdown_and_text(capsys):
    token = token_of(CHATBOT_VENDOR)
    code, out, _ = run(capsys, "--lang", "en", "--date", "2026-11-28", "result", token, "--format", "json")
    assert code == 0 and json.loads(out)["verdict"]["id"] == "concerned"
    code, out, _ = run(capsys, "result", token, "--format", "markdown", "--lang", "fr")
    assert code == 0 and out.startswith("## IA locale et AI Act – Verdict\u00a0: Concerné")
    code, out, _ = run(capsys, "result", token)
    assert code == 0 and "Fournisseur" in out


def test_a_bad_or_unfinished_token_gives_the_readers_message_and_exit_2(capsys):
    code, out, err = run(capsys, "--lang", "en", "result", "1.nonsense")
    assert code == 2 and out == ""
    assert err.strip() == "This share link is unreadable or incomplete. Please start the assessment again."
    code, _, err = run(capsys, "--lang", "en", "result", "1.ai-system")
    assert code == 2 and "not finished" in err


def test_validate_static_and_diagram(capsys):
    assert run(capsys, "validate")[:2] == (0, "ok: the tree is valid\n")
    code, out, _ = run(capsys, "static", "--lang", "en")
    assert code == 0 and out.startswith('<div class="dt-static" lang="en">')
    code, out, _ = run(capsys, "diagram")
    assert code == 0 and out.startswith("flowchart TD") and "&quot;" not in out and "&#x27;" not in out


def test_interactive_walk_with_back_a_wrong_entry_and_an_empty_line(capsys):
    code, out = walk(capsys, ["1", "0", "1", "", "1", "1", "1", "9", "1"])
    assert code == 0
    assert "This answer does not exist for this question." in out
    assert "Answer with the number of an option." in out
    assert "Verdict: Not concerned" in out
    assert "replay it with the result command" in out
    token = out.split("replay it with the result command):\n  result ", 1)[1].split()[0]
    assert share.decode(token, "en").answers[-1] == ("private-activity", ("use-only",))
    change = f"python -m decision_tree --resume {token} --change N"
    assert f"To change answer number N (in the order of “Your answers”):\n  {change}" in out


def test_several_answers_as_1_3_or_1_space_3_and_why_a_combination_is_refused(capsys):
    office = ["1", "2", "1", "1", "1", "1", "1"]  # to the multiple-choice question of a deployer
    code, out = walk(capsys, ["1,2", *office, "1,3", "1 2", "2"])  # then: the text is not reviewed
    assert code == 0 and "This question takes one answer." in out
    assert "“None of these” cannot be combined with another answer." in out
    assert "Verdict: Concerned" in out
    code, out = walk(capsys, [*office, "1 2", "2"])
    assert code == 0 and "Generating or manipulating deep fakes" in out.split("Your answers")[1]


def test_end_of_input_stops_with_the_token_so_far(capsys):
    code, out = walk(capsys, ["1", "1"], lang="fr")
    assert code == 1
    assert "Évaluation interrompue. Pour la reprendre : python -m decision_tree --resume " in out
    token = out.rstrip().rsplit("--resume ", 1)[1]
    assert [question for question, _ in share.decode(token, "fr").answers] == ["what-is-it", "who-are-you"]
    code, out = walk(capsys, ["1", "1", "1"], lang="fr", resume=token)  # goes on at the third question
    assert code == 0 and "Non concerné" in out.split("Verdict")[1]


def test_a_finished_token_can_be_changed_from_one_answer_the_later_ones_reused(capsys):
    token = token_of(PRIVATE)
    code, out = walk(capsys, ["1"], resume=token, change=5)  # "What do you do with the AI?", first answer again
    assert code == 0
    asked = out.split("Local AI and the AI Act")[0].strip()
    assert asked.startswith("What do you do with the AI?") and "1. I only use it for myself" in asked
    assert "(your earlier answer)" in asked.split("1. I only use it for myself")[1].splitlines()[0]
    assert "Not concerned" in out.split("Verdict")[1]
    assert f"python -m decision_tree --resume {token} --change N" in out
    code, out = walk(capsys, ["2"], resume=token, change=5)  # publishing realistic output instead
    assert code == 0 and "Concerned" in out.split("Verdict")[1]
    code, out = walk(capsys, ["1"], resume=token, change=3)  # the same answer again: the later ones are reused
    assert code == 0 and out.count("(your earlier answer)") == 1 and "Not concerned" in out.split("Verdict")[1]
    assert cli.main(["--resume", token, "--change", "9"]) == 2 and "--change N" in capsys.readouterr().err
