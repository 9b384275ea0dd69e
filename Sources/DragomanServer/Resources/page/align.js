// The align page: two texts → pairs with confidence; low-confidence pairs are marked and
// left unchecked. Each pair's texts can be edited; Join merges a pair with the next,
// Split moves what follows each side's cursor into a new pair, Unpair separates the two
// sides. The checked pairs with both sides go into the TM.
"use strict";

(() => {
  const { el, api, status, canWrite } = Dragoman;
  const form = document.getElementById("align-form");
  const area = document.getElementById("alignment");
  let rows = [];

  function draw() {
    const list = el("div", { class: "pairs", role: "list" }, rows.map((r, i) => {
      const ar = el("textarea", { lang: "ar", dir: "rtl", class: "ar", "aria-label": `Arabic of pair ${i + 1}` });
      const en = el("textarea", { lang: "en", dir: "ltr", class: "en", "aria-label": `English of pair ${i + 1}` });
      ar.value = r.arabic; en.value = r.english;
      const remember = (box, side) => () => { r[`${side}Cursor`] = box.selectionStart; r[side] = box.value; };
      for (const event of ["input", "keyup", "click", "select"]) { ar.addEventListener(event, remember(ar, "arabic")); en.addEventListener(event, remember(en, "english")); }
      const keep = el("input", { type: "checkbox", "aria-label": `Keep pair ${i + 1}`, checked: r.keep });
      keep.addEventListener("change", () => { r.keep = keep.checked; });
      const confidence = r.confidence === null ? "edited" : `${Math.round(r.confidence * 100)}%${r.review ? " · check" : ""}`;
      return el("div", { class: `align-row${r.review ? " needs-review" : ""}`, role: "listitem" },
        el("div", {}, keep),
        el("div", { class: "col-en" }, en),
        el("div", { class: "col-ar" }, ar),
        el("div", { class: "row-meta" }, el("div", { class: "confidence" }, confidence, r.move ? ` (${r.move})` : ""),
          el("div", { class: "row-actions" },
            el("button", { type: "button", onclick: () => join(i), disabled: i === rows.length - 1 }, "Join ↓"),
            el("button", { type: "button", onclick: () => split(i) }, "Split"),
            el("button", { type: "button", onclick: () => unpair(i) }, "Unpair"))));
    }));
    const kept = rows.filter((r) => r.keep && r.arabic.trim() && r.english.trim()).length;
    const add = el("button", { type: "button", id: "add-pairs", disabled: !canWrite, onclick: confirm }, `Add the ${kept} checked pairs to the TM`);
    const review = rows.filter((r) => r.review).length;
    area.replaceChildren(el("p", {}, `${rows.length} pairs; ${review} to check (marked, unchecked).`), list, add);
  }

  function edited(r) { return { ...r, confidence: null, review: false, move: "" }; }

  function join(i) {
    const a = rows[i], b = rows[i + 1];
    rows.splice(i, 2, edited({ arabic: `${a.arabic} ${b.arabic}`.trim(), english: `${a.english} ${b.english}`.trim(), keep: true }));
    draw();
  }

  function split(i) {
    const r = rows[i];
    const at = (side) => r[`${side}Cursor`] ?? r[side].length;
    const cut = (side) => [r[side].slice(0, at(side)).trim(), r[side].slice(at(side)).trim()];
    const [ar1, ar2] = cut("arabic"), [en1, en2] = cut("english");
    if (!ar2 && !en2) { status("Put the cursor where a side should be split, then press Split.", "error"); return; }
    rows.splice(i, 1, edited({ arabic: ar1, english: en1, keep: !!(ar1 && en1) }), edited({ arabic: ar2, english: en2, keep: !!(ar2 && en2) }));
    draw();
  }

  function unpair(i) {
    const r = rows[i];
    rows.splice(i, 1, edited({ arabic: r.arabic, english: "", keep: false }), edited({ arabic: "", english: r.english, keep: false }));
    draw();
  }

  async function confirm() {
    const pairs = rows.filter((r) => r.keep && r.arabic.trim() && r.english.trim()).map((r) => ({ arabic: r.arabic.trim(), english: r.english.trim() }));
    if (!pairs.length) { status("Check at least one pair with both sides.", "error"); return; }
    try {
      const counts = await api("POST", "/api/v1/align/confirm", { origin: document.getElementById("align-origin").value.trim() || "aligned on the page", pairs });
      status(`${counts.added} pairs added to the TM, ${counts.updated} already there.`, "ok");
    } catch (error) { status(error.message, "error"); }
  }

  async function align(e) {
    e?.preventDefault();
    status("Aligning…");
    try {
      const result = await api("POST", "/api/v1/align", {
        arabic: document.getElementById("align-ar").value, english: document.getElementById("align-en").value,
        minConfidence: Number(document.getElementById("align-min").value || 0.9),
      });
      rows = result.pairs.map((p) => ({ arabic: p.arabicText, english: p.englishText, confidence: p.confidence, review: p.needsReview, move: p.move, keep: !p.needsReview && !!p.arabicText && !!p.englishText }));
      status(`${result.arabicSentences} Arabic and ${result.englishSentences} English sentences aligned.`, "ok");
      draw();
    } catch (error) { status(error.message, "error"); }
  }

  form.addEventListener("submit", align);
  form.addEventListener("keydown", (e) => { if (e.key === "Enter" && e.ctrlKey) align(e); });
})();
