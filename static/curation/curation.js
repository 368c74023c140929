/* Curation pages: "select all" on the queue's bulk form. No inline scripts (CSP). */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.hasAttribute || !box.hasAttribute("data-select-all")) {
      return;
    }
    var form = box.closest("form");
    if (!form) {
      return;
    }
    form.querySelectorAll("input[data-select-item]").forEach(function (item) {
      item.checked = box.checked;
    });
  });
})();
