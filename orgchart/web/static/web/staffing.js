/* The staffing dashboard's two charts (Chart.js, vendored): quota vs headcount per unit, and the
   reduction achieved vs required by year. Data come from the page (json_script). */
(function () {
  "use strict";
  function data(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  function pct(v) { return v === null || v === undefined ? "" : String(v).replace(".", ",") + "%"; }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Chart) { return; }
    Chart.defaults.font.family = '"Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif';
    Chart.defaults.animation = false;
    var units = data("du-lieu-don-vi");
    var bar = document.getElementById("bieu-do-don-vi");
    if (bar && units) {
      bar.parentElement.style.height = Math.max(300, 20 * units.labels.length + 70) + "px";
      new Chart(bar, {
        type: "bar",
        data: {labels: units.labels, datasets: [
          {label: "Biên chế được giao", data: units.quota, backgroundColor: "#9aa6b2"},
          {label: "Số người thực có", data: units.headcount, backgroundColor: "#a4161a"}
        ]},
        options: {indexAxis: "y", responsive: true, maintainAspectRatio: false,
                  scales: {y: {ticks: {autoSkip: false, font: {size: 10}}}}, plugins: {legend: {position: "bottom"}}}
      });
    }
    var trend = data("du-lieu-tien-do");
    var line = document.getElementById("bieu-do-tien-do");
    if (line && trend && trend.length) {
      new Chart(line, {
        type: "line",
        data: {labels: trend.map(function (p) { return p.year; }), datasets: [
          {label: "Đã đạt (%)", data: trend.map(function (p) { return p.achieved; }), borderColor: "#a4161a", backgroundColor: "#a4161a", spanGaps: true},
          {label: "Yêu cầu theo lộ trình (%)", data: trend.map(function (p) { return p.required; }), borderColor: "#5b6876", borderDash: [6, 4], backgroundColor: "#5b6876"}
        ]},
        options: {responsive: true, maintainAspectRatio: false, plugins: {legend: {position: "bottom"},
                  tooltip: {callbacks: {label: function (c) { return c.dataset.label + ": " + pct(c.parsed.y); }}}},
                  scales: {y: {beginAtZero: true, ticks: {callback: function (v) { return pct(v); }}}}}
      });
    }
  });
})();
