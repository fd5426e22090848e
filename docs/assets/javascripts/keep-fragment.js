// The language switcher leads to the same page in the other language: keep the fragment, a
// section anchor (identical in both languages) or the assessment's answers (which do not
// depend on the language), so a French result opens as the same English result. A result opened
// from "what decides your verdict" takes the reader's own answers along ("&mine=", read by the
// assessment's widget.js), so that it is still said to be another answer's there.
function keepFragment() {
  const mine = location.hash.startsWith("#eval=") && history.state?.mine;
  for (const link of document.querySelectorAll(".md-select__link[hreflang]")) {
    const target = new URL(link.href);
    target.hash = mine ? `${location.hash}&mine=${mine}` : location.hash;
    link.href = target.href;
  }
}
// "dt-location": the assessment changed the address (history.pushState fires no event).
for (const type of ["hashchange", "popstate", "dt-location"]) addEventListener(type, keepFragment);
keepFragment();
