// DOM helpers shared by the assessment's screens: no logic, no state.

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "checked") node.checked = Boolean(value);
    else if (value !== false && value != null) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child != null));
  return node;
}

export function citationLinks(citations) {
  const span = element("span", { class: "dt-citations" });
  citations.forEach((citation, index) => {
    if (index) span.append(", ");
    span.append(element("a", { href: citation.url, text: citation.label }));
  });
  return span;
}
