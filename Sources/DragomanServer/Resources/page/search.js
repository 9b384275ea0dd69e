// The search page: results as you type (debounced), from three endpoints at once:
// the glossary, the TM concordance (phrase marked) and fragments.
"use strict";

(() => {
  const { el, text, hasArabic, api, debounce } = Dragoman;
  const box = document.getElementById("q");
  const form = document.getElementById("search-form");
  const areas = { terms: document.getElementById("terms"), concordance: document.getElementById("concordance"), fragments: document.getElementById("fragments") };
  let controller = null;

  const empty = (message) => el("p", { class: "empty" }, message);
  const status = (s) => el("span", { class: `status status-${s}` }, s);

  function drawTerms(results) {
    if (results.length === 0) return empty("No glossary entry.");
    return el("ol", { class: "term-results" }, results.map((r) => el("li", { class: "term-result" },
      el("div", { class: "term-head" }, text(r.term.text, r.term.language), " ", status(r.term.status), " ",
        el("span", { class: "kind" }, r.match.kind), " ",
        el("a", { href: `/glossary?after=${Math.max(0, r.entry.id - 1)}&limit=1`, class: "entry-link" }, `entry ${r.entry.id}`)),
      el("ul", { class: "translations" }, r.translations.map((t) => el("li", {}, text(t.text, t.language), " ", status(t.status)))),
      el("div", { class: "details" },
        r.entry.domain ? el("span", { class: "domain" }, r.entry.domain) : null,
        r.entry.note ? el("span", { class: "note" }, r.entry.note) : null,
        r.term.note ? el("span", { class: "note" }, r.term.note) : null))));
  }

  /** The source with the phrase in <mark>, from the UTF-16 ranges the API gives. */
  function marked(source, ranges, language) {
    const node = text("", language);
    let at = 0;
    for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
      if (start < at) continue;
      node.append(source.slice(at, start), el("mark", {}, source.slice(start, end)));
      at = end;
    }
    node.append(source.slice(at));
    return node;
  }

  function drawConcordance(hits, side) {
    if (hits.length === 0) return empty("The TM has no unit with this phrase.");
    const other = side === "ar" ? "en" : "ar";
    return el("ul", { class: "concordance" }, hits.map((h) => el("li", {},
      el("div", { class: "pair" }, el("div", { class: `col-${side}` }, marked(h.source, h.ranges, side)),
        el("div", { class: `col-${other}` }, text(h.target, other))))));
  }

  function drawFragments(report, side) {
    const fragments = report.fragments ?? [];
    if (fragments.length === 0) return empty("No fragment of this text is in the TM.");
    const other = side === "ar" ? "en" : "ar";
    return el("ul", { class: "fragments" }, fragments.map((f) => el("li", {},
      text(f.source ?? f.text ?? "", side), " → ", text(f.target ?? f.translation ?? "", other),
      f.count ? el("span", { class: "count" }, ` ×${f.count}`) : null)));
  }

  async function search() {
    const q = box.value.trim();
    controller?.abort();
    if (!q) { for (const area of Object.values(areas)) area.replaceChildren(); return; }
    controller = new AbortController();
    const signal = controller.signal;
    const side = hasArabic(q) ? "ar" : "en";
    const enc = encodeURIComponent(q);
    history.replaceState(null, "", `/?q=${enc}`);
    const jobs = [
      ["terms", api("GET", `/api/v1/terms?q=${enc}&limit=20`, undefined, { signal }).then(drawTerms)],
      ["concordance", api("GET", `/api/v1/tm/concordance?q=${enc}&from=${side}&limit=20`, undefined, { signal }).then((h) => drawConcordance(h, side))],
      ["fragments", api("GET", `/api/v1/tm/fragments?q=${enc}&from=${side}&limit=20`, undefined, { signal }).then((r) => drawFragments(r, side))],
    ];
    for (const [name, job] of jobs) {
      job.then((node) => areas[name].replaceChildren(node)).catch((e) => {
        if (e.name !== "AbortError") areas[name].replaceChildren(el("p", { class: "error" }, e.message));
      });
    }
  }

  const later = debounce(search, 250);
  box.addEventListener("input", later);
  form.addEventListener("submit", (e) => { e.preventDefault(); search(); });
  box.addEventListener("keydown", (e) => { if (e.key === "Escape") { box.value = ""; search(); } });
  document.addEventListener("keydown", (e) => {
    if (e.key === "/" && document.activeElement !== box && !e.target.closest("input, textarea, select")) { e.preventDefault(); box.focus(); box.select(); }
  });
  if (box.value.trim()) search();
})();
