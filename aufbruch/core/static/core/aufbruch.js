// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { event.detail.headers["X-CSRFToken"] = meta.content; }
  });
  // Folded sections marked data-open-wide (e.g. the idea list's filters) start
  // open on wide screens; without JavaScript they stay a button everywhere.
  function openWide() {
    if (!window.matchMedia("(min-width: 48rem)").matches) { return; }
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = true; });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", openWide); } else { openWide(); }
  // After htmx swaps in new content, move focus to it for screen readers.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var focusable = target && target.querySelector("[data-focus-after-swap]");
    if (focusable) { focusable.focus(); }
  });
})();
