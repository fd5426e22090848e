"""Command line: non-interactive results, validation, rendering and the interactive walk."""

from __future__ import annotations

import json

from decision_tree import cli

CHATBOT = "1.ai-system.in-scope.none.organisation.build-for-others.none.general-purpose.yes.yes-new.proprietary"


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_result_as_json_markdown_and_text(capsys):
    code, out, _ = run(capsys, "--lang", "en", "--date", "2026-11-28", "result", CHATBOT, "--format", "json")
    assert code == 0 and json.loads(out)["verdict"]["id"] == "concerned"
    code, out, _ = run(capsys, "result", CHATBOT, "--format", "markdown", "--lang", "fr")
    assert code == 0 and out.startswith("**Verdict :** Concerné")
    code, out, _ = run(capsys, "result", CHATBOT)
    assert code == 0 and "Fournisseur" in out


def test_a_bad_token_gives_the_readers_message_and_exit_2(capsys):
    code, out, err = run(capsys, "--lang", "en", "result", "1.nonsense")
    assert code == 2 and out == ""
    assert err.strip() == "This share link is unreadable or incomplete. Please start the assessment again."


def test_validate_static_and_diagram(capsys):
    assert run(capsys, "validate")[:2] == (0, "ok: the tree is valid\n")
    code, out, _ = run(capsys, "static", "--lang", "en")
    assert code == 0 and out.startswith('<div class="dt-static" lang="en">')
    code, out, _ = run(capsys, "diagram")
    assert code == 0 and out.startswith("flowchart TD")


def test_interactive_walk_with_back_and_a_wrong_entry(capsys):
    replies = iter(["1", "0", "1", "1", "1", "1", "9", "1", ""])
    parser = cli._parser()
    args = parser.parse_args(["--lang", "en", "--date", "2026-11-28"])
    code = cli._interactive(args, read=lambda prompt: next(replies))
    out = capsys.readouterr().out
    assert code == 0
    assert "This answer does not exist for this question." in out
    assert "Verdict: Not concerned" in out
    assert out.rstrip().endswith("1.ai-system.in-scope.none.private-person.use-only")
