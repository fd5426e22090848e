// On a narrow screen the theme opens its menu and its search from two labels of the header, which
// a keyboard cannot reach, while the links of the closed menu stay in the Tab order off screen
// (site.css now hides them until the menu opens). Here both labels become buttons: reachable with
// Tab, worked with Enter or Space, saying whether they are open; the menu and the search field
// take the focus when they open, however they were opened, and give it back to their button when
// they close (Escape); the menu closes when the focus leaves it.
// Without JavaScript nothing changes.
const menu = document.querySelector(".md-nav--primary");

function asButton(label, name) {
  const toggle = document.getElementById(label.htmlFor);
  label.setAttribute("role", "button");
  label.setAttribute("tabindex", "0");
  label.setAttribute("aria-label", name);
  const said = () => label.setAttribute("aria-expanded", String(toggle.checked));
  toggle.addEventListener("change", said);
  said();
  label.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    label.click();
  });
  return toggle;
}

const menuLabel = document.querySelector(".md-header__button[for='__drawer']");
const searchLabel = document.querySelector(".md-header__button[for='__search']");
if (menuLabel && menu) {
  const drawer = asButton(menuLabel, menu.getAttribute("aria-label"));
  // Opened by a tap as by a key, the menu takes the focus: Tab then walks the menu, not the page
  // under its overlay.
  drawer.addEventListener("change", () => {
    if (drawer.checked) menu.querySelector("a")?.focus();
  });
  const close = () => {
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change"));
  };
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer.checked) return;
    close();
    menuLabel.focus();
  });
  // Tabbing out of the open menu closes it: the page it leaves for is under its overlay.
  menu.addEventListener("focusout", (event) => {
    if (drawer.checked && event.relatedTarget && !menu.contains(event.relatedTarget) && event.relatedTarget !== menuLabel) close();
  });
}
const searchInput = document.querySelector(".md-search__input");
if (searchLabel && searchInput) {
  const search = asButton(searchLabel, searchInput.getAttribute("aria-label"));
  search.addEventListener("change", () => {
    if (search.checked) searchInput.focus();
  });
  // The theme closes the search on Escape (without a change event) and leaves the focus nowhere.
  document.querySelector(".md-search").addEventListener("keydown", (event) => {
    if (event.key === "Escape" && searchLabel.checkVisibility()) requestAnimationFrame(() => searchLabel.focus());
  });
}
