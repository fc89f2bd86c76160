// Small progressive enhancements; every page works without this file. Loaded with a CSP nonce.
(function () {
  "use strict";
  // Formsets: "add another" clones the <template> of an empty form and bumps TOTAL_FORMS.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (!button) return;
    var name = button.getAttribute("data-formset-add");
    var container = document.getElementById(name);
    var template = document.getElementById(name + "-template");
    var prefix = container.getAttribute("data-formset-prefix");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__num__/g, String(index + 1));
    container.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = container.lastElementChild.querySelector("input, select, textarea");
    if (added) added.focus();
  });
  // Reflow (WCAG 1.4.10, static/ineen/reflow.css): each table in <main> gets a wrapper that scrolls
  // sideways on its own, so a wide table never widens the page. Only while a table is wider than its
  // wrapper does the wrapper become a named region with a tab stop (keyboard users scroll it with the
  // arrow keys; axe rule scrollable-region-focusable) and show the hint; otherwise no extra tab stop.
  // The table keeps its table semantics (no display: block, no role on the table itself).
  // A form opened inside the page by htmx (the plan page's "bijwerken" link loads the action's forms):
  // the keyboard focus moves to its heading, so a screen reader announces it and Tab continues there.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    var heading = target && target.querySelector("[data-ineen-focus-on-load] [tabindex='-1']");
    if (heading) heading.focus();
  });
  document.documentElement.classList.add("ineen-js");
  var hintText = (document.querySelector("meta[name=ineen-table-hint]") || { content: "" }).content;
  var tableLabel = (document.querySelector("meta[name=ineen-table-label]") || { content: "Tabel" }).content;

  function updateTable(wrapper) {
    var table = wrapper.querySelector("table");
    var hint = wrapper.previousElementSibling;
    if (!table || !hint || !hint.classList.contains("ineen-table-hint")) return;
    var overflows = wrapper.scrollWidth > wrapper.clientWidth + 1;
    if (overflows === wrapper.classList.contains("ineen-table-scroll--overflow")) return;
    wrapper.classList.toggle("ineen-table-scroll--overflow", overflows);
    hint.hidden = !overflows;
    if (!overflows) {
      ["role", "tabindex", "aria-label"].forEach(function (name) { wrapper.removeAttribute(name); });
      return;
    }
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("tabindex", "0");
    // Name: "Tabel: " and the caption, else the nearest heading before the table. The prefix keeps the
    // name apart from the section around it, which is often a region named by the same words (axe
    // landmark-unique).
    var caption = table.querySelector("caption");
    var title = (caption && caption.textContent.trim()) || (table.getAttribute("aria-label") || "").trim();
    if (!title) {
      var headings = document.querySelectorAll("main h1, main h2, main h3");
      for (var i = 0; i < headings.length; i++) {
        if (headings[i].compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) title = headings[i].textContent.trim();
      }
    }
    wrapper.setAttribute("aria-label", title ? tableLabel + ": " + title : hintText);
  }

  var observer = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var wrapper = entry.target.closest(".ineen-table-scroll");
      if (wrapper) updateTable(wrapper);
    });
  }) : null;

  function wrapTables(root) {
    var tables = (root || document).querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.parentElement.closest(".ineen-table-scroll, .ineen-scroll")) continue;
      var wrapper = document.createElement("div");
      wrapper.className = "ineen-table-scroll";
      var hint = document.createElement("p");
      hint.className = "ineen-table-hint";
      hint.hidden = true;
      hint.setAttribute("aria-hidden", "true");  // a visual cue; the region's name and the table say the rest
      hint.textContent = hintText;
      table.parentNode.insertBefore(hint, table);
      table.parentNode.insertBefore(wrapper, table);
      wrapper.appendChild(table);
      if (observer) { observer.observe(wrapper); observer.observe(table); }
      updateTable(wrapper);
    }
  }

  function updateAll() {
    var wrappers = document.querySelectorAll(".ineen-table-scroll");
    for (var i = 0; i < wrappers.length; i++) updateTable(wrappers[i]);
  }

  wrapTables();
  document.addEventListener("htmx:afterSettle", function () { wrapTables(); });
  window.addEventListener("resize", updateAll);
  document.addEventListener("toggle", updateAll, true);  // a table inside a <details> that was closed
})();
