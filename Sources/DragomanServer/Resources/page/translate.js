// The translate pages. The list: paste or upload an article → pre-translated and opened.
// The editor: one row per segment (source right for Arabic, left for English), its best
// proposal with score and kind coloured by band, glossary terms underlined and, with the
// TM's fragments, numbered for Alt+1…9; Ctrl+Enter confirms (stored in the TM at once)
// and moves on. Every save goes to the server, so the work survives a reload or restart.
"use strict";

(() => {
  const { el, text, api, status, canWrite } = Dragoman;

  // ---- The list page: a new document ----
  const form = document.getElementById("new-document");
  if (form) {
    const file = document.getElementById("doc-file");
    const name = document.getElementById("doc-name");
    const body = document.getElementById("doc-text");
    file.addEventListener("change", async () => {
      const chosen = file.files[0];
      if (!chosen) return;
      body.value = await chosen.text();
      if (!name.value) name.value = chosen.name;
    });
    const submit = async (e) => {
      e?.preventDefault();
      if (!body.value.trim()) { status("Paste or upload an article first.", "error"); body.focus(); return; }
      if (!name.value.trim()) name.value = "article.ar.txt";
      status("Pre-translating…");
      form.querySelector("button[type=submit]").disabled = true;
      try {
        const domain = document.getElementById("doc-domain").value.trim();
        const document_ = await api("POST", "/api/v1/documents", { name: name.value.trim(), text: body.value, domain: domain || undefined });
        location.href = `/translate/${document_.id}`;
      } catch (error) {
        status(error.message, "error");
        form.querySelector("button[type=submit]").disabled = false;
      }
    };
    form.addEventListener("submit", submit);
    body.addEventListener("keydown", (e) => { if (e.key === "Enter" && e.ctrlKey) submit(e); });
  }

  // ---- The editor ----
  const editor = document.getElementById("editor");
  if (!editor) return;
  const documentID = editor.dataset.document;
  let segments = [];
  let sourceLanguage = "ar";

  const done = (state) => state === "translated" || state === "confirmed";

  function band(p) {
    const kind = p.match?.kind ?? p.kind;
    const score = p.score;
    if (score === null || score === undefined) return ["none", "no match"];
    const label = `${score} ${kind ?? ""}`.trim();
    if (score >= 100) return ["exact", label];
    if (score >= 95) return ["high", label];
    if (score >= 85) return ["mid", label];
    return ["low", label];
  }

  /** The source with glossary terms underlined; a click inserts the term's first translation. */
  function sourceWithTerms(p, suggestions, box) {
    const node = text("", sourceLanguage);
    node.classList.add("source-text");
    let at = 0;
    const terms = [...p.terms].sort((a, b) => a.start - b.start);
    for (const term of terms) {
      if (term.start < at) continue;
      node.append(p.source.slice(at, term.start));
      const number = suggestions.findIndex((s) => s.term === term) + 1;
      const translation = term.translations[0] ?? "";
      node.append(el("span", {
        class: "term-mark", title: `${term.translations.join(" · ")} (${term.status}${number ? `, Alt+${number}` : ""})`,
        "data-translation": translation,
        onclick: () => insert(box, translation),
      }, p.source.slice(term.start, term.end)));
      at = term.end;
    }
    node.append(p.source.slice(at));
    return node;
  }

  /** Inserts text at the cursor of a translation box, with spaces as needed. */
  function insert(box, value) {
    if (!value || box.readOnly) return;
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? start;
    const before = box.value.slice(0, start);
    const after = box.value.slice(end);
    const lead = before && !/\s$/.test(before) ? " " : "";
    const tail = after && !/^[\s.,;:!?)]/.test(after) ? " " : "";
    box.value = before + lead + value + tail + after;
    const caret = (before + lead + value).length;
    box.setSelectionRange(caret, caret);
    box.focus();
    box.dispatchEvent(new Event("input"));
  }

  /** `value` with the UTF-16 `spans` ({start, end}) marked: the words that differ. */
  function marked(value, spans, language) {
    const node = text("", language);
    let at = 0;
    for (const span of [...spans].sort((a, b) => a.start - b.start)) {
      if (span.start < at) continue;
      node.append(value.slice(at, span.start), el("mark", {}, value.slice(span.start, span.end)));
      at = span.end;
    }
    node.append(value.slice(at));
    return node;
  }

  /** For a fuzzy or repaired match: the TM source with what differs from the segment
   *  marked, the repairs made to its stored target and the differences left as they were. */
  function matchDetails(match, targetLanguage) {
    if (!match || match.kind === "exact" || match.kind === "context" || match.score >= 100) return null;
    const repairs = match.repairs ?? [];
    const unrepaired = match.unrepaired ?? [];
    return el("div", { class: "match-details" },
      el("div", { class: "tm-source" }, el("span", { class: "label" }, "TM source: "),
        marked(match.source ?? "", match.sourceDifferences ?? [], sourceLanguage)),
      repairs.length ? el("ul", { class: "repairs", "aria-label": "Repairs" }, repairs.map((r) =>
        el("li", {}, "repaired: ", text(r.from, targetLanguage), " → ", text(r.to, targetLanguage), ` (by ${r.by})`))) : null,
      unrepaired.length ? el("ul", { class: "unrepaired", "aria-label": "Not repaired" }, unrepaired.map((u) =>
        el("li", {}, "not repaired: the segment has ", text(u.query || "nothing", sourceLanguage),
          " where the TM source has ", text(u.source || "nothing", sourceLanguage), ": check the translation"))) : null);
  }

  function proposalText(p) {
    return p.match?.target ?? p.target ?? (p.assembled ? p.assembled.text : "");
  }

  function row(segment) {
    const p = segment.pretranslation;
    const targetLanguage = sourceLanguage === "ar" ? "en" : "ar";
    const state = segment.work?.state ?? "";
    const box = el("textarea", {
      lang: targetLanguage, dir: targetLanguage === "ar" ? "rtl" : "ltr", class: targetLanguage === "ar" ? "ar" : "en",
      "aria-label": `Translation of segment ${segment.number}`, rows: 3, readonly: !canWrite,
    });
    box.value = segment.work?.target ?? p.target ?? "";
    box.dataset.saved = segment.work ? box.value : "";

    // Numbered suggestions: each term's translations, then the TM's fragments.
    const suggestions = [];
    for (const term of p.terms) for (const t of term.translations.slice(0, 2)) suggestions.push({ term, label: `${term.surface} → ${t}`, value: t });
    for (const f of p.fragments ?? []) suggestions.push({ label: `${f.source} → ${f.target}`, value: f.target, fragment: true });
    // Alt+n inserts suggestion n; the first translation of each term is what a click inserts.
    const [bandName, bandLabel] = band(p);
    const proposal = proposalText(p);
    const warnings = [...(p.checks ?? [])];
    for (const term of p.terms) if (term.flagged || term.status === "forbidden" || term.status === "deprecated") warnings.push(`“${term.surface}”: the glossary marks this term ${term.status}`);
    const dir = (language) => (language === "ar" ? "rtl" : "ltr");
    const source = el("div", { class: `cell-${sourceLanguage}`, lang: sourceLanguage, dir: dir(sourceLanguage) }, sourceWithTerms(p, suggestions, box));
    const stateText = el("span", { class: "state" }, state ? state : "not started");
    const confirm = el("button", { type: "button", class: "secondary", disabled: !canWrite, onclick: () => save(segment, box, "confirmed", true) }, "Confirm (Ctrl+Enter)");
    const target = el("div", { class: `cell-${targetLanguage}`, lang: targetLanguage, dir: dir(targetLanguage) },
      box,
      el("div", { class: "proposal" }, el("span", { class: `band band-${bandName}` }, bandLabel), " ",
        proposal ? text(proposal, targetLanguage) : "", " ",
        proposal ? el("button", { type: "button", class: "secondary", onclick: () => { box.value = proposal.replace(/[⟦⟧]/g, ""); box.focus(); box.dispatchEvent(new Event("input")); } }, "Use (Alt+0)") : null),
      matchDetails(p.match, targetLanguage),
      suggestions.length ? el("ol", { class: "suggestions", "aria-label": "Terms and fragments" }, suggestions.slice(0, 9).map((s, i) =>
        el("li", {}, el("button", { type: "button", onclick: () => insert(box, s.value) }, el("kbd", {}, `Alt+${i + 1}`), " ", s.label)))) : null,
      warnings.length ? el("ul", { class: "warnings" }, warnings.map((w) => el("li", {}, "⚠ ", w))) : null,
      el("div", { class: "segment-actions" }, confirm, stateText));
    const node = el("div", { class: `segment ${state ? `state-${state}` : ""}`, id: `segment-${segment.number}`, "data-number": segment.number },
      el("div", { class: "number" }, String(segment.number)), source, target);

    box.addEventListener("focus", () => {
      editor.querySelectorAll(".is-current").forEach((n) => n.classList.remove("is-current"));
      node.classList.add("is-current");
    });
    box.addEventListener("blur", () => {
      if (canWrite && box.value.trim() && box.value !== box.dataset.saved) save(segment, box, "draft", false);
    });
    box.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && e.ctrlKey) { e.preventDefault(); save(segment, box, "confirmed", true); return; }
      if (e.key === "s" && e.ctrlKey) { e.preventDefault(); save(segment, box, "draft", false); return; }
      if (e.altKey && !e.ctrlKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) { e.preventDefault(); move(segment.number, e.key === "ArrowDown" ? 1 : -1); return; }
      if (e.altKey && !e.ctrlKey && e.code.startsWith("Digit")) {
        const n = Number(e.code.slice(5));
        e.preventDefault();
        if (n === 0 && proposal) { box.value = proposal.replace(/[⟦⟧]/g, ""); box.dispatchEvent(new Event("input")); }
        else if (suggestions[n - 1]) insert(box, suggestions[n - 1].value);
      }
    });
    segment.node = node;
    segment.box = box;
    segment.stateText = stateText;
    return node;
  }

  function focusSegment(number) {
    const target = segments.find((s) => s.number === number);
    if (!target) return;
    target.box.focus();
    target.node.scrollIntoView({ block: "center" });
  }

  function move(number, step) { focusSegment(number + step); }

  function progress() {
    const total = segments.length;
    const finished = segments.filter((s) => done(s.work?.state)).length;
    const bar = document.getElementById("progress");
    bar.max = Math.max(total, 1);
    bar.value = finished;
    document.getElementById("progress-text").textContent = `${finished} of ${total} segments done`;
  }

  async function save(segment, box, state, advance) {
    const target = box.value.trim();
    if (!target) { status(`Segment ${segment.number}: type a translation (or Alt+0 for the proposal) before confirming.`, "error"); return; }
    try {
      const update = await api("PUT", `/api/v1/documents/${documentID}/segments/${segment.number}`, { target, state });
      segment.work = update.work;
      box.dataset.saved = box.value;
      segment.node.className = `segment state-${update.work.state}${segment.node.classList.contains("is-current") ? " is-current" : ""}`;
      segment.stateText.textContent = update.work.state + (update.addedToTM ? " · added to the TM" : done(state) ? " · in the TM" : "");
      progress();
      status(done(state) ? `Segment ${segment.number} ${state}: it is in the TM.` : `Segment ${segment.number} saved as a draft.`, "ok");
      if (advance) {
        const next = segments.find((s) => s.number > segment.number && !done(s.work?.state)) ?? segments.find((s) => s.number > segment.number);
        if (next) focusSegment(next.number);
      }
    } catch (error) {
      status(`Segment ${segment.number}: ${error.message}`, "error");
    }
  }

  async function load() {
    try {
      const document_ = await api("GET", `/api/v1/documents/${documentID}`);
      sourceLanguage = document_.sourceLanguage;
      segments = document_.segments;
      editor.replaceChildren(...segments.map(row));
      editor.setAttribute("aria-busy", "false");
      progress();
      const first = segments.find((s) => !done(s.work?.state));
      if (first && canWrite) first.box.focus({ preventScroll: true });
    } catch (error) {
      editor.replaceChildren(el("p", { class: "error" }, error.message));
    }
  }
  load();
})();
