// Live reload and build errors for `glossary-build serve`.  Injected by the dev server into
// the HTML pages it serves; never part of a built site.
//
// The server describes the page in a JSON block (#glossary-livereload-config): the site
// paths this page shows, the build it came from and the state of the latest build.  An
// EventSource stream then sends "status" (overlay and badge) and "reload" (this page's file
// changed).  The scroll position survives the reload through sessionStorage.
(() => {
  "use strict";
  const configElement = document.getElementById("glossary-livereload-config");
  if (!configElement || window.__glossaryLiveReload) return;
  const config = JSON.parse(configElement.textContent);
  window.__glossaryLiveReload = config;
  const SCROLL_KEY = "glossary-livereload-scroll";
  const DISMISS_KEY = "glossary-livereload-dismissed";
  let generation = config.generation;
  let source = null;
  let retryTimer = null;

  // Scroll position -------------------------------------------------------------------------
  const here = () => location.pathname + location.search;
  function saveScroll() {
    const state = { page: here(), x: window.scrollX, y: window.scrollY };
    try { sessionStorage.setItem(SCROLL_KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  function restoreScroll() {
    let state = null;
    try {
      state = JSON.parse(sessionStorage.getItem(SCROLL_KEY) || "null");
      sessionStorage.removeItem(SCROLL_KEY);
    } catch (e) { return; }
    if (state && state.page === here()) {
      if ("scrollRestoration" in history) history.scrollRestoration = "manual";
      window.scrollTo(state.x, state.y);
      // Late layout (images, fonts) can move the page; try once more when it settles.
      requestAnimationFrame(() => window.scrollTo(state.x, state.y));
    }
  }
  function reload() {
    saveScroll();
    if (source) source.close();
    location.reload();
  }

  // Overlay and badge ----------------------------------------------------------------------
  const host = document.createElement("glossary-livereload");
  const shadow = host.attachShadow({ mode: "open" });
  shadow.innerHTML = `<style>
    :host { all: initial; }
    .overlay { position: fixed; inset: 0; z-index: 2147483647; background: rgba(20, 20, 24, .55);
      display: flex; align-items: flex-start; justify-content: center; overflow: auto;
      padding: max(12px, env(safe-area-inset-top)) 12px 12px; box-sizing: border-box; }
    .panel { background: #fff; color: #1d1d1f; width: min(60rem, 100%); border-radius: 10px;
      border-top: 6px solid #c62828; box-shadow: 0 12px 40px rgba(0,0,0,.35);
      font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; box-sizing: border-box;
      padding: 16px 18px 18px; overflow-wrap: anywhere; }
    header { display: flex; gap: 12px; align-items: flex-start; justify-content: space-between; }
    h2 { font-size: 1.15rem; margin: 0 0 4px; color: #b71c1c; }
    p.note { margin: 0 0 12px; color: #555; font-size: .9rem; }
    button.close { font: 28px/1 system-ui, sans-serif; border: 0; background: transparent;
      color: #444; cursor: pointer; min-width: 44px; min-height: 44px; margin: -8px -8px 0 0; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { border-top: 1px solid #eee; padding: 10px 0; }
    .where { font: .9rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #0d47a1; }
    .code { font: .85rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #b71c1c; }
    .warning .code { color: #8d6e00; }
    .hint { color: #555; font-size: .9rem; margin-top: 2px; }
    pre { white-space: pre-wrap; background: #fbeaea; padding: 10px; border-radius: 6px;
      font: .85rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; max-height: 50vh; overflow: auto; }
    .badges { position: fixed; right: 10px; bottom: 10px; z-index: 2147483646; display: flex; gap: 6px;
      font: 13px/1 system-ui, sans-serif; }
    .badge { border: 0; border-radius: 999px; padding: 6px 10px; cursor: pointer; color: #fff;
      box-shadow: 0 2px 8px rgba(0,0,0,.25); opacity: .85; }
    .badge.errors { background: #c62828; }
    .badge.warnings { background: #8d6e00; }
    .warnings-panel { position: fixed; right: 10px; bottom: 44px; z-index: 2147483646;
      width: min(36rem, calc(100vw - 20px)); max-height: 50vh; overflow: auto; background: #fff;
      color: #1d1d1f; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.3); padding: 4px 12px;
      font: 14px/1.4 system-ui, sans-serif; box-sizing: border-box; overflow-wrap: anywhere; }
    [hidden] { display: none !important; }
  </style>
  <div class="overlay" role="alertdialog" aria-modal="false" aria-labelledby="title" hidden>
    <div class="panel">
      <header><div><h2 id="title"></h2><p class="note"></p></div>
        <button class="close" type="button" aria-label="Dismiss">&times;</button></header>
      <pre class="crash" hidden></pre>
      <ul class="errors"></ul>
    </div>
  </div>
  <div class="warnings-panel" hidden><ul class="warning-list"></ul></div>
  <div class="badges">
    <button class="badge errors" type="button" hidden></button>
    <button class="badge warnings" type="button" hidden></button>
  </div>`;
  const $ = (selector) => shadow.querySelector(selector);
  const overlay = $(".overlay");
  let status = config.status;

  function signature(s) {
    return JSON.stringify([s.crash, s.errorCount, s.errors.map((d) => [d.path, d.line, d.column, d.code, d.message])]);
  }
  function dismissed(s) {
    try { return sessionStorage.getItem(DISMISS_KEY) === signature(s); } catch (e) { return false; }
  }
  function item(d) {
    const li = document.createElement("li");
    li.className = d.severity;
    const where = document.createElement("div");
    where.className = "where";
    where.textContent = `${d.path}:${d.line}:${d.column}`;
    const what = document.createElement("div");
    const code = document.createElement("span");
    code.className = "code";
    code.textContent = `${d.severity}[${d.code}]: `;
    what.append(code, document.createTextNode(d.message));
    li.append(where, what);
    if (d.hint) {
      const hint = document.createElement("div");
      hint.className = "hint";
      hint.textContent = d.hint;
      li.append(hint);
    }
    return li;
  }
  function more(count, shown) {
    const li = document.createElement("li");
    li.textContent = `… and ${count - shown} more`;
    return li;
  }
  function plural(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }

  function render(s) {
    status = s;
    host.dataset.state = s.failed ? "failed" : "ok";
    $("#title").textContent = s.crash ? "The build crashed" : `The build failed: ${plural(s.errorCount, "error")}`;
    $(".note").textContent = "The site shows the last good build. Save a fix and this page updates by itself.";
    const crash = $(".crash");
    crash.hidden = !s.crash;
    crash.textContent = s.crash || "";
    const errors = $(".errors");
    errors.replaceChildren(...s.errors.map(item));
    if (s.errorCount > s.errors.length) errors.append(more(s.errorCount, s.errors.length));
    overlay.hidden = !s.failed || dismissed(s);
    const errorBadge = $(".badge.errors");
    errorBadge.hidden = !s.failed || !overlay.hidden;
    errorBadge.textContent = s.crash ? "build crashed" : plural(s.errorCount, "error");
    const warningBadge = $(".badge.warnings");
    warningBadge.hidden = s.warningCount === 0;
    warningBadge.textContent = plural(s.warningCount, "warning");
    const list = $(".warning-list");
    list.replaceChildren(...s.warnings.map(item));
    if (s.warningCount > s.warnings.length) list.append(more(s.warningCount, s.warnings.length));
    if (s.warningCount === 0) $(".warnings-panel").hidden = true;
  }
  $(".close").addEventListener("click", () => {
    try { sessionStorage.setItem(DISMISS_KEY, signature(status)); } catch (e) { /* ignore */ }
    render(status);
  });
  $(".badge.errors").addEventListener("click", () => {
    try { sessionStorage.removeItem(DISMISS_KEY); } catch (e) { /* ignore */ }
    render(status);
  });
  $(".badge.warnings").addEventListener("click", () => {
    const panel = $(".warnings-panel");
    panel.hidden = !panel.hidden;
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !overlay.hidden) $(".close").click();
  });

  // Event stream ---------------------------------------------------------------------------
  // Only visible tabs keep a stream open: browsers allow few connections per host.  A tab
  // that comes back asks for what happened since its build ("since") and catches up.
  function connect() {
    if (source || document.visibilityState === "hidden") return;
    const query = new URLSearchParams({ since: String(generation), server: config.server });
    for (const page of config.pages) query.append("page", page);
    source = new EventSource(`${config.events}?${query}`);
    source.addEventListener("status", (event) => {
      const s = JSON.parse(event.data);
      generation = Math.max(generation, s.generation);
      render(s);
    });
    source.addEventListener("reload", reload);
    source.addEventListener("error", () => {
      disconnect();
      retryTimer = setTimeout(connect, 1000);
    });
  }
  function disconnect() {
    clearTimeout(retryTimer);
    if (source) source.close();
    source = null;
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") disconnect(); else connect();
  });
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", connect);

  (document.body || document.documentElement).append(host);
  render(status);
  connect();
  if (document.readyState === "complete") restoreScroll();
  else window.addEventListener("load", restoreScroll, { once: true });
})();
