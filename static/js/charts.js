// What the summary's and the reports' charts share: the page's JSON, the money format, the
// colours of the theme (light or dark), the palette, and drawing on a canvas that may be absent.
// A plain script (one global, BudgetCharts) loaded after Chart.js and before each page's own;
// no inline script, so a Content-Security-Policy without 'unsafe-inline' holds.
var BudgetCharts = (function () {
  "use strict";
  var palette = ["#0d6efd", "#20c997", "#fd7e14", "#6f42c1", "#d63384", "#0dcaf0",
                 "#ffc107", "#198754", "#6610f2", "#dc3545", "#adb5bd", "#795548"];
  var ALLOTTED = "rgba(108, 117, 125, .45)";
  var SPENT = "#0d6efd";
  var OVER = "#dc3545";

  // The page's data (embedded with json_script under `sourceId`) with Chart.js set up for the
  // theme; null when the page has no data or Chart.js did not load.
  function start(sourceId) {
    var source = document.getElementById(sourceId);
    if (!source || typeof Chart === "undefined") {
      return null;
    }
    var data = JSON.parse(source.textContent);
    var styles = getComputedStyle(document.documentElement);
    function cssColor(name, fallback) {
      return styles.getPropertyValue(name).trim() || fallback;
    }
    Chart.defaults.color = cssColor("--bs-secondary-color", "#6c757d");
    Chart.defaults.borderColor = cssColor("--bs-border-color-translucent", "rgba(0,0,0,.1)");
    Chart.defaults.font.family = cssColor("--bs-body-font-family", "system-ui, sans-serif");
    Chart.defaults.maintainAspectRatio = false;
    var number = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return {
      data: data,
      cssColor: cssColor,
      // An amount as the tooltips say it: "1,234.50 EUR".
      money: function (value) {
        return number.format(value) + " " + data.currency;
      },
      // A tooltip line: "Spent: 1,234.50 EUR".
      moneyTooltip: function (ctx) {
        return ctx.dataset.label + ": " + number.format(ctx.raw) + " " + data.currency;
      }
    };
  }

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) {
      new Chart(canvas, config);
    }
  }

  // Each spent bar red where it went over its allotted, blue otherwise.
  function spentColors(spent, allotted) {
    return spent.map(function (value, i) { return value > allotted[i] ? OVER : SPENT; });
  }

  return { start: start, draw: draw, palette: palette, ALLOTTED: ALLOTTED, SPENT: SPENT,
           spentColors: spentColors };
})();
