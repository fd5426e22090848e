// The site's search worker: Material's, with accents folded and words stemmed in each language.
//
// The build (scripts/hooks/site_output.py) points Material's configuration here, naming
// Material's own worker in `?worker=`. That worker, lunr and the language's lunr scripts are
// loaded only when the first message arrives: the search index, which the page sends once the
// reader opens the search (assets/javascripts/search-defer.js).
//
// Each page's index holds one language (French, or English). Every word is indexed twice, as
// written with its accents folded ("évaluations" -> "evaluations") and as its stem in that
// language ("evaluat"); each word of a query becomes its folded stem, which Material looks up
// as a prefix. So "deployeur" finds "déployeur", "evaluation" finds "évaluation" and
// "déployeurs" finds "déployeur", while a word being typed still finds what it begins.
"use strict";

const MATERIAL_WORKER = /^search\.[0-9a-f]+\.min\.js$/;
const SETUP = 0;
const QUERY = 2;
const RESULT = 3;

const state = { lang: "en", stemmer: null, surfaces: new Map(), query: "", words: new Map() };
let material = null; // Material's message listener, once its worker is loaded

function fold(word) {
  return word.normalize("NFD").replace(/\p{M}+/gu, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
}

function isStemmer(fn) {
  return fn.label === "stemmer" || String(fn.label).startsWith("stemmer-");
}

// Index side: the stemmer of the language's pipeline becomes "fold, then keep the folded word
// and its stem".
function foldAndStem(lunr, stemmer) {
  const fn = (token) => {
    const written = token.toString();
    const folded = fold(written);
    if (!state.surfaces.has(folded)) state.surfaces.set(folded, written);
    const surface = token.clone(() => folded);
    if (!stemmer) return surface;
    const stem = stemmer(token.clone(() => folded));
    return stem && stem.toString() && stem.toString() !== folded ? [surface, stem] : surface;
  };
  const label = `foldAndStem-${stemmer ? stemmer.label : "none"}`;
  if (!(label in lunr.Pipeline.registeredFunctions)) lunr.Pipeline.registerFunction(fn, label);
  return lunr.Pipeline.registeredFunctions[label];
}

function replaceStemmer(lunr, pipeline) {
  const stemmer = pipeline._stack.find(isStemmer) || null;
  const replacement = foldAndStem(lunr, stemmer);
  if (stemmer) {
    pipeline.before(stemmer, replacement);
    pipeline.remove(stemmer);
  } else {
    pipeline.add(replacement);
  }
  return stemmer;
}

// A word and its stem share one position: a query matching both (the word by prefix, the stem
// exactly) would hand that position twice to Material's highlighter, which then inserts two
// overlapping <mark>s and garbles the text. Each position is kept once per field.
function onePositionOnce(metadata) {
  const seen = new Map();
  for (const fields of Object.values(metadata)) {
    for (const [field, data] of Object.entries(fields)) {
      if (!Array.isArray(data.position)) continue;
      if (!seen.has(field)) seen.set(field, new Set());
      const kept = seen.get(field);
      data.position = data.position.filter((position) => {
        const key = JSON.stringify(position);
        return !kept.has(key) && kept.add(key);
      });
    }
  }
}

// Material adds the documents in its builder's configuration, once the language is set up: the
// pipelines are complete when the first document arrives.
function install(lunr) {
  const search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (...args) {
    const results = search.apply(this, args);
    for (const result of results) onePositionOnce(result.matchData.metadata);
    return results;
  };
  const add = lunr.Builder.prototype.add;
  const ready = new WeakSet();
  lunr.Builder.prototype.add = function (...args) {
    if (!ready.has(this)) {
      ready.add(this);
      state.stemmer = replaceStemmer(lunr, this.pipeline);
      replaceStemmer(lunr, this.searchPipeline);
    }
    return add.apply(this, args);
  };
}

// Query side: each word becomes its folded stem (field names, `title:`, are left alone).
function queryWord(word) {
  const folded = fold(word.toLowerCase());
  if (!state.stemmer) return folded;
  const stem = state.stemmer(new self.lunr.Token(folded, {}));
  return (stem && stem.toString()) || folded;
}

// French elisions ("l'évaluation", "qu'un") are not words of their own.
const ELISION = /(?<![\p{L}\p{N}])(?:c|d|j|l|m|n|s|t|qu|jusqu|lorsqu|puisqu)['’](?=\p{L})/giu;

function rewriteQuery(query) {
  state.words.clear();
  if (state.lang === "fr") query = query.replace(ELISION, "");
  return query.replace(/[\p{L}\p{N}]+/gu, (word, offset, all) => {
    if (all[offset + word.length] === ":") return word;
    const term = queryWord(word);
    if (!state.words.has(term)) state.words.set(term, word.toLowerCase());
    return term;
  });
}

// Result terms (shown as "missing", and passed to the page opened from a result to highlight
// them) are the reader's words again, not their stems.
function readersTerms(terms) {
  const renamed = {};
  for (const [term, found] of Object.entries(terms)) renamed[state.words.get(term) || term] = found;
  return renamed;
}

// Suggestions are index terms: show the word as written when it starts like the reader's word.
function suggestions(keys) {
  const typed = (state.query.split(/[\s-]+/).pop() || "").toLowerCase();
  return keys
    .filter((key) => state.surfaces.has(key))
    .map((key) => {
      const written = state.surfaces.get(key);
      return written.startsWith(typed) ? written : key;
    });
}

function loadMaterial() {
  const name = new URL(self.location.href).searchParams.get("worker") || "";
  if (!MATERIAL_WORKER.test(name)) throw new Error(`search-i18n.js: unexpected worker name ${JSON.stringify(name)}`);
  const post = self.postMessage.bind(self);
  self.postMessage = (message) => {
    if (message && message.type === RESULT && message.data) {
      if (Array.isArray(message.data.suggest)) message.data.suggest = suggestions(message.data.suggest);
      for (const group of message.data.items || []) {
        for (const item of group) if (item.terms) item.terms = readersTerms(item.terms);
      }
    }
    post(message);
  };
  const add = self.addEventListener;
  self.addEventListener = (type, listener, options) => {
    if (type === "message") material = listener;
    else add.call(self, type, listener, options);
  };
  try {
    importScripts(name);
  } finally {
    delete self.addEventListener;
  }
  install(self.lunr);
}

self.addEventListener("message", (event) => {
  if (!material) loadMaterial();
  let data = event.data;
  if (data && data.type === QUERY && typeof data.data === "string") {
    state.query = data.data;
    data = { ...data, data: rewriteQuery(data.data) };
  } else if (data && data.type === SETUP) {
    state.lang = (data.data && data.data.config && data.data.config.lang && data.data.config.lang[0]) || "en";
    state.surfaces.clear();
  }
  material({ data });
});
