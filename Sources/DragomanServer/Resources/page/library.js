// The glossary and TM pages: add, edit and remove through the API; imports uploaded
// with a progress bar; import batches undone (with the store's conflict message and a
// second, forced, try when rows were edited since) and glossary priorities changed.
"use strict";

(() => {
  const { el, api, upload, status } = Dragoman;
  const fields = (form) => Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, typeof v === "string" ? v.trim() : v]).filter(([, v]) => v !== ""));
  const reloadSoon = () => setTimeout(() => location.reload(), 700);

  // Glossary: add a pair.
  document.getElementById("add-entry")?.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const result = await api("POST", "/api/v1/terms/entries", fields(e.target));
      status(result.outcome === "exists" ? `The pair is already in entry ${result.entry.id}.` : `Added as entry ${result.entry.id}.`, "ok");
      reloadSoon();
    } catch (error) { status(error.message, "error"); }
  });

  // TM: add a pair.
  document.getElementById("add-unit")?.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const unit = await api("POST", "/api/v1/tm/units", fields(e.target));
      status(`Unit ${unit.id} stored.`, "ok");
      reloadSoon();
    } catch (error) { status(error.message, "error"); }
  });

  document.addEventListener("click", async (e) => {
    const button = e.target.closest("button");
    if (!button) return;
    const row = button.closest("tr");
    try {
      if (button.classList.contains("remove-entry")) {
        if (!confirm(`Remove entry ${row.dataset.entry} and all its terms?`)) return;
        await api("DELETE", `/api/v1/terms/entries/${row.dataset.entry}`);
        row.remove();
        status(`Entry ${row.dataset.entry} removed.`, "ok");
      } else if (button.classList.contains("remove-unit")) {
        if (!confirm(`Remove unit ${row.dataset.unit} from the TM?`)) return;
        await api("DELETE", `/api/v1/tm/units/${row.dataset.unit}`);
        row.remove();
        status(`Unit ${row.dataset.unit} removed.`, "ok");
      } else if (button.classList.contains("edit-unit")) {
        editUnit(row);
      } else if (button.classList.contains("edit-entry")) {
        edit(row);
      } else if (button.classList.contains("undo")) {
        await undo(button.dataset.import, false);
      }
    } catch (error) { status(error.message, "error"); }
  });

  /** A unit's English, Arabic and note, edited in place; saved as a new row of the TM. */
  function editUnit(row) {
    const id = row.dataset.unit;
    const english = el("textarea", { lang: "en", dir: "ltr", rows: 2, "aria-label": "English" });
    english.value = row.querySelector(".col-en").textContent;
    const arabic = el("textarea", { lang: "ar", dir: "rtl", class: "ar", rows: 2, "aria-label": "Arabic" });
    arabic.value = row.querySelector(".col-ar").textContent;
    const note = el("input", { dir: "auto", "aria-label": "Note" });
    note.value = row.dataset.note ?? "";
    inlineEditor(row, ".edit-unit", [el("label", {}, "English", english), el("label", {}, "Arabic", arabic), el("label", {}, "Note", note)], async () => {
      const unit = await api("PATCH", `/api/v1/tm/units/${id}`, { english: english.value, arabic: arabic.value, note: note.value.trim() });
      return `Unit ${id} saved (now unit ${unit.id}).`;
    });
  }

  /** An entry's domain, note and term statuses, edited in place. */
  function edit(row) {
    const id = row.dataset.entry;
    const domain = el("input", { value: row.dataset.domain ?? "", "aria-label": "Domain" });
    const note = el("input", { value: row.dataset.note ?? "", dir: "auto", "aria-label": "Note" });
    const statuses = [...row.querySelectorAll("li[data-term]")].map((li) => {
      const select = el("select", { "aria-label": `Status of ${li.textContent.trim()}` },
        ["preferred", "admitted", "deprecated", "forbidden"].map((s) => el("option", { value: s, selected: s === li.dataset.status }, s)));
      return { li, select, term: li.dataset.term, before: li.dataset.status };
    });
    inlineEditor(row, ".edit-entry", [el("label", {}, "Domain", domain), el("label", {}, "Note", note),
      ...statuses.map((s) => el("label", {}, s.li.textContent.replace(s.before, "").trim(), s.select))], async () => {
      await api("PATCH", `/api/v1/terms/entries/${id}`, { domain: domain.value.trim(), note: note.value.trim() });
      for (const s of statuses) if (s.select.value !== s.before) await api("PATCH", `/api/v1/terms/entries/${id}`, { term: Number(s.term), status: s.select.value });
      return `Entry ${id} saved.`;
    });
  }

  /**
   * A row's fields edited in a row of their own below it (the TM's units, the glossary's
   * entries): Save runs `save`, which says what it saved; Cancel or Escape closes the
   * editor and gives the focus back to the row's edit button.
   */
  function inlineEditor(row, editButton, fields, save) {
    const editor = el("tr", { class: "editing" }, el("td", { colspan: 6 },
      el("form", { class: "grid" }, fields,
        el("button", { type: "submit" }, "Save"), el("button", { type: "button", class: "secondary", onclick: () => editor.remove() }, "Cancel"))));
    row.after(editor);
    editor.querySelector("input, textarea, select").focus();
    editor.addEventListener("keydown", (e) => { if (e.key === "Escape") { editor.remove(); row.querySelector(editButton).focus(); } });
    editor.querySelector("form").addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        status(await save(), "ok");
        reloadSoon();
      } catch (error) { status(error.message, "error"); }
    });
  }

  async function undo(id, force) {
    try {
      const report = await api("POST", `/api/v1/imports/${id}/undo`, { force });
      status(`Import ${id} undone: ${report.removed} removed, ${report.restored} restored${report.editedSince.length ? `; later edits lost on ${report.editedSince.join(", ")}` : ""}.`, "ok");
      reloadSoon();
    } catch (error) {
      if (error.status === 409 && !force && !/undone already/.test(error.message)) {
        status(`Undo refused: ${error.message}`, "error");
        if (confirm(`${error.message}\n\nUndo anyway? The later edits of those rows are lost.`)) await undo(id, true);
      } else {
        status(`Undo refused: ${error.message}`, "error");
      }
    }
  }

  document.addEventListener("change", async (e) => {
    if (!e.target.classList.contains("priority")) return;
    try {
      const result = await api("PUT", `/api/v1/imports/${e.target.dataset.import}/priority`, { priority: e.target.value });
      status(`Import ${result.id}: its ${result.terms} terms are now ${result.priority}.`, "ok");
    } catch (error) { status(error.message, "error"); }
  });

  // Imports: the file as the body, options in the query; upload progress, then the report.
  for (const form of document.querySelectorAll("form.import")) {
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const file = form.querySelector("input[type=file]").files[0];
      if (!file) return;
      const query = new URLSearchParams({ name: file.name });
      for (const [key, value] of new FormData(form)) if (key !== "file" && value !== "") query.set(key, value);
      const bar = form.querySelector("progress");
      const result = form.querySelector("output");
      bar.hidden = false; bar.value = 0;
      result.textContent = "Uploading…";
      try {
        const report = await upload(`${form.dataset.endpoint}?${query}`, file, (share) => {
          bar.value = Math.round(share * 100);
          if (share >= 1) { bar.removeAttribute("value"); result.textContent = "Importing (the server is indexing the file)…"; }
        });
        bar.max = 100; bar.value = 100;
        const added = report.added ?? report.entriesAdded ?? 0;
        result.textContent = `Imported: ${added} added, ${report.updated ?? report.entriesChanged ?? 0} updated, ${(report.skipped?.length ?? report.skipped ?? 0)} skipped.`;
        status(result.textContent, "ok");
        reloadSoon();
      } catch (error) {
        bar.hidden = true;
        result.textContent = error.message;
        status(error.message, "error");
      }
    });
  }
})();
