/* orgchart — small progressive enhancement (every page also works without it):
   - name fields with suggestions while typing (data-suggest="co_quan|can_bo|vi_tri"): the code of
     the suggestion picked goes into the hidden field named by data-code-field;
   - the org chart opens a unit's children in place (links marked data-chart-link);
   - "In / lưu PDF" buttons (data-print) and confirmations (forms with data-confirm). */
(function () {
  "use strict";
  var SUGGEST_URL = "/goi-y/";

  function debounce(fn, ms) {
    var t; return function () { var a = arguments, self = this; clearTimeout(t); t = setTimeout(function () { fn.apply(self, a); }, ms); };
  }

  function setupSuggest(input) {
    var kind = input.getAttribute("data-suggest");
    var form = input.form;
    var hidden = form ? form.querySelector('input[type=hidden][name="' + input.getAttribute("data-code-field") + '"]') : null;
    var list = document.createElement("datalist");
    list.id = "goi-y-" + Math.random().toString(36).slice(2);
    document.body.appendChild(list);
    input.setAttribute("list", list.id);
    var byLabel = {};
    var load = debounce(function () {
      var q = input.value.trim();
      if (q.length < 2) { return; }
      fetch(SUGGEST_URL + "?loai=" + encodeURIComponent(kind) + "&q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : {items: []}; })
        .then(function (data) {
          list.innerHTML = "";
          byLabel = {};
          (data.items || []).forEach(function (item) {
            var opt = document.createElement("option");
            opt.value = item.label;
            if (item.detail) { opt.label = item.detail; }
            list.appendChild(opt);
            byLabel[item.label] = item.code;
          });
        });
    }, 180);
    input.addEventListener("input", function () {
      if (hidden) { hidden.value = byLabel[input.value] || ""; }
      if (!byLabel[input.value]) { load(); }
    });
  }

  function setupChart(box) {
    box.addEventListener("click", function (ev) {
      var link = ev.target.closest ? ev.target.closest("a[data-chart-link]") : null;
      if (!link) { return; }
      ev.preventDefault();
      var href = link.getAttribute("href");
      fetch(href + "&phan=1", {credentials: "same-origin"})
        .then(function (r) { return r.text(); })
        .then(function (svg) {
          box.innerHTML = svg;
          history.replaceState(null, "", href);
          document.querySelectorAll("a[data-svg-link]").forEach(function (a) {
            a.href = href + "&dinh_dang=svg";
          });
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest]").forEach(setupSuggest);
    document.querySelectorAll("[data-chart]").forEach(setupChart);
    document.querySelectorAll(".chart-pair .chart-scroll").forEach(function (box) {
      var changed = box.querySelector("g.c.x rect.b");  // bring the units of the change into view
      if (changed) {
        var r = changed.getBBox();
        box.scrollTop = Math.max(0, r.y - 40);
        box.scrollLeft = Math.max(0, r.x - 40);
      }
    });
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("form[data-confirm]").forEach(function (f) {
      f.addEventListener("submit", function (ev) {
        if (!window.confirm(f.getAttribute("data-confirm"))) { ev.preventDefault(); }
      });
    });
  });
})();
