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
})();
