// Progressive enhancement: hide questions whose condition is not met.
// Without this file every question is shown with a note, and the server
// ignores answers to questions whose condition is not met.
(function () {
  "use strict";
  function update(form) {
    form.querySelectorAll("[data-condition-field]").forEach(function (block) {
      var field = block.getAttribute("data-condition-field");
      var option = block.getAttribute("data-condition-option");
      var chosen = form.querySelector('input[name="' + field + '"][value="' + option + '"]:checked');
      var ancestorHidden = false;
      var parentQuestion = form.querySelector('[data-condition-field] input[name="' + field + '"]');
      if (parentQuestion) {
        var parentBlock = parentQuestion.closest("[data-condition-field]");
        ancestorHidden = parentBlock !== null && parentBlock.hidden;
      }
      block.hidden = !chosen || ancestorHidden;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.ab-survey-form").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
  });
})();
