/* INTAN BANJAR: the innovation form's behaviours (no inline scripts: CSP).

   textarea[data-word-count="ID"]   live word count shown in the element #ID (progress towards
                                    data-word-target words). Words are counted as the server
                                    counts them (innovations/checks.py count_words): runs separated
                                    by white space that hold at least one letter or digit.
   [data-formset-add="PREFIX"]      adds an empty row to the formset PREFIX from its <template>.
*/
(function () {
  "use strict";

  var WORDY = /[\p{L}\p{N}]/u;

  function countWords(text) {
    var count = 0;
    (text || "").split(/\s+/).forEach(function (token) {
      if (token && WORDY.test(token)) {
        count += 1;
      }
    });
    return count;
  }

  function wireCounter(textarea) {
    var counter = document.getElementById(textarea.getAttribute("data-word-count"));
    if (!counter) {
      return;
    }
    var target = parseInt(textarea.getAttribute("data-word-target"), 10) || 0;
    var number = counter.querySelector("[data-word-number]");
    var text = counter.querySelector("[data-word-text]");
    var bar = counter.querySelector("[data-word-bar]");
    var shortLabel = counter.getAttribute("data-label-short") || "";
    var doneLabel = counter.getAttribute("data-label-done") || "";

    function update() {
      var words = countWords(textarea.value);
      var enough = words >= target;
      if (number) {
        number.textContent = String(words);
      }
      if (text) {
        text.textContent = enough ? doneLabel : shortLabel;
      }
      if (bar) {
        bar.value = Math.min(words, target);
      }
      counter.classList.toggle("word-counter-done", enough);
    }

    textarea.addEventListener("input", update);
    update();
  }

  function wireFormset(button) {
    var prefix = button.getAttribute("data-formset-add");
    var template = document.querySelector('template[data-formset-template="' + prefix + '"]');
    var body = document.querySelector('[data-formset-body="' + prefix + '"]');
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    if (!template || !body || !total) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10) || 0;
      if (max && index >= (parseInt(max.value, 10) || 1000)) {
        return;
      }
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var first = body.lastElementChild && body.lastElementChild.querySelector("input, select");
      if (first) {
        first.focus();
      }
    });
  }

  function init() {
    document.querySelectorAll("textarea[data-word-count]").forEach(wireCounter);
    document.querySelectorAll("[data-formset-add]").forEach(wireFormset);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
