// Shared by every page: calls to the API with the page's CSRF token, a DOM builder that
// only ever sets text (never markup), status messages, and the navigation shortcuts.
// Plain script, no build step, no library: the server serves it from its binary.
"use strict";

const Dragoman = (() => {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? "";
  const csrf = meta("csrf-token");
  const canWrite = meta("can-write") === "true";

  /** An element with attributes and children; strings become text nodes (escaped by the DOM). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Text in its language and direction. */
  function text(value, language) {
    return language === "ar"
      ? el("span", { lang: "ar", dir: "rtl", class: "ar" }, value)
      : el("span", { lang: "en", dir: "ltr", class: "en" }, value);
  }

  const hasArabic = (s) => /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/.test(s);

  function status(message, kind = "info") {
    const box = document.getElementById("status");
    if (!box) return;
    box.className = `status-${kind}`;
    box.textContent = message;
  }

  class APIError extends Error {
    constructor(status, code, message) { super(message); this.status = status; this.code = code; }
  }

  /** fetch to the API: JSON in and out, the CSRF token on every change, errors as APIError. */
  async function api(method, path, body, options = {}) {
    const headers = { "X-CSRF-Token": csrf, ...(options.headers ?? {}) };
    let payload = body;
    if (body !== undefined && !(body instanceof Blob) && typeof body !== "string") {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await fetch(path, { method, headers, body: payload, credentials: "same-origin", signal: options.signal });
    const type = response.headers.get("Content-Type") ?? "";
    const data = type.includes("application/json") ? await response.json() : await response.text();
    if (!response.ok) {
      const error = data && data.error ? data.error : { code: "http", message: `${response.status}` };
      if (error.code === "csrf") {
        throw new APIError(403, "csrf", "Your session has ended (the server may have restarted): reload the page (F5) and carry on; your confirmed work is saved.");
      }
      throw new APIError(response.status, error.code, error.message);
    }
    return data;
  }

  /** An upload with progress (XMLHttpRequest, as fetch has no upload progress). */
  function upload(path, file, onProgress) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open("POST", path);
      request.setRequestHeader("X-CSRF-Token", csrf);
      request.upload.addEventListener("progress", (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
      request.addEventListener("load", () => {
        let data = null;
        try { data = JSON.parse(request.responseText); } catch { /* not JSON */ }
        if (request.status >= 200 && request.status < 300) resolve(data);
        else reject(new APIError(request.status, data?.error?.code ?? "http", data?.error?.message ?? `${request.status}`));
      });
      request.addEventListener("error", () => reject(new APIError(0, "network", "the server could not be reached")));
      request.send(file);
    });
  }

  function debounce(fn, ms) {
    let timer;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  }

  // Alt+1 … Alt+5: the pages (not while typing in a segment, where Alt+digit inserts).
  const pages = ["/", "/translate", "/align", "/glossary", "/tm"];
  document.addEventListener("keydown", (e) => {
    if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (e.target.closest && e.target.closest(".segment")) return;
    const n = Number(e.code.replace("Digit", ""));
    if (n >= 1 && n <= pages.length && e.code.startsWith("Digit")) {
      e.preventDefault();
      location.href = pages[n - 1];
    }
  });

  return { el, text, hasArabic, status, api, upload, debounce, canWrite, APIError };
})();
