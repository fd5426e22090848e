// The 404 page in the reader's language.
//
// GitHub Pages serves the root 404.html (French) for every missing address. For a missing
// address under the English root, this script, in the page's <head>, replaces it with the
// English 404 page (`en/404.html`, built in English) and puts the reader's address back in the
// address bar. Hosts that serve `en/404.html` themselves for English addresses skip the detour.
(() => {
  "use strict";

  const script = document.currentScript;
  const root = script.dataset.root; // the site's root path, "/<project>/"
  const languages = (script.dataset.languages || "").split(" ").filter(Boolean);
  const pageLanguage = document.documentElement.lang;
  const FROM = "#from=";

  if (!root || !root.startsWith("/")) return;

  const path = location.pathname;
  const wanted = languages.find((lang) => path.startsWith(`${root}${lang}/`));

  if (wanted && wanted !== pageLanguage && !path.endsWith(`/${wanted}/404.html`)) {
    document.documentElement.hidden = true; // no flash of the other language
    const from = location.pathname + location.search + location.hash;
    location.replace(`${root}${wanted}/404.html${FROM}${encodeURIComponent(from)}`);
    return;
  }

  if (location.hash.startsWith(FROM)) {
    let address;
    try {
      address = new URL(decodeURIComponent(location.hash.slice(FROM.length)), location.origin);
    } catch {
      return;
    }
    if (address.origin === location.origin && address.pathname.startsWith(`${root}${pageLanguage}/`)) {
      history.replaceState(null, "", address.pathname + address.search + address.hash);
    }
  }
})();
