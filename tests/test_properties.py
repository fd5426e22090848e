"""Property tests: random walks always end in a valid result; editing an answer and giving it
again changes nothing; random tokens never crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from decision_tree import AssessmentError, engine, share, views
from decision_tree.alternatives import open_answers
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


def test_every_i_dont_know_of_the_tree_is_named_with_what_each_possible_answer_gives():
    """Never a silent guess: on the first path that answers each "I don't know", the result needs
    review, its review line names the question, and every other option is weighed."""
    unsure = {question.id for question in TREE.questions.values() if any(option.is_unsure for option in question.options)}
    assert len(unsure) >= 10
    for state in walk("en", TREE):
        met = [question_id for question_id, chosen in state.answers if question_id in unsure and chosen == ("dont-know",)]
        if not met:
            continue
        result = views.result(state, TODAY)
        question = TREE.questions[met[0]]
        assert result["needs_review"] and f"“{question.text['en']}”" in result["review_text"], met[0]
        item = next(item for item in open_answers(state)["items"] if item["question_id"] == met[0])
        assert [o["option"]["id"] for o in item["outcomes"]] == [o.id for o in question.options if not o.is_unsure]
        unsure.discard(met[0])
        if not unsure:
            break
    assert unsure == set(), "an I-don't-know option no path reaches"
