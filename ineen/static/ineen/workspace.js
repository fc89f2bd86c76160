// Live workspace: keeps what a user is typing safe from the poll's updates. Loaded with a CSP nonce.
// The poll (htmx, every 3 s) and every action's answer replace whole regions (hx-swap-oob). A region
// is left alone while it holds the focus or a form field that differs from what the server sent;
// it is refreshed once the user leaves it. Without this file the page still works by reloading.
(function () {
  "use strict";
  // Style attributes are refused by the CSP (style-src 'self'); never let htmx copy one while settling.
  if (window.htmx) window.htmx.config.attributesToSettle = ["class", "width", "height"];

  function changed(field) {
    if (field.type === "hidden" || field.type === "submit" || field.type === "button") return false;
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    if (field.tagName === "SELECT") {
      for (var i = 0; i < field.options.length; i++) {
        if (field.options[i].selected !== field.options[i].defaultSelected) return true;
      }
      return false;
    }
    return field.value !== field.defaultValue;
  }

  function typingIn(element) {
    if (element.tagName === "TEXTAREA" || element.tagName === "SELECT") return true;
    if (element.tagName !== "INPUT") return false;
    return ["button", "submit", "reset", "radio", "checkbox", "hidden"].indexOf(element.type) === -1;
  }

  // Busy: the focus is in a text field of the region, a field differs from what the server sent, or
  // the user opened a disclosure (<details>) there. Focus on a button or link is no reason to wait:
  // htmx puts the focus back on the element with the same id after the swap.
  function busy(region) {
    var active = document.activeElement;
    if (active && region.contains(active) && typingIn(active)) return true;
    // An opened disclosure with a form in it (a correction, the top-3 typing); not one to read (the guide's questions).
    var opened = region.querySelectorAll("details[data-ws-opened]");
    for (var d = 0; d < opened.length; d++) {
      if (opened[d].querySelector("form")) return true;
    }
    var fields = region.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i++) {
      if (changed(fields[i])) return true;
    }
    return false;
  }

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.closest || !details.closest(".ws-region")) return;
    if (details.open) details.setAttribute("data-ws-opened", "");
    else details.removeAttribute("data-ws-opened");
    if (!details.open) window.setTimeout(refreshStale, 0);
  }, true);

  function forceRefresh() {
    // An unknown stamp makes the next poll send every region again.
    var stamp = document.getElementById("ws-stamp");
    if (stamp) stamp.value = "";
  }

  var focusedRegion = null;

  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.classList || !target.classList.contains("ws-region")) return;
    if (busy(target)) {
      event.detail.shouldSwap = false;
      target.setAttribute("data-stale", "true");
    } else if (target.contains(document.activeElement)) {
      focusedRegion = target.id;
    }
  });

  // The meeting moved on and this page followed it (the poll sent the new step's view whole): the
  // address follows too, so a reload stays there.
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "ws-main" || !window.history.replaceState) return;
    var main = document.getElementById("ws-main");
    if (!main) return;
    var url = new URL(window.location.href);
    url.searchParams.set("weergave", main.getAttribute("data-view"));
    url.hash = "";
    window.history.replaceState(null, "", url.toString());
  });

  // If the focused button is gone after the swap (e.g. the score form after the reveal), the focus
  // goes to the region itself rather than to the top of the page.
  document.addEventListener("htmx:afterSettle", function () {
    if (!focusedRegion) return;
    var region = document.getElementById(focusedRegion);
    focusedRegion = null;
    if (region && (document.activeElement === document.body || document.activeElement === null)) {
      region.setAttribute("tabindex", "-1");
      region.focus({ preventScroll: true });
    }
  });

  // Leaving a region that missed an update: fetch it at the next poll.
  function refreshStale() {
    var stale = document.querySelectorAll(".ws-region[data-stale]");
    for (var i = 0; i < stale.length; i++) {
      if (!busy(stale[i])) {
        stale[i].removeAttribute("data-stale");
        forceRefresh();
      }
    }
  }

  document.addEventListener("focusout", function () { window.setTimeout(refreshStale, 0); });

  // A refused action (400: invalid, 409: someone else saved first) comes back as the region with the
  // user's input kept and a message: show it instead of ignoring the answer.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if ((status === 400 || status === 409) && event.detail.elt && event.detail.elt.closest(".ws")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // The poll stops when access ended or the session expired; the page says so.
  function stopPolling(text) {
    var poll = document.getElementById("ws-poll");
    if (poll) poll.remove();
    var message = document.getElementById("ws-message");
    if (message) {
      var p = document.createElement("p");
      p.className = "utrecht-alert utrecht-alert--error";
      p.textContent = text;
      message.replaceChildren(p);
    }
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.elt || event.detail.elt.id !== "ws-poll") return;
    var xhr = event.detail.xhr;
    var url = xhr.responseURL || "";
    if (xhr.status === 404 || xhr.status === 403 || url.indexOf("/accounts/") !== -1) {
      var ws = document.getElementById("ws");
      stopPolling(ws ? ws.getAttribute("data-stopped") : "");
    }
  });
})();
