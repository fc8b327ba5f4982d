// Progressive enhancement: after htmx replaced the comment thread, move the
// focus to the comment just written (the thread marks it), so keyboard and
// screen-reader users land where they acted. Without JavaScript the page
// reloads at #comment-<id> instead.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function () {
    var target = document.querySelector("#comments [data-focus-after-swap]");
    if (target && document.activeElement !== target && !target.contains(document.activeElement)) {
      target.removeAttribute("data-focus-after-swap");
      target.focus();
    }
  });
})();
