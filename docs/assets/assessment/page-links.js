// The rest of the assessment's page, while the widget runs.
//
// The version without JavaScript (every question and the result's rules, hundreds of links)
// comes open in the page for readers without JavaScript; with the widget running it is folded
// into its <details>, out of the Tab order and the reader's way, and opened when the widget
// sends the reader to it (a failed start) or a link leads into it.
//
// The answers live in the address (#eval=…): a link to a section of the page (the table of
// contents, "version without JavaScript") would replace them, and a reload or a bookmark would
// then lose them. While the reader has answers, such links scroll to their section and leave
// the address alone. A section's own permalink (¶) still writes its address: it is there to be
// copied.

const FRAME = ".dt-static-frame";
const HEADING = "static-tree"; // the section that holds it, as the widget's links name it

export function foldStaticTree() {
  document.querySelector(FRAME)?.removeAttribute("open");
}

export function openStaticTree() {
  const frame = document.querySelector(FRAME);
  if (frame) frame.open = true;
}

export function keepAnswersOnSectionLinks(hasAnswers, answersPrefix) {
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href^='#']");
    if (!link || link.classList.contains("headerlink") || link.hash.startsWith(answersPrefix) || !hasAnswers()) return;
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    if (target.closest(FRAME) || target.id === HEADING) openStaticTree();
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView();
  });
}
