// The assessment's screens, drawn from the engine's views: a question, a result, an error and
// a failure. Each function returns a DOM node; `t` holds the page's strings and `act` the
// controller's actions (answer, back, edit, copy…). No legal logic here.

import { citationLinks, element } from "./dom.js";

function notices(view) {
  return view.notices.map((notice) => element("p", { class: "dt-notice", id: `dt-notice-${notice.id}`, "data-notice": notice.id,
    role: "note", text: notice.text }));
}

// A notice sits before the heading the focus moves to: the heading names it as its description,
// so that a screen reader reads it out with the heading (it is not a status message).
function describedBy(heading, noticeNodes) {
  if (noticeNodes.length) heading.setAttribute("aria-describedby", noticeNodes.map((node) => node.id).join(" "));
  return heading;
}

function helpBlocks(view, t) {
  return [
    element("details", { class: "dt-help" }, element("summary", { text: t.why }), element("p", { text: view.why })),
    element("details", { class: "dt-help" },
      element("summary", { text: t.help }),
      element("p", { text: view.help }),
      element("p", {}, `${t.sources}${t.colon} `, citationLinks(view.citations))),
  ];
}

export function questionScreen(view, t, act) {
  const progress = t.progress.replace("{n}", view.progress.answered + 1).replace("{m}", view.progress.at_most);
  const said = notices(view);
  const section = element("section", { class: "dt-step", "data-question": view.id, "aria-labelledby": "dt-question-title" },
    ...said,
    describedBy(element("h3", { class: "dt-question", id: "dt-question-title", tabindex: "-1", text: view.text }), said),
    element("p", { class: "dt-progress", text: progress }),
    ...helpBlocks(view, t));
  section.append(view.multiple ? checkboxes(view, t, act) : optionButtons(view, act));
  if (view.can_go_back) {
    section.append(element("button", { type: "button", class: "dt-secondary dt-back", text: t.back, onclick: act.back }));
  }
  return section;
}

function optionButtons(view, act) {
  const list = element("ul", { class: "dt-options" });
  for (const option of view.options) {
    list.append(element("li", {}, element("button", {
      type: "button", class: "dt-option", "data-option": option.id, text: option.label,
      "aria-pressed": String(view.selected.includes(option.id)),
      onclick: () => act.answer(option.id),
    })));
  }
  return list;
}

// Nothing ticked is said beside the boxes (and read out, the focus put on the first box): sent
// to the engine, the empty answer would only come back as an impossible combination.
function checkboxes(view, t, act) {
  const form = element("form", { class: "dt-multiple" });
  const problem = element("p", { class: "dt-field-error", id: "dt-none-ticked", role: "alert" });
  // The group is named by the question, then "several answers possible" (its visible legend).
  const fieldset = element("fieldset", { "aria-labelledby": "dt-question-title dt-several" },
    element("legend", { id: "dt-several", text: t.choose_all }), problem);
  for (const option of view.options) {
    const box = element("input", { type: "checkbox", name: "option", value: option.id, id: `dt-${option.id}`,
      "data-exclusive": option.exclusive ? "true" : false, checked: view.selected.includes(option.id) });
    box.addEventListener("change", () => {
      if (!box.checked) return;
      problem.textContent = "";
      fieldset.removeAttribute("aria-describedby");
      for (const other of form.querySelectorAll("input")) {
        if (other !== box && (box.dataset.exclusive || other.dataset.exclusive)) other.checked = false;
      }
    });
    fieldset.append(element("div", { class: "dt-check" }, box, element("label", { for: box.id, text: option.label })));
  }
  form.append(fieldset, element("button", { type: "submit", class: "dt-primary", text: t.continue }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = [...form.querySelectorAll("input:checked")].map((box) => box.value);
    if (chosen.length) {
      act.answerSeveral(chosen);
      return;
    }
    problem.textContent = t.none_ticked;
    fieldset.setAttribute("aria-describedby", problem.id);
    form.querySelector("input").focus();
  });
  return form;
}

// The second line: the scale of a reader affected by someone else's AI (labels.toml [verdicts.affected]).
const BADGE_ICONS = { "not-concerned": "✓", "weakly-concerned": "i", concerned: "!", "strongly-concerned": "!!", prohibited: "⛔",
  "not-regulated": "–", protected: "§", "prohibited-use": "⛔" };

// The result: a verdict card (badge, why, what decides it, roles and why), the obligations
// grouped by when and by whom, then what the engine adds for the result on screen (`details`:
// the timeline figure, what decides the verdict, the calendar), notes, answers and actions.
export function resultScreen(view, details, t, act, whatIf = false) {
  const said = [...(whatIf ? [whatIfNotice(t, act)] : []), ...notices(view)];
  const section = element("section", { class: "dt-result", "aria-labelledby": "dt-result-title" },
    // On paper, the page's own header is not printed: the site and the day of the result head it.
    element("p", { class: "dt-print-only dt-print-title" }, element("strong", { text: t.site_name }), ` — ${view.computed_on_text}`),
    describedBy(element("h3", { id: "dt-result-title", tabindex: "-1", text: t.result_heading }), said),
    ...said,
    verdictCard(view, t),
    ...obligationGroups(view, t),
    element("div", { class: "dt-details" }));
  if (view.notes.length) {
    section.append(element("h4", { class: "dt-notes-heading", text: t.notes }));
    const notes = element("ul", { class: "dt-notes" });
    for (const note of view.notes) {
      notes.append(element("li", { class: `dt-note dt-${note.kind}` },
        element("strong", { text: `${note.kind_label}${t.colon} ` }), note.text, " (", citationLinks(note.citations), ")"));
    }
    section.append(notes);
  }
  section.append(answersList(view, t, act));
  section.append(element("p", { class: "dt-basis", text: `${view.legal_basis.line} ${t.not_legal_advice}` }));
  section.append(actions(t, act));
  fillDetails(section, details, t, act);
  return section;
}

// A result opened from "what decides your verdict" is another answer's: said first, with the way back.
function whatIfNotice(t, act) {
  const back = element("button", { type: "button", class: "dt-link-button", text: t.what_if_back });
  back.addEventListener("click", () => act.backToMine());
  return element("p", { class: "dt-notice", id: "dt-notice-what-if", "data-notice": "what-if", role: "note" }, t.what_if, " ", back);
}

function verdictCard(view, t) {
  const verdict = view.verdict;
  const card = element("div", { class: "dt-card", "data-verdict": verdict.id },
    element("p", { class: "dt-verdict", "data-verdict": verdict.id },
      element("span", { class: "dt-verdict-label", text: `${t.verdict}${t.colon} ` }),
      element("strong", { class: `dt-badge dt-badge-${verdict.id}` },
        element("span", { class: "dt-badge-icon", "aria-hidden": "true", text: BADGE_ICONS[verdict.id] || "" }), verdict.label)),
    element("p", { class: "dt-why", text: verdict.why }));
  if (view.decisive.length) {
    card.append(element("p", { class: "dt-decisive" }, element("span", { text: `${t.decisive}${t.colon} ` }), citationLinks(view.decisive)));
  }
  if (view.needs_review) card.append(element("p", { class: "dt-review", text: view.review_text }));
  const roles = element("ul", { class: "dt-roles", "aria-label": t.roles });
  if (!view.roles.length) roles.append(element("li", { text: t.none_role }));
  for (const role of view.roles) {
    roles.append(element("li", { "data-role": role.id },
      element("strong", { text: `${role.label}${t.colon} ` }), role.reason, " — ", citationLinks(role.citations)));
  }
  card.append(element("p", { class: "dt-roles-heading", text: `${t.roles}${t.colon}` }), roles);
  return card;
}

// "Applies now" and "coming" (with the date and how long until it), each by who owes it.
function obligationGroups(view, t) {
  if (!view.obligations.length) return [element("h4", { text: view.obligations_heading }), element("p", { text: t.no_obligations })];
  const byId = Object.fromEntries(view.obligations.map((obligation) => [obligation.id, obligation]));
  const nodes = [element("h4", { text: view.obligations_heading })];
  const holders = (groups) => groups.map((group) => element("div", { class: "dt-holder" },
    element("h6", { text: group.holder.label }),
    element("ol", { class: "dt-obligations" }, ...group.obligations.map((id) => obligationItem(byId[id], t)))));
  if (view.schedule.now.holders.length) {
    nodes.push(element("div", { class: "dt-when dt-when-now" }, element("h5", { text: view.schedule.now.heading }), ...holders(view.schedule.now.holders)));
  }
  if (view.schedule.later.dates.length) {
    const later = element("div", { class: "dt-when dt-when-later" }, element("h5", { text: view.schedule.later.heading }));
    for (const date of view.schedule.later.dates) {
      const when = [date.date_text, date.until].filter(Boolean).join(" — ");
      later.append(element("p", { class: "dt-date-heading" }, element("strong", { text: when }),
        date.original_text ? element("span", { class: "dt-original", text: ` (${date.original_text})` }) : null),
        ...holders(date.holders));
    }
    nodes.push(later);
  }
  return nodes;
}

function obligationItem(obligation, t) {
  return element("li", { "data-obligation": obligation.id, "data-severity": obligation.severity },
    element("p", { text: obligation.text }),
    element("p", { class: "dt-meta" }, citationLinks(obligation.citations), " — ",
      element("span", { class: `dt-date dt-${obligation.applies.status}`, text: obligation.applies.text })));
}

// What the engine computes for the result on screen only: drawn now, or when it arrives.
export function fillDetails(section, details, t, act) {
  const slot = section.querySelector(".dt-details");
  if (!slot || !details) return;
  const nodes = [];
  if (details.timeline_svg) {
    const figure = element("figure", { class: "dt-timeline" }, element("figcaption", { text: t.timeline }));
    figure.insertAdjacentHTML("beforeend", details.timeline_svg); // generated and escaped by the engine
    nodes.push(figure);
  }
  if (details.open_answers) nodes.push(openAnswersBlock(details.open_answers, t, act));
  const alternatives = details.alternatives;
  if (alternatives) {
    const block = element("div", { class: "dt-alternatives" }, element("h4", { text: alternatives.heading }),
      element("p", { class: "dt-meta", text: alternatives.items.length ? alternatives.intro : alternatives.none }));
    const list = (items) => element("ul", {}, ...items.map((item) => alternativeItem(item, t, act)));
    if (alternatives.items.length) block.append(list(alternatives.items));
    // The others, one click away: the first few are the ones that matter most.
    if (alternatives.more) {
      const rest = list(alternatives.more_items);
      rest.hidden = true;
      const more = element("button", { type: "button", class: "dt-link-button dt-more", text: alternatives.more,
        onclick: () => {
          rest.hidden = false;
          more.remove();
          rest.querySelector("button").focus();
        } });
      block.append(more, rest);
    }
    if (alternatives.open) block.append(element("p", { class: "dt-meta", text: alternatives.open.text }));
    nodes.push(block);
  }
  slot.replaceChildren(...nodes);
  const calendar = section.querySelector(".dt-calendar");
  if (calendar) calendar.hidden = !details.calendar_events;
}

// One other answer: what it would give, and a button to that result (or to the questions it leads to),
// named by its answer (the sentence before it says the rest; read whole, each name ran to 90 words).
function alternativeItem(item, t, act) {
  const label = item.finished ? t.see_result : t.continue_with;
  return element("li", { "data-question": item.question_id, "data-option": item.option.id, "data-change": item.change },
    item.text, item.also_text ? ` (${item.also_text})` : "", " ",
    element("button", { type: "button", class: "dt-link-button dt-see", text: label, "data-verdict": item.verdict.id,
      "data-token": item.token, "aria-label": `${label}${t.colon} ${item.option.label}`, onclick: () => act.open(item.token) }));
}

// Each "I don't know" with the verdict every possible answer gives (or the question that follows).
function openAnswersBlock(open, t, act) {
  const block = element("div", { class: "dt-open-answers" }, element("h4", { text: open.heading }), element("p", { class: "dt-meta", text: open.intro }));
  for (const item of open.items) {
    const list = element("ul");
    for (const outcome of item.outcomes) {
      const label = outcome.finished ? t.see_result : t.continue_with;
      list.append(element("li", { "data-question": item.question_id, "data-option": outcome.option.id }, outcome.text, " ",
        element("button", { type: "button", class: "dt-link-button dt-see", text: label, "data-verdict": outcome.verdict?.id ?? "",
          "data-token": outcome.token, "aria-label": `${label}${t.colon} ${outcome.option.label}`, onclick: () => act.open(outcome.token) })));
    }
    block.append(element("p", { class: "dt-open-question" }, element("strong", { text: item.question })), list);
  }
  return block;
}

function answersList(view, t, act) {
  const answers = element("ol", { class: "dt-answers" });
  view.answers.forEach((answer, index) => {
    answers.append(element("li", {},
      element("span", { text: `${answer.question} — ` }),
      element("strong", { text: answer.options.map((option) => option.label).join(", ") }), " ",
      element("button", { type: "button", class: "dt-link-button dt-edit", text: t.edit, "aria-label": `${t.edit}${t.colon} ${answer.question}`,
        onclick: () => act.edit(index) })));
  });
  return element("div", {}, element("h4", { text: t.answers }), answers);
}

function actions(t, act) {
  const link = act.shareLink();
  const feedback = element("p", { class: "dt-feedback", role: "status" });
  const field = element("input", { type: "text", readonly: true, value: link, id: "dt-share", class: "dt-share" });
  // Without the clipboard (refused, or an old browser) the text is selected for the reader to copy:
  // the link in its field, the checklist in a field shown for it.
  const copy = async (text, shown) => {
    try {
      await navigator.clipboard.writeText(await text);
      feedback.textContent = t.copied;
    } catch {
      feedback.textContent = t.copy_failed;
      const place = shown ?? feedback.parentElement.querySelector(".dt-copy-fallback") ?? fallback(feedback);
      if (!shown) place.value = await text;
      place.focus();
      place.select();
    }
  };
  return element("div", { class: "dt-actions" },
    element("label", { for: "dt-share", text: t.share }), field,
    // On paper the link is written out (it holds the site's address).
    element("p", { class: "dt-print-only dt-print-link" }, `${t.share}${t.colon} `, element("span", { text: link })),
    element("p", { class: "dt-meta", text: t.share_help }),
    element("div", { class: "dt-buttons" },
      element("button", { type: "button", class: "dt-primary", text: t.copy_link, onclick: () => copy(link, field) }),
      element("button", { type: "button", class: "dt-secondary", text: t.copy_markdown, onclick: () => copy(act.markdown(link)) }),
      element("button", { type: "button", class: "dt-secondary dt-calendar", hidden: true, text: t.download_calendar,
        onclick: () => act.calendar(link) }),
      element("button", { type: "button", class: "dt-secondary", text: t.print, onclick: () => window.print() }),
      element("button", { type: "button", class: "dt-secondary", text: t.restart, onclick: act.restart })),
    feedback);
}

function fallback(feedback) {
  const area = element("textarea", { class: "dt-copy-fallback", readonly: true, rows: 8, "aria-label": feedback.textContent });
  feedback.after(area);
  return area;
}

// A reader's error (a bad link...): the engine's message and a way to start over.
export function errorScreen(message, t, act) {
  return element("div", { class: "dt-error", role: "alert" },
    element("h3", { tabindex: "-1", text: message }),
    element("button", { type: "button", class: "dt-primary", text: t.restart, onclick: act.restart }));
}

// The engine could not start, or stopped: why, a retry, and the version without JavaScript.
export function failureScreen(reasonKey, t, act) {
  return element("div", { class: "dt-error dt-failure", role: "alert" },
    element("h3", { tabindex: "-1", text: reasonKey === "reason_runtime" ? t.failed_runtime : t.failed }),
    element("p", { text: t[reasonKey] || t.reason_crash }),
    element("p", {}, t.failed_static, " ", element("a", { href: "#static-tree", text: t.static_link })),
    element("button", { type: "button", class: "dt-primary", text: t.retry, onclick: act.retry }));
}
