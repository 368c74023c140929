/* INTAN BANJAR: small behaviours for every page. No inline scripts anywhere (CSP):
   templates declare behaviour with data attributes and this file wires it up.

   data-confirm="Question?"  on a form: ask before submitting (the text comes translated
                             from the template).
   data-autosubmit           on a select or input inside a form: submit the form on change
                             (list filters).
   data-error-summary        a form's error banner (includes/form_errors.html): it takes the
                             focus when the page opens, and its links data-focus-field="id"
                             move the focus to the field in error, not only the scroll.
   table.table-cards         below 768 px each row becomes a card: every cell is labelled with
                             its column's header (data-label), read from the table's <thead>.
*/
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
      if (typeof field.form.requestSubmit === "function") {
        field.form.requestSubmit();
      } else {
        field.form.submit();
      }
    }
  });

  /* Navigation groups (<details class="nav-group">) open and close by themselves with the
     keyboard; like any menu they also close on Escape (focus back on their summary), on a click
     elsewhere, when the focus leaves them, and when another group opens. */
  function closeGroups(except) {
    document.querySelectorAll("details.nav-group[open]").forEach(function (group) {
      if (group !== except) {
        group.removeAttribute("open");
      }
    });
  }

  document.addEventListener("toggle", function (event) {
    var group = event.target;
    if (group.matches && group.matches("details.nav-group") && group.open) {
      closeGroups(group);
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var group = event.target.closest && event.target.closest("details.nav-group[open]");
    if (group) {
      group.removeAttribute("open");
      group.querySelector("summary").focus();
    }
  });

  document.addEventListener("click", function (event) {
    closeGroups(event.target.closest && event.target.closest("details.nav-group"));
  });

  document.addEventListener("focusout", function (event) {
    var group = event.target.closest && event.target.closest("details.nav-group[open]");
    if (group && event.relatedTarget && !group.contains(event.relatedTarget)) {
      group.removeAttribute("open");
    }
  });

  /* Card tables: the label of each cell is its column's header, so a card still says what each
     number is. Cells that span several columns keep no label. */
  function labelCardTables(root) {
    root.querySelectorAll("table.table-cards").forEach(function (table) {
      var headers = table.tHead ? table.tHead.rows[0].cells : [];
      var labels = Array.prototype.map.call(headers, function (cell) {
        return cell.textContent.replace(/\s+/g, " ").trim();
      });
      table.querySelectorAll("tbody > tr, tfoot > tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (cell.colSpan === 1 && labels[column]) {
            cell.setAttribute("data-label", labels[column]);
          }
          column += cell.colSpan;
        });
      });
    });
  }

  /* A table that scrolls sideways (.table-responsive on a phone) and holds no link or field can
     still be scrolled from the keyboard: it takes the focus itself. */
  function focusableScrollers(root) {
    root.querySelectorAll(".table-responsive").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls && !box.querySelector("a[href], button, input, select, textarea, [tabindex]")) {
        box.setAttribute("tabindex", "0");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    labelCardTables(document);
    focusableScrollers(document);
  });
  window.addEventListener("resize", function () {
    focusableScrollers(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    labelCardTables(event.target);
  });

  /* Messages that are only good news fade out after a while; errors and warnings stay. */
  document.addEventListener("DOMContentLoaded", function () {
    var alerts = document.querySelectorAll(".alert-success[data-autohide]");
    alerts.forEach(function (alert) {
      window.setTimeout(function () {
        if (window.bootstrap && window.bootstrap.Alert) {
          window.bootstrap.Alert.getOrCreateInstance(alert).close();
        }
      }, 8000);
    });
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-focus-field]");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("data-focus-field"));
    if (field) {
      event.preventDefault();
      var details = field.closest("details");
      if (details) {
        details.open = true;
      }
      field.scrollIntoView({block: "center"});
      field.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  });
})();
