// Holds the search index download until the reader opens the search.
//
// Material starts downloading `search/search_index.json` (every page of the language: the
// largest file of a content page) as soon as a page loads. This script, loaded just before
// Material's, lets Material ask for it but holds the request until the reader focuses or
// clicks the search field or the search button (or opens a link with `?q=` or `?h=`, which
// need the index at once). Nothing else is changed: once released, the request is Material's.
(() => {
  "use strict";

  const INDEX = /\/search\/search_index\.json$/;
  const proto = XMLHttpRequest.prototype;
  const open = proto.open;
  const send = proto.send;
  const deferred = new WeakSet();
  const held = [];
  let released = false;

  function release() {
    if (released) return;
    released = true;
    for (const [request, args] of held.splice(0)) send.apply(request, args);
  }

  proto.open = function (method, url, ...rest) {
    if (!released && INDEX.test(new URL(String(url), document.baseURI).pathname)) deferred.add(this);
    return open.call(this, method, url, ...rest);
  };

  proto.send = function (...args) {
    if (!released && deferred.has(this)) {
      held.push([this, args]);
      return undefined;
    }
    return send.apply(this, args);
  };

  const params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) {
    release();
    return;
  }

  // The search field takes the focus however the search is opened: a click on the field or
  // on the search button, or one of Material's keyboard shortcuts (f, s, /).
  const opening = (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest("[data-md-component=search-query], label[for=__search], #__search")) release();
  };
  document.addEventListener("focusin", opening, true);
  document.addEventListener("pointerdown", opening, true);
  document.addEventListener("change", opening, true);
})();
