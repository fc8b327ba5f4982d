// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { event.detail.headers["X-CSRFToken"] = meta.content; }
  });
  // After htmx swaps in new content, move focus to it for screen readers.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var focusable = target && target.querySelector("[data-focus-after-swap]");
    if (focusable) { focusable.focus(); }
  });
})();
