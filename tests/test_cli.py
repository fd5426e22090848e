"""Command line: non-interactive results, validation, rendering and the interactive walk."""

from __future__ import annotations

import json
import re

from decision_tree import cli, engine, share
from support import CHATBOT_VENDOR, PRIVATE, token_of

NO_ANSWER = share.encode(engine.start("en"))  # a token's format and legal basis, before its answers


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


def test_an_unfinished_token_says_what_was_dropped_and_how_to_go_on(capsys):
    code, out, err = run(capsys, "--lang", "en", "result", NO_ANSWER + ".what-is-it:banana")
    assert code == 2 and out == ""
    assert err.splitlines()[0].startswith("Some answers in this link no longer match the questions")
    assert err.splitlines()[0].endswith("Answers left out: what-is-it:banana.")  # named as the link writes them
    assert "The assessment is not finished" in err
    assert f"To go on from these answers:\n  python -m decision_tree --lang en --resume {NO_ANSWER}\n" in err


def test_a_finished_token_with_answers_left_out_says_the_result_rests_on_the_others(capsys):
    tampered = token_of(PRIVATE) + ".extra:foo"
    code, out, _ = run(capsys, "--lang", "en", "--date", "2026-11-28", "result", tampered)
    assert code == 0 and "they were left out, and the result follows from the answers that still apply" in out
    assert "Answers left out: extra:foo." in out
    assert "any question left unanswered is asked" not in out  # nothing is left to ask
    older = token_of(PRIVATE).replace("2026-07-27", "2025-01-01", 1)
    code, out, _ = run(capsys, "--lang", "en", "--date", "2026-11-28", "result", older)
    assert code == 0 and "This link was made under the legal basis as of 1 January 2025" in out


def test_a_day_before_the_legal_basis_is_flagged_and_a_bad_date_named(capsys):
    code, _, err = run(capsys, "--lang", "en", "--date", "2026-06-01", "result", token_of(PRIVATE))
    assert code == 0 and err.startswith("Note: 1 June 2026 is before 27 July 2026, the date of the text this tool applies")
    code, _, err = run(capsys, "--lang", "en", "--date", "2026-11-28", "result", token_of(PRIVATE))
    assert code == 0 and err == ""
    try:
        cli.main(["--date", "2026-13-01", "validate"])
    except SystemExit as usage_error:
        assert usage_error.code == 2
    assert "'2026-13-01' is not a valid date (YYYY-MM-DD)" in capsys.readouterr().err


def test_validate_static_and_diagram(capsys):
    assert run(capsys, "validate")[:2] == (0, "ok: the tree is valid\n")
    code, out, _ = run(capsys, "static", "--lang", "en")
    assert code == 0 and out.startswith('<div class="dt-static" lang="en">')
    code, out, _ = run(capsys, "diagram")
    assert code == 0 and out.startswith("flowchart TD") and "&quot;" not in out and "&#x27;" not in out


def test_interactive_walk_with_back_a_wrong_entry_and_an_empty_line(capsys):
    code, out = walk(capsys, ["0", "1", "0", "1", "", "1", "1", "1", "9", "1"])
    assert code == 0
    assert out.split("Local AI and the AI Act")[0].count("What are you assessing?") == 2  # again after "0" from the second
    assert "This is the first question." in out.split("In this situation, who are you?")[0]
    refusal = re.search(r"This answer does not exist for this question\. Answer with a number from 1 to (\d+)\.", out)
    assert refusal and int(refusal[1]) == out.split(refusal[0])[0].rsplit("What do you do with the AI?", 1)[1].count("\n  ") - 2
    refused = out.split(refusal[0])[1].split("Local AI and the AI Act")[0]
    assert "What it means" not in refused  # a refused reply repeats the prompt, not the whole question
    assert "Answer with the number of an option." in out
    assert "Verdict: Not concerned" in out
    assert "replay it with the result command" in out
    token = out.split("replay it with the result command):\n  python -m decision_tree --lang en result ", 1)[1].split()[0]
    assert share.decode(token, "en").answers[-1] == ("private-activity", ("use-only",))
    change = f"python -m decision_tree --lang en --resume {token} --change N"
    assert f"To change answer number N (as numbered under “Your answers”):\n  {change}" in out
    answers = out.split("Your answers")[1]
    assert "\n1. What are you assessing? → An AI system" in answers and "\n5. What do you do with the AI?" in answers


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
    assert "Évaluation interrompue. Pour la reprendre : python -m decision_tree --lang fr --resume " in out
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
    assert f"python -m decision_tree --lang en --resume {token} --change N" in out
    code, out = walk(capsys, ["2"], resume=token, change=5)  # publishing realistic output instead
    assert code == 0 and "Concerned" in out.split("Verdict")[1]
    code, out = walk(capsys, ["1"], resume=token, change=3)  # the same answer again: the later ones are reused
    assert code == 0 and out.count("(your earlier answer)") == 1 and "Not concerned" in out.split("Verdict")[1]
    assert cli.main(["--lang", "en", "--resume", token, "--change", "9"]) == 2
    assert capsys.readouterr().err == "--change N: N from 1 to 5, the number of answers in this token.\n"
    assert cli.main(["--lang", "fr", "--change", "2"]) == 2
    assert capsys.readouterr().err.startswith("--change N s'emploie avec --resume JETON")


def test_a_repeated_number_is_one_answer(capsys):
    office = ["1", "2", "1", "1", "1", "1", "1"]
    code, out = walk(capsys, [*office, "3,3"])
    assert code == 0 and "cannot be combined" not in out and "Verdict: Weakly concerned" in out


def test_an_opened_token_whose_answer_is_gone_says_so_before_asking(capsys):
    code, out = walk(capsys, ["1"], resume=NO_ANSWER + ".what-is-it:ai-systme")
    assert out.lstrip().startswith("Some answers in this link no longer match the questions")
