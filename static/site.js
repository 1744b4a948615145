/* glossary-build default theme: search box, term previews, random term, theme toggle.
 * Search data comes from search-index.js (window.GLOSSARY_INDEX), loaded by a
 * script tag when first needed (the search box gets focus, "random term" is
 * clicked), so pages stay light and everything works from file://.  Previews
 * use data in the page itself and make no request.
 * In a multilingual glossary a language picked in the switcher is remembered for the
 * choice page at the top of the site.
 * Without JavaScript every page is complete: the search form leads to the
 * A–Z index, "random term" too, and cross-references are plain links.
 */
(function () {
  "use strict";
  var html = document.documentElement;
  var root = "";
  var index = null;

  function getIndex() {
    if (!index && window.GLOSSARY_INDEX && window.GlossarySearch) {
      index = new window.GlossarySearch.Index(window.GLOSSARY_INDEX);
    }
    return index;
  }

  /* Load search-index.js once; call back with the prepared index (null if it cannot load). */
  var indexScript = null, indexWaiting = [];
  function loadIndex(callback) {
    if (getIndex()) { if (callback) callback(index); return; }
    if (callback) indexWaiting.push(callback);
    if (indexScript) return;
    indexScript = document.createElement("script");
    indexScript.src = root + "search-index.js";
    function settle() { var found = getIndex(); indexWaiting.splice(0).forEach(function (f) { f(found); }); }
    indexScript.addEventListener("load", settle);
    indexScript.addEventListener("error", settle);
    document.head.appendChild(indexScript);
  }
  function word(name) { return document.body.getAttribute("data-" + name) || ""; }

  /* Short definitions of search results live in shards search/d<n>.js (loaded by
     a script tag, so from file:// too); call back when the terms' shards are in. */
  var shards = {};
  function withDefinitions(terms, callback) {
    var found = getIndex(), waiting = 0;
    function done() { if (--waiting === 0) callback(); }
    terms.forEach(function (term) {
      var number = Math.floor(term.rank / found.shardSize);
      var loaded = window.GLOSSARY_DEFINITIONS && window.GLOSSARY_DEFINITIONS[number];
      if (loaded) { term.definition = loaded[term.rank % found.shardSize] || ""; return; }
      waiting++;
      if (!shards[number]) {
        var script = document.createElement("script");
        shards[number] = script;
        script.src = root + "search/d" + number + ".js";
        document.head.appendChild(script);
      }
      shards[number].addEventListener("load", function () {
        var list = window.GLOSSARY_DEFINITIONS[number] || [];
        term.definition = list[term.rank % found.shardSize] || "";
        done();
      });
      shards[number].addEventListener("error", done);
    });
    if (waiting === 0) callback();
  }
  function termHref(term) {
    if (document.body.classList.contains("all-page")) return "#" + encodeURIComponent(term.id); // all.html: in-page
    return root + encodeURIComponent(term.folder) + "/index.html";
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* -- theme ------------------------------------------------------------------ */
  function setupTheme() {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    function current() { return html.getAttribute("data-theme") || (media && media.matches ? "dark" : "light"); }
    function sync() { button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false"); }
    button.hidden = false;
    sync();
    if (media && media.addEventListener) media.addEventListener("change", sync);
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      html.setAttribute("data-theme", next);
      try { localStorage.setItem("glossary-theme", next); } catch (e) { /* private mode: this page only */ }
      sync();
    });
  }

  /* -- search ----------------------------------------------------------------- */
  function setupSearch() {
    var input = document.getElementById("search-input");
    var panel = document.getElementById("search-panel");
    var list = document.getElementById("search-results");
    var note = document.getElementById("search-note");
    var status = document.getElementById("search-status");
    if (!input || !panel || !list) return;
    var results = [], active = -1;

    function close() {
      panel.hidden = true;
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function go(i) { if (results[i]) window.location.href = termHref(results[i].term); }
    /* The options are the links themselves; each sits in an li that is only layout (role=none). */
    function optionsShown() { return list.querySelectorAll("[role=option]"); }
    function highlight(i) {
      var options = optionsShown();
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      if (i >= 0 && options[i]) {
        options[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }
    /* One result: a real link to the term page, so a reader can open it in a new tab,
       middle-click it or copy its address; the link itself is the listbox option. */
    function resultItem(result, i) {
      var item = el("li"), option = el("a", result.exact ? "exact" : "");
      item.setAttribute("role", "none");
      option.id = "search-result-" + i;
      option.href = termHref(result.term);
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.tabIndex = -1; // focus stays in the box (aria-activedescendant names the option): Tab leaves the search
      option.appendChild(el("span", "result-title", result.term.title));
      if (result.term.definition) option.appendChild(el("span", "result-definition", result.term.definition));
      // Keep focus in the box, or its blur would close the panel under the pointer. This
      // stops neither the click (plain: the browser follows the link; with Ctrl, Shift,
      // Meta or the middle button: a new tab or window) nor the context menu.
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.appendChild(option);
      return item;
    }
    function render() {
      var query = input.value.trim(), found = getIndex();
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (query && !found) { loadIndex(function (loaded) { if (loaded) render(); }); return; }
      if (!query) { close(); status.textContent = ""; return; }
      results = found.search(query, 10);
      var shown = results;
      withDefinitions(results.map(function (result) { return result.term; }), function () {
        if (shown !== results) return; // a later query replaced these results
        Array.prototype.forEach.call(optionsShown(), function (option, i) {
          var definition = results[i] && results[i].term.definition;
          if (definition && !option.querySelector(".result-definition")) {
            option.appendChild(el("span", "result-definition", definition));
          }
        });
      });
      results.forEach(function (result, i) { list.appendChild(resultItem(result, i)); });
      list.hidden = !results.length;
      note.hidden = results.length > 0;
      note.textContent = results.length ? "" : word("no-results");
      status.textContent = results.length + " " + word("results");
      panel.hidden = false;
    }
    input.addEventListener("input", render);
    input.addEventListener("focus", function () {
      if (input.value.trim()) render();
      else loadIndex(); // load and prepare the index while the reader starts typing
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    input.addEventListener("keydown", function (event) {
      var count = optionsShown().length;
      if (event.key === "ArrowDown" && count) { event.preventDefault(); if (panel.hidden) render(); highlight((active + 1) % count); }
      else if (event.key === "ArrowUp" && count) { event.preventDefault(); highlight(active <= 0 ? count - 1 : active - 1); }
      else if (event.key === "Enter") {
        if (!input.value.trim()) return;
        event.preventDefault();
        if (!results.length) render();
        go(active >= 0 ? active : 0);
      } else if (event.key === "Escape") {
        if (!panel.hidden) { event.preventDefault(); close(); } // a second Escape clears the box
        event.stopPropagation();
      }
    });
    input.form.addEventListener("submit", function (event) { event.preventDefault(); });
    document.addEventListener("keydown", function (event) {
      var target = event.target, tag = target && target.tagName;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  /* -- term previews ------------------------------------------------------------ */
  function setupPreviews() {
    var tip = el("div", "term-preview");
    tip.id = "term-preview";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var owner = null, showTimer = 0, hideTimer = 0, lastPointer = "mouse";
    var data = document.getElementById("term-previews"), previews = {};
    try { previews = data ? JSON.parse(data.textContent) : {}; } catch (e) { previews = {}; }

    // Missing terms and links to deprecated or draft terms say so in their title; the
    // preview says it, so no second, native tooltip (without JavaScript the title stays).
    Array.prototype.forEach.call(document.querySelectorAll(".xref.missing[title], a.xref[data-term][title]"), function (link) {
      link.setAttribute("data-title", link.getAttribute("title"));
      link.removeAttribute("title");
    });

    function content(link) {
      tip.textContent = "";
      if (link.classList.contains("missing")) {
        tip.appendChild(el("strong", "preview-title", link.getAttribute("data-target") || link.textContent));
        tip.appendChild(el("span", "preview-missing", word("not-written")));
        return true;
      }
      var term = previews[link.getAttribute("data-term")] || fromPage(link.getAttribute("data-term"));
      // A term only another language has (all.html has no preview data): its link text and note.
      if (!term && link.classList.contains("other-language")) term = [link.textContent, "", "", link.hreflang];
      if (!term) return false;
      var title = tip.appendChild(el("strong", "preview-title", term[0]));
      if (term[3]) title.lang = term[3]; // the title in the other language, read in its language
      // Aliases: a list from the page's preview data, or the line as all.html shows it.
      var aliases = typeof term[2] === "string" ? term[2] : term[2] && term[2].length ? word("also") + ": " + term[2].join(", ") : "";
      if (aliases) tip.appendChild(el("span", "preview-aliases", aliases));
      var note = link.getAttribute("data-title");
      if (note) tip.appendChild(el("span", "preview-status", note));
      if (term[1]) tip.appendChild(el("span", "preview-definition", term[1]));
      return true;
    }
    /* On all.html the term is on the page itself: its heading, its aliases and the first paragraph of its lead. */
    function fromPage(id) {
      var heading = id && document.getElementById(id), article = heading && heading.closest("article.entry");
      if (!article || heading.parentNode !== article) return null;
      var lead = article.querySelector(".lead p"), text = lead ? lead.textContent.replace(/\s+/g, " ").trim() : "";
      if (text.length > 300) text = text.slice(0, 300).replace(/\s+\S*$/, "") + "…";
      var aliases = article.querySelector(".term-labels .aliases");
      return [heading.textContent.trim(), text, aliases ? aliases.textContent.trim() : ""];
    }

    function place(link) {
      var rects = link.getClientRects(), box = link.getBoundingClientRect();
      var first = rects[0] || box, last = rects[rects.length - 1] || box;
      var width = Math.min(352, document.documentElement.clientWidth - 16);
      tip.style.maxWidth = width + "px";
      tip.style.left = "0px";
      tip.style.top = "0px";
      var height = tip.offsetHeight, tipWidth = tip.offsetWidth, gap = 8;
      var below = box.bottom + gap + height <= window.innerHeight || box.top - gap - height < 0;
      var top = below ? box.bottom + gap : box.top - gap - height;
      var anchor = below ? last : first;
      var left = Math.max(8, Math.min(anchor.left, document.documentElement.clientWidth - tipWidth - 8));
      tip.style.left = left + window.scrollX + "px";
      tip.style.top = top + window.scrollY + "px";
      tip.setAttribute("data-side", below ? "below" : "above");
    }
    function show(link) {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      if (owner === link && !tip.hidden) return;
      hide();
      if (!content(link)) return;
      owner = link;
      tip.hidden = false;
      place(link);
      link.setAttribute("aria-describedby", "term-preview");
    }
    function hide() {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      tip.hidden = true;
      if (owner) owner.removeAttribute("aria-describedby");
      owner = null;
    }
    function xrefOf(node) { return node && node.closest ? node.closest(".xref[data-term], .xref.missing") : null; }

    var previewedBeforeTap = null; // the link whose preview showed when the finger came down
    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
      previewedBeforeTap = tip.hidden ? null : owner;
    }, true);
    document.addEventListener("mouseover", function (event) {
      if (lastPointer === "touch") return;
      var link = xrefOf(event.target);
      if (link) { clearTimeout(hideTimer); clearTimeout(showTimer); showTimer = setTimeout(function () { show(link); }, 120); }
      else if (event.target.closest && event.target.closest("#term-preview")) clearTimeout(hideTimer);
    });
    document.addEventListener("mouseout", function (event) {
      if (lastPointer === "touch") return;
      if (xrefOf(event.target) || (event.target.closest && event.target.closest("#term-preview"))) {
        clearTimeout(showTimer);
        hideTimer = setTimeout(hide, 250);
      }
    });
    document.addEventListener("focusin", function (event) {
      var link = xrefOf(event.target);
      if (link) show(link);
    });
    document.addEventListener("focusout", function (event) {
      if (xrefOf(event.target) === owner) hide();
    });
    document.addEventListener("click", function (event) {
      var link = xrefOf(event.target);
      if (!link) { if (!(event.target.closest && event.target.closest("#term-preview"))) hide(); return; }
      if (link.classList.contains("missing")) { show(link); return; }
      if (lastPointer === "touch" && previewedBeforeTap !== link) {
        event.preventDefault(); // first tap previews, the second one follows the link
        show(link);
        if (!tip.querySelector(".preview-hint")) tip.appendChild(el("span", "preview-hint", word("tap-again")));
        place(link);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !tip.hidden) hide();
    });
    window.addEventListener("resize", function () { if (owner) place(owner); });
  }

  /* -- languages ------------------------------------------------------------------ */
  /* A language picked in the switcher is remembered, so the choice page at the top of the
     site goes to it next time rather than to the browser's language. */
  function setupLanguages() {
    var switcher = document.querySelector(".language-switcher");
    if (!switcher) return;
    switcher.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[hreflang]");
      // An item's own link is its language; "read the original" (in the item's note) is only a visit.
      if (!link || link.parentNode.tagName !== "LI") return;
      try { localStorage.setItem("glossary-language", link.hreflang); } catch (e) { /* private mode: not remembered */ }
    });
  }

  /* -- random term ------------------------------------------------------------------ */
  function setupRandom() {
    var link = document.getElementById("random-term");
    if (!link) return;
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
      event.preventDefault();
      loadIndex(function (found) {
        if (!found || !found.terms.length) { window.location.href = link.href; return; }
        var here = document.body.getAttribute("data-term"), pick;
        do { pick = found.terms[Math.floor(Math.random() * found.terms.length)]; }
        while (found.terms.length > 1 && pick.id === here);
        window.location.href = termHref(pick);
      });
    });
  }

  function start() {
    root = document.body.getAttribute("data-root") || "";
    setupTheme();
    setupSearch();
    setupPreviews();
    setupRandom();
    setupLanguages();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
