/* INTAN BANJAR: small behaviours for every page. No inline scripts anywhere (CSP):
   templates declare behaviour with data attributes and this file wires it up.

   data-confirm="Question?"  on a form: ask before submitting (the text comes translated
                             from the template).
   data-autosubmit           on a select or input inside a form: submit the form on change
                             (list filters).
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
})();
