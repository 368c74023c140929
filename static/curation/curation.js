/* Curation pages: "select all" on the queue's bulk form, the rubric's running weight total.
   No inline scripts (CSP). */
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

  /* The rubric form: the sum of the weights of the lines not marked for deletion. */
  function updateRubricTotal(form) {
    var output = form.querySelector("[data-rubric-total]");
    if (!output) {
      return;
    }
    var total = 0;
    form.querySelectorAll("tr[data-criterion]").forEach(function (row) {
      var weight = row.querySelector("input[data-weight]");
      var remove = row.querySelector("input[type=checkbox][name$='-DELETE']");
      if (weight && !(remove && remove.checked)) {
        total += parseInt(weight.value, 10) || 0;
      }
    });
    output.textContent = String(total);
    var expected = parseInt(output.getAttribute("data-rubric-total"), 10);
    output.classList.toggle("text-danger", total !== expected);
    output.classList.toggle("text-success", total === expected);
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-rubric]");
    if (form) {
      updateRubricTotal(form);
    }
  });
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-rubric]");
    if (form) {
      updateRubricTotal(form);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-rubric]").forEach(updateRubricTotal);
  });

  /* A decision note template fills the note, which the curator then edits before sending. */
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches("select[data-note-template]") || !select.value) {
      return;
    }
    var note = document.getElementById(select.getAttribute("data-note-template"));
    if (note) {
      note.value = select.value;
      note.focus();
    }
  });
})();
