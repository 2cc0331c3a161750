// Draws the summary's charts from the JSON that the page embeds with json_script.
// No inline script, so a Content-Security-Policy without 'unsafe-inline' holds.
(function () {
  "use strict";
  var source = document.getElementById("summary-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var allotted = data.allotted.map(Number);
  var spent = data.spent.map(Number);
  var money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  function label(value) {
    return money.format(value) + " " + data.currency;
  }

  var styles = getComputedStyle(document.documentElement);
  function cssColor(name, fallback) {
    return styles.getPropertyValue(name).trim() || fallback;
  }
  Chart.defaults.color = cssColor("--bs-secondary-color", "#6c757d");
  Chart.defaults.borderColor = cssColor("--bs-border-color-translucent", "rgba(0,0,0,.1)");
  Chart.defaults.font.family = cssColor("--bs-body-font-family", "system-ui, sans-serif");
  Chart.defaults.maintainAspectRatio = false;

  var palette = ["#0d6efd", "#20c997", "#fd7e14", "#6f42c1", "#d63384", "#0dcaf0",
                 "#ffc107", "#198754", "#6610f2", "#dc3545", "#adb5bd", "#795548"];

  var bars = document.getElementById("chart-categories");
  if (bars) {
    new Chart(bars, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Allotted", data: allotted, backgroundColor: "rgba(108, 117, 125, .45)", borderRadius: 4 },
          {
            label: "Used",
            data: spent,
            backgroundColor: spent.map(function (value, i) {
              return value > allotted[i] ? "#dc3545" : "#0d6efd";
            }),
            borderRadius: 4
          }
        ]
      },
      options: {
        indexAxis: data.labels.length > 6 ? "y" : "x",
        plugins: {
          tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + label(ctx.raw); } } },
          legend: { position: "bottom" }
        },
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
      }
    });
  }

  var share = document.getElementById("chart-share");
  if (share) {
    var labels = [], values = [], colors = [];
    spent.forEach(function (value, i) {
      if (value > 0) {
        labels.push(data.labels[i]);
        values.push(value);
        colors.push(palette[i % palette.length]);
      }
    });
    var total = values.reduce(function (a, b) { return a + b; }, 0);
    new Chart(share, {
      type: "doughnut",
      data: { labels: labels, datasets: [{ data: values, backgroundColor: colors, borderWidth: 2, borderColor: cssColor("--bs-body-bg", "#fff") }] },
      options: {
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                return ctx.label + ": " + label(ctx.raw) + " (" + (ctx.raw * 100 / total).toFixed(1) + "%)";
              }
            }
          }
        }
      }
    });
  }
})();
