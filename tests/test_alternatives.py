"""What decides your verdict: the answers that, given differently, change the verdict or the roles,
checked against the engine (each reported token replays to the reported result)."""

from __future__ import annotations

import time

import pytest

from decision_tree import engine, share, views
from decision_tree.alternatives import (
    CHANGES,
    LIMIT,
    SETTLED_LIMIT,
    _alternatives,
    candidates,
    open_answers,
    settled,
    what_decides,
)
from decision_tree.model import END, load_tree
from decision_tree.paths import choices, follow_answers, walk
from support import (
    AFFECTED,
    CHATBOT_VENDOR,
    CREDIT_SCORING,
    OFFICE_USE,
    OWN_CREDIT_SCORING,
    PRIVATE,
    TODAY,
    UNSURE_AREA,
    state_of,
)
from tree_copies import texts, tree_from

SITUATIONS = {
    "credit scoring": CREDIT_SCORING,
    "chatbot vendor": CHATBOT_VENDOR,
    "office use": OFFICE_USE,
    "private": PRIVATE,
    "own credit scoring": OWN_CREDIT_SCORING,
    "affected by credit scoring": {**AFFECTED, "affected-situation": "credit-scoring"},
}


def completions(state: engine.State, most: int | None = None) -> list[engine.Outcome]:
    """The outcome of each finished path continuing `state` (its remembered answers not reused:
    every answer is tried), the first `most` + 1 at most, computed here option by option."""

    def finished(state):
        node = engine.current_node(state)
        if node == END:
            yield engine.outcome(state)
            return
        for chosen in choices(load_tree().questions[node]):
            yield from finished(engine.answer(state, chosen))

    found = finished(engine.State(state.lang, state.answers))
    return [outcome for _, outcome in zip(range((most or 10**9) + 1), found, strict=False)]


def every_item(block: dict) -> list[dict]:
    """The items shown at once, then those behind "… and N more"."""
    return block["items"] + block["more_items"]


def replayed(token: str, lang: str = "en") -> list[engine.Outcome]:
    """The outcome of the token's result, or, when questions follow, of every way of answering them."""
    state = share.decode(token, lang)
    assert not state.questions_changed
    return completions(state)


def brute_force(state: engine.State) -> set[tuple[str, str]]:
    """Every (question, option) whose answer alone reaches a result with another verdict, or, with a
    verdict that owes something, other roles or (a result reached at once, the reader's own verdict
    not a prohibition, the reader not affected by someone else's AI) other obligations or dates,
    "I don't know" apart, computed here without the module: answers keyed by question, replayed
    from the start; where questions follow, at most SETTLED_LIMIT ways of answering them that all
    give one verdict (and, to count as a change of roles, one set of roles)."""
    tree, base = load_tree(), engine.outcome(state)
    owes_nothing = base.verdict in (tree.verdicts[0], tree.affected.order[0])
    prohibited = base.verdict in (tree.verdicts[-1], tree.affected.order[-1]) or tree.affected.role in base.roles
    changing = set()
    for question_id, chosen in state.answers:
        for option in tree.questions[question_id].options:
            if (option.id,) == chosen or option.is_unsure:
                continue
            given = {**dict(state.answers), question_id: (option.id,)}
            other, _ = engine.replay(state.lang, given)
            outcomes = completions(other, SETTLED_LIMIT)
            if len(outcomes) > SETTLED_LIMIT or len({outcome.verdict for outcome in outcomes}) > 1:
                continue
            verdict, roles = outcomes[0].verdict, {frozenset(outcome.roles) for outcome in outcomes}
            roles_changed = len(roles) == 1 and roles != {frozenset(base.roles)}
            reached_at_once = engine.current_node(other) == END
            duties_changed = reached_at_once and set(outcomes[0].obligations) != set(base.obligations) and not prohibited
            if verdict != base.verdict or ((roles_changed or duties_changed) and not owes_nothing):
                changing.add((question_id, option.id))
    return changing


@pytest.mark.parametrize("name", ["credit scoring", "chatbot vendor", "office use", "own credit scoring"])
def test_answers_that_flip_the_verdict_are_reported_and_replay_to_it(name):
    state = state_of(SITUATIONS[name])
    base = engine.outcome(state)
    items = every_item(what_decides(state))
    flips = [item for item in items if item["change"] == "verdict"]
    assert flips, name
    for item in items:
        for token in (item["token"], *(other["token"] for other in item["also"])):
            outcomes = replayed(token)
            opened = share.decode(token, "en")
            assert (len(outcomes) == 1 and engine.current_node(opened) == END) == item["finished"]
            assert not item["finished"] or opened.remembered == ()  # a result's link holds its answers only
            for outcome in outcomes:
                assert outcome.verdict == item["verdict"]["id"]
                if item["roles"] is not None:
                    assert set(outcome.roles) == {role["id"] for role in item["roles"]}
                assert (outcome.verdict != base.verdict) == (item["change"] == "verdict")
                same_roles = set(outcome.roles) == set(base.roles)
                if item["change"] == "roles":
                    assert not same_roles
                if item["change"] == "duties":
                    assert same_roles and set(outcome.obligations) != set(base.obligations)
        chosen = dict(state.answers)[item["question_id"]]
        assert [option["id"] for option in item["chosen"]] == list(chosen)
        assert state.answers[item["step"]][0] == item["question_id"]


@pytest.mark.parametrize("name", sorted(SITUATIONS))
def test_every_change_is_found_once_and_the_total_counts_the_groups(name):
    state = state_of(SITUATIONS[name])
    block = what_decides(state)
    reported = [(item["question_id"], option["id"]) for item in every_item(block) for option in (item["option"], *item["also"])]
    assert len(reported) == len(set(reported))
    assert set(reported) == brute_force(state)
    assert block["total"] == len(every_item(block))


def test_credit_scoring_names_the_specific_answers_first():
    block = what_decides(state_of(CREDIT_SCORING))
    first = block["items"][0]
    assert (first["question_id"], first["option"]["id"], first["verdict"]["id"]) == (
        "decision-role",
        "narrow-procedural",
        "weakly-concerned",
    )
    assert [other["id"] for other in first["also"]] == ["improve-human-result", "detect-patterns", "preparatory"]
    assert first["also_text"] == "Same result with 3 other answers to this question."
    assert first["text"] == (
        "What is the system's role in the use you just chose? — "
        "if you had answered “A narrow procedural task (for example filing incoming documents by type)” "
        "instead of “It profiles people (evaluates or predicts their behaviour, situation, preferences…)”: Weakly concerned"
    )
    assert list(dict.fromkeys(item["question_id"] for item in block["items"]))[:3] == [
        "decision-role",
        "services-use",
        "use-area",
    ]
    # two of them with questions still to answer: building the system instead (provider, or
    # provider and deployer), whatever follows
    # and four answers that keep the verdict and the roles but change the obligations or dates
    assert len(block["items"]) == LIMIT and block["total"] == 14 and block["more"] == "… and 9 more."
    assert block["more_items"] == every_item(what_decides(state_of(CREDIT_SCORING)))[LIMIT:]
    prohibited = next(
        item for item in every_item(what_decides(state_of(CREDIT_SCORING))) if item["question_id"] == "prohibited-practice"
    )
    # nine practices that end the assessment, one line (real-time identification asks about its exception first)
    assert prohibited["verdict"]["id"] == "prohibited" and len(prohibited["also"]) == 8


def test_an_answer_whose_further_questions_cannot_change_the_verdict_is_reported_with_a_link_to_them():
    # Art. 6(3): a listed use whose system only does a narrow procedural task is no high-risk
    # system; the bank, as its provider, documents it and registers it (Art. 6(4), 49(2)):
    # "concerned", whatever it answers to the question that follows (its own uses of the output).
    state = state_of(OWN_CREDIT_SCORING)
    assert engine.outcome(state).verdict == "strongly-concerned"
    first = what_decides(state)["items"][0]
    assert (first["question_id"], first["option"]["id"]) == ("decision-role", "narrow-procedural")
    assert first["verdict"]["id"] == "concerned" and first["finished"] is False and first["change"] == "verdict"
    assert {role["id"] for role in first["roles"]} == {"deployer", "provider"}
    assert first["text"].endswith(": Concerned, whatever you answer to the further questions this answer leads to")
    assert [other["id"] for other in first["also"]] == ["improve-human-result", "detect-patterns", "preparatory"]
    continued = share.decode(first["token"], "en")
    assert engine.current_node(continued) == "deployer-uses"
    # the reader's later answers travel with it, to be reused where the questions lead
    assert (
        continued.remembered and continued.remembered == engine.answer(engine.revisit(state, 8), "narrow-procedural").remembered
    )
    assert dict(continued.answers)["decision-role"] == ("narrow-procedural",)
    assert {(outcome.verdict, frozenset(outcome.roles)) for outcome in completions(continued)} == {
        ("concerned", frozenset({"deployer", "provider"}))
    }
    fr = what_decides(state_of(OWN_CREDIT_SCORING, "fr"))["items"][0]
    assert fr["text"].endswith(
        "\u00a0: Concerné, quelles que soient vos réponses aux questions supplémentaires auxquelles elle mène"
    )


def test_settled_is_none_when_the_verdict_depends_on_what_follows_or_too_much_follows():
    tree, answers = load_tree(), state_of(OWN_CREDIT_SCORING).answers
    up_to_use = answers[:6]  # the use area not answered yet
    assert engine.current_node(engine.State("en", up_to_use)) == "use-area"
    assert settled(up_to_use, tree) is None  # the use area decides
    services = (*up_to_use, ("use-area", ("essential-services",)))
    assert len({outcome.verdict for outcome in completions(engine.State("en", services))}) > 1
    assert settled(services, tree) is None
    organisation = answers[:4]
    assert len(completions(engine.State("en", organisation), SETTLED_LIMIT)) > SETTLED_LIMIT
    assert settled(organisation, tree) is None
    narrow = engine.answer(engine.revisit(state_of(OWN_CREDIT_SCORING), 8), "narrow-procedural")  # later answers kept
    assert engine.current_node(narrow) == "deployer-uses"
    verdict, roles = settled(narrow.answers, tree)
    assert verdict == "concerned" and set(roles) == {"deployer", "provider"}


def test_answers_specific_to_the_path_come_first_then_verdict_changes_then_later_answers():
    for answers in SITUATIONS.values():
        state = state_of(answers)
        items = every_item(what_decides(state))
        ends_at_once = [len(share.decode(item["token"], "en").answers) == item["step"] + 1 < len(state.answers) for item in items]
        ranks = [(ends, CHANGES.index(item["change"]), -item["step"]) for ends, item in zip(ends_at_once, items, strict=True)]
        # each question's items together, placed where its best ranked one would be
        runs = [
            question
            for position, question in enumerate(item["question_id"] for item in items)
            if not position or items[position - 1]["question_id"] != question
        ]
        assert len(runs) == len(set(runs)), runs
        first = [ranks[[item["question_id"] for item in items].index(question)] for question in runs]
        assert first == sorted(first)
    # the gateways every result shares come last, whatever they change
    items = every_item(what_decides(state_of(CREDIT_SCORING)))
    assert [item["question_id"] for item in items[-4:]] == ["prohibited-practice", "exclusive-purpose", "eu-link", "what-is-it"]
    tool = next(item for item in every_item(what_decides(state_of(CREDIT_SCORING))) if item["question_id"] == "tool-origin")
    assert tool["change"] == "roles" and {role["id"] for role in tool["roles"]} == {"deployer", "provider"}
    assert tool["text"].endswith(": Strongly concerned (Deployer, Provider)")


def test_the_gateways_every_result_shares_wait_behind_more_when_the_path_has_its_own():
    block = what_decides(state_of(OFFICE_USE))
    assert [item["question_id"] for item in block["items"]] == ["deployer-uses"]
    gateways = ["prohibited-practice", "exclusive-purpose", "eu-link", "what-is-it"]
    assert [item["question_id"] for item in block["more_items"]] == gateways
    assert block["more"] == "… and 4 more."


def test_one_item_is_never_hidden_behind_and_1_more():
    """An employee whose employer infers emotions at work: the answers of that path, then one
    gateway every result shares, which "… and 1 more" would have hidden as long as it is."""
    block = what_decides(state_of({**AFFECTED, "affected-situation": "emotion-at-work-or-school"}))
    assert block["more"] is None and block["more_items"] == [] and len(block["items"]) == block["total"] == 3


def test_a_private_user_is_not_shown_answers_that_owe_nothing_either_way():
    # "Not concerned" as a personal user or with no role at all (military, no link with the
    # Union…): only the role differs, and nothing is owed in either case. Publishing realistic
    # output changes the verdict: that one is shown.
    block = what_decides(state_of(PRIVATE))
    assert [(item["option"]["id"], item["verdict"]["id"]) for item in block["items"]] == [("publish-output", "concerned")]
    assert block["total"] == 1 and block["none"] is None
    assert block["open"]["questions"] == ["who-are-you", "private-activity"]
    assert block["open"]["text"] == (
        "Other answers to “In this situation, who are you?”, “What do you do with the AI?” "
        "would lead to questions you have not seen: change them to see where they lead."
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_affected_reader_is_not_told_of_having_no_role_with_duties(lang):
    """An affected reader never had one: the "not an AI system" alternative says its verdict alone."""
    block = what_decides(state_of({**AFFECTED, "affected-situation": "chatbot"}, lang))
    (not_ai,) = [item for item in block["items"] + block["more_items"] if item["question_id"] == "what-is-it"]
    assert not_ai["roles"] == [] and load_tree().ui["none_role"][lang] not in not_ai["text"]
    assert not_ai["text"].endswith(not_ai["verdict"]["label"])


def test_french_wording_uses_the_catalogues_quotes_and_colon():
    item = what_decides(state_of(CREDIT_SCORING, "fr"))["items"][0]
    assert item["text"] == (
        f"{load_tree().questions['decision-role'].text['fr']} — "
        "si vous aviez répondu «\u00a0Une tâche procédurale étroite (par exemple ranger les documents entrants par type)\u00a0» "
        "au lieu de «\u00a0Il effectue un profilage de personnes (il évalue ou prédit leur comportement, "
        "leur situation, leurs préférences…)\u00a0»\u00a0: Faiblement concerné"
    )
    assert (
        item["verdict"]["label"] == "Faiblement concerné"
        and item["token"] == what_decides(state_of(CREDIT_SCORING))["items"][0]["token"]
    )


def test_multiple_choice_questions_try_each_option_alone_and_none():
    question = load_tree().questions["deployer-uses"]
    assert candidates(question, ("deep-fakes", "public-interest-text")) == [("deep-fakes",), ("public-interest-text",), ("none",)]
    assert candidates(question, ("none",)) == [("deep-fakes",), ("public-interest-text",)]
    assert candidates(load_tree().questions["eu-link"], ("in-scope",)) == [("no-eu-link",)]


def test_i_dont_know_is_never_offered_as_an_alternative():
    """Office use of a general tool: "I don't know" to the use area would give "strongly concerned"
    (the cautious branch), but saying so tells the reader nothing about the law."""
    state = state_of(OFFICE_USE)
    unsure = state_of(UNSURE_AREA)
    assert engine.outcome(unsure).verdict != engine.outcome(state).verdict
    offered = [option["id"] for item in every_item(what_decides(state)) for option in (item["option"], *item["also"])]
    assert offered and "dont-know" not in offered
    assert candidates(load_tree().questions["use-area"], ("general-purpose",)) == [
        (option.id,) for option in load_tree().questions["use-area"].options if option.id not in ("general-purpose", "dont-know")
    ]


def _deep_fakes_alone_concern(sources: dict) -> None:
    """A copy where only the deep-fake disclosure is 'concerned' (so ticking it alone flips the verdict)."""
    obligation = next(o for o in sources["obligations.toml"]["obligations"] if o["id"] == "transparency-public-interest-text")
    obligation["severity"] = "weakly-concerned"


def test_a_multiple_choice_answer_that_flips_the_verdict_is_reported():
    with tree_from(_deep_fakes_alone_concern) as tree:
        answers = {**OFFICE_USE, "deployer-uses": ["deep-fakes", "public-interest-text"], "editorial-review": "not-reviewed"}
        both = follow_answers(answers, "en", tree)
        assert engine.outcome(both, tree).verdict == "concerned"
        items = [item for item in every_item(what_decides(both, tree)) if item["question_id"] == "deployer-uses"]
        assert [(item["option"]["id"], item["verdict"]["id"], item["change"]) for item in items] == [
            ("public-interest-text", "weakly-concerned", "verdict"),
            ("deep-fakes", "concerned", "duties"),  # the same verdict, without the public-interest text's duty
        ]
        assert [other["id"] for other in items[0]["also"]] == ["none"]
        assert "— if you had answered “" in items[0]["text"]
        assert "” and “" in items[0]["text"]  # the reader's two options, joined by the catalogue's "and"
        replayed_state = share.decode(items[0]["also"][-1]["token"], "en", tree)
        assert replayed_state.answers[-1] == ("deployer-uses", ("none",))


def test_no_item_says_so_and_the_third_language_words_it():
    def third_language(sources: dict) -> None:
        for table in texts(sources):
            table["xx"] = "[xx] " + table["en"]
        languages = sources["labels.toml"]["languages"]
        languages["xx"] = {**languages["en"], "name": "Test"}
        languages["order"].append("xx")

    with tree_from(third_language) as tree:
        block = what_decides(follow_answers(CREDIT_SCORING, "xx", tree), tree)
        assert block["heading"] == "[xx] What decides your verdict"
        assert block["items"][0]["text"].startswith("[xx] [xx] ") and "— if you had answered “[xx] " in block["items"][0]["text"]
        assert block["more"] == "[xx] … and 9 more."


def test_what_decides_on_the_longest_path_is_fast():
    longest = max(walk("en"), key=lambda state: len(state.answers))
    _alternatives.cache_clear()
    engine._replay.cache_clear()
    started = time.perf_counter()
    block = what_decides(longest)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    what_decides(longest)
    warm = time.perf_counter() - started
    _alternatives.cache_clear()
    started = time.perf_counter()
    what_decides(longest)
    replays_cached = time.perf_counter() - started
    print(
        f"\nwhat_decides, longest path ({len(longest.answers)} answers, {block['total']} groups): "
        f"cold {cold * 1000:.1f} ms, engine prefixes cached {replays_cached * 1000:.1f} ms, fully cached {warm * 1000:.2f} ms"
    )
    assert block["items"]


def test_each_i_dont_know_is_named_with_what_every_possible_answer_gives():
    unsure = {**CREDIT_SCORING, "decision-role": "dont-know"}
    state = state_of(unsure)
    result = views.result(state, TODAY)
    assert result["needs_review"] and "“What is the system's role in the use you just chose?”" in result["review_text"]
    [item] = open_answers(state)["items"]
    assert item["question_id"] == "decision-role" and item["step"] == [q for q, _ in state.answers].index("decision-role")
    question = load_tree().questions["decision-role"]
    assert [outcome["option"]["id"] for outcome in item["outcomes"]] == [o.id for o in question.options if o.id != "dont-know"]
    for outcome in item["outcomes"]:
        replayed = share.decode(outcome["token"], "en")
        assert dict(replayed.answers)["decision-role"] == (outcome["option"]["id"],)
        assert outcome["verdict"]["id"] == views.result(replayed, TODAY)["verdict"]["id"]
    by_option = {outcome["option"]["id"]: outcome["verdict"]["id"] for outcome in item["outcomes"]}
    assert by_option["profiles-people"] == "strongly-concerned" and by_option["preparatory"] == "weakly-concerned"
    assert open_answers(state_of(CREDIT_SCORING)) is None


def test_an_i_dont_know_whose_other_answers_ask_more_offers_to_continue():
    [item] = open_answers(state_of(UNSURE_AREA))["items"]
    by_option = {outcome["option"]["id"]: outcome for outcome in item["outcomes"]}
    assert by_option["general-purpose"]["verdict"]["id"] == "weakly-concerned"
    assert by_option["general-purpose"]["finished"] is True
    biometrics = by_option["biometrics"]
    assert biometrics["verdict"] is None and biometrics["text"].endswith(": further questions follow")
    assert biometrics["finished"] is False
    assert engine.current_node(share.decode(biometrics["token"], "en")) == "biometrics-use"


def test_an_i_dont_know_whose_further_questions_cannot_change_the_verdict_names_it():
    state = state_of({**OWN_CREDIT_SCORING, "decision-role": "dont-know"})
    [item] = open_answers(state)["items"]
    by_option = {outcome["option"]["id"]: outcome for outcome in item["outcomes"]}
    narrow = by_option["narrow-procedural"]
    assert narrow["verdict"]["id"] == "concerned" and narrow["finished"] is False
    assert narrow["text"] == (
        "If the answer is “A narrow procedural task (for example filing incoming documents by type)”: "
        "Concerned, whatever you answer to the further questions this answer leads to"
    )
    assert {outcome.verdict for outcome in replayed(narrow["token"])} == {"concerned"}
    decides = by_option["decides-or-recommends"]
    assert decides["finished"] is True and decides["text"].endswith(": Strongly concerned")  # as the cautious result


def test_an_i_dont_know_whose_answers_share_the_verdict_but_not_the_duties_says_so():
    state = state_of({**OWN_CREDIT_SCORING, "high-risk-legacy": "dont-know"})
    [item] = open_answers(state)["items"]
    by_option = {outcome["option"]["id"]: outcome for outcome in item["outcomes"]}
    assert by_option["no"]["text"].endswith(": Strongly concerned")  # the cautious answer: the reader's own result
    already = by_option["yes"]
    assert already["verdict"]["id"] == "strongly-concerned" and already["verdict"]["label"] == "Strongly concerned"
    assert already["text"].endswith(": Strongly concerned, with other obligations or dates than in your result")
    assert set(engine.outcome(share.decode(already["token"], "en")).obligations) != set(engine.outcome(state).obligations)


def test_an_answer_that_changes_only_obligations_or_dates_is_reported_as_such():
    """A system already on the market (Art. 111(2)) keeps the verdict and the roles but not the
    duties: the item says so, and its link replays to the other obligations."""
    state = state_of({**CREDIT_SCORING, "high-risk-legacy": "yes"})
    base = engine.outcome(state)
    legacy = next(item for item in every_item(what_decides(state)) if item["question_id"] == "high-risk-legacy")
    assert legacy["change"] == "duties" and legacy["option"]["id"] == "no"
    assert legacy["text"].endswith(": Strongly concerned, with other obligations or dates than in your result")
    (other,) = replayed(legacy["token"])
    assert other.verdict == base.verdict and set(other.roles) == set(base.roles)
    assert set(other.obligations) != set(base.obligations)


def test_a_prohibited_practice_is_not_listed_again_for_each_other_practice():
    """Every other prohibited practice gives the same verdict with other duties: that says nothing
    to a reader told "do not do this"; they stay one item only when they change the roles."""
    practice = {key: OFFICE_USE[key] for key in ("what-is-it", "eu-link", "exclusive-purpose", "who-are-you", "activity")}
    state = state_of({**practice, "prohibited-practice": "social-scoring"})
    assert engine.outcome(state).verdict == "prohibited"
    items = every_item(what_decides(state))
    assert items and all(item["change"] != "duties" for item in items)


def test_an_answer_whose_obligations_depend_on_questions_not_yet_asked_is_named_as_open():
    """A provider's system not yet on the market asks where the provider is established: which
    duties follow depends on that answer, so the question is named among those to explore."""
    kept = ("what-is-it", "eu-link", "exclusive-purpose", "who-are-you", "activity", "prohibited-practice")
    vendor = {key: CHATBOT_VENDOR[key] for key in kept}
    vendor.update({"use-area": "employment", "employment-use": "recruitment", "decision-role": "profiles-people"})
    vendor.update({"high-risk-legacy": "yes", "interaction": "no", "generation": "no"})
    block = what_decides(state_of(vendor))
    assert "high-risk-legacy" in block["open"]["questions"]
