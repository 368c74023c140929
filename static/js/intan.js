/* INTAN BANJAR: small behaviours for every page. No inline scripts anywhere (CSP):
   templates declare behaviour with data attributes and this file wires it up.

   data-confirm="Question?"  on a form: ask before submitting (the text comes translated
                             from the template).
   data-autosubmit           on a select or input inside a form: submit the form on change
                             (list filters).
   data-error-summary        a form's error banner (includes/form_errors.html): it takes the
                             focus when the page opens, and its links data-focus-field="id"
                             move the focus to the field in error, not only the scroll.
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
