/* INTAN BANJAR: the unit search box (accounts/widgets/unit_search.html), an ARIA combobox.

   Typing asks the portal for matching units (data-unit-search="URL?q=..."), the matches open as
   a listbox; arrows move, Enter or a click chooses, Escape closes. The chosen unit's id goes in
   the hidden input the form posts; emptying the box clears it. */
(function () {
  "use strict";

  function setup(box) {
    var url = box.getAttribute("data-unit-search");
    var value = box.querySelector("[data-unit-value]");
    var text = box.querySelector("[data-unit-text]");
    var list = box.querySelector("[data-unit-options]");
    var status = box.querySelector("[data-unit-status]");
    var timer = null;
    var active = -1;
    var request = 0;

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      text.setAttribute("aria-expanded", "false");
      text.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.classList.toggle("active", i === active);
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      text.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({block: "nearest"});
    }

    function choose(item) {
      value.value = item.getAttribute("data-id");
      text.value = item.getAttribute("data-name");
      close();
      value.dispatchEvent(new Event("change", {bubbles: true}));
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (unit, i) {
        var item = document.createElement("li");
        item.id = text.id + "_option_" + i;
        item.className = "list-group-item list-group-item-action";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.setAttribute("data-id", unit.id);
        item.setAttribute("data-name", unit.name);
        item.textContent = unit.name;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(item);
        });
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      text.setAttribute("aria-expanded", results.length ? "true" : "false");
      status.textContent = (box.getAttribute("data-found") || "{n}").replace("{n}", results.length);
      active = -1;
    }

    function search() {
      var query = text.value.trim();
      var mine = ++request;
      fetch(url + "?q=" + encodeURIComponent(query), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (data) { if (mine === request) { show(data.results); } })
        .catch(function () { close(); });
    }

    text.addEventListener("input", function () {
      value.value = "";
      window.clearTimeout(timer);
      if (!text.value.trim()) { close(); return; }
      timer = window.setTimeout(search, 200);
    });
    text.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) { search(); } else { highlight(active + 1); }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(options()[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    text.addEventListener("blur", close);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-unit-search]").forEach(setup);
  });
})();
