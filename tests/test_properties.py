"""Property tests: random walks always end in a valid result; editing an answer and giving it
again changes nothing; random tokens never crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from decision_tree import AssessmentError, engine, share, views
from decision_tree.model import END, load_tree
from decision_tree.paths import choices, walk
from support import TODAY

TREE = load_tree()


@st.composite
def finished_states(draw):
    lang = draw(st.sampled_from(list(TREE.languages)))
    state = engine.start(lang)
    while (node := engine.current_node(state)) != END:
        state = engine.answer(state, draw(st.sampled_from(list(choices(TREE.questions[node])))))
    return state


@settings(max_examples=300, deadline=None)
@given(finished_states())
def test_random_walks_end_in_a_valid_result(state):
    result = views.result(state, TODAY)
    assert result["verdict"]["id"] in TREE.all_verdicts
    assert result["verdict"]["label"] == TREE.verdict_labels[result["verdict"]["id"]][state.lang]
    severities = [obligation["severity"] for obligation in result["obligations"]]
    severity = max(severities, key=TREE.verdicts.index, default="not-concerned")
    if TREE.affected.role in {role["id"] for role in result["roles"]}:
        # A reader affected by someone else's AI: the affected scale, read from the duties others owe.
        assert result["verdict"]["id"] == TREE.affected.from_severity[severity]
        assert all(o["severity"] == "not-concerned" for o in result["obligations"] if o["holder"]["id"] == TREE.affected.role)
    else:
        assert result["verdict"]["id"] == severity
    for obligation in result["obligations"]:
        assert obligation["citations"], obligation["id"]
        assert all(f"/{state.lang.upper()}/" in citation["url"] for citation in obligation["citations"])
        assert obligation["applies"]["status"] in ("since", "from")
    assert len(result["answers"]) == len(state.answers)
    assert share.decode(share.encode(state), state.lang) == state


@settings(max_examples=200, deadline=None)
@given(finished_states(), st.data())
def test_revisiting_and_giving_the_same_answer_restores_the_path(state, data):
    step = data.draw(st.integers(min_value=0, max_value=len(state.answers) - 1))
    editing = engine.revisit(state, step)
    assert engine.current_node(editing) == state.answers[step][0]
    assert share.decode(share.encode(editing), state.lang) == editing
    assert engine.answer(editing, state.answers[step][1]) == state


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200) | st.from_regex(r"[12](\.[a-z~:+-]{1,25}){0,12}", fullmatch=True))
def test_any_string_as_token_gives_a_state_or_the_clear_error(token):
    try:
        state = share.decode(token, "en")
    except AssessmentError as problem:
        assert problem.code == "bad-token"
        return
    assert views.view(state, TODAY)["kind"] in ("question", "result")


def test_every_i_dont_know_answer_is_flagged_and_named_on_every_path():
    """Never a silent guess: a path with an "I don't know" answer needs review, and the result
    names that question."""
    silent = []
    for state in walk("en", TREE):
        unsure = [
            question_id
            for question_id, chosen in state.answers
            if any(TREE.questions[question_id].option(option_id).is_unsure for option_id in chosen)
        ]
        if not unsure:
            continue
        outcome = engine.outcome(state, TREE)
        if not outcome.needs_review:
            silent.append(state.answers)
    assert not silent, f"{len(silent)} paths, for example {silent[:2]}"
