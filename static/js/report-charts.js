// Draws the reports' charts from the JSON the page embeds with json_script.
// No inline script, so a Content-Security-Policy without 'unsafe-inline' holds.
(function () {
  "use strict";
  var source = document.getElementById("report-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  function numbers(values) {
    return values.map(Number);
  }
  function tooltip(ctx) {
    return ctx.dataset.label + ": " + money.format(ctx.raw) + " " + data.currency;
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
  var narrow = window.matchMedia("(max-width: 575.98px)").matches;
  var legend = { position: "bottom", labels: { boxWidth: narrow ? 10 : 40 } };
  var options = { plugins: { tooltip: { callbacks: { label: tooltip } }, legend: legend } };

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) {
      new Chart(canvas, config);
    }
  }

  draw("chart-spending", {
    type: "bar",
    data: {
      labels: data.months,
      datasets: data.categories.map(function (category, i) {
        return { label: category.name, data: numbers(category.spent), backgroundColor: palette[i % palette.length] };
      })
    },
    options: Object.assign({}, options, {
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }
    })
  });

  draw("chart-income", {
    type: "bar",
    data: {
      labels: data.months,
      datasets: [
        { label: "Income", data: numbers(data.income), backgroundColor: "#198754", borderRadius: 3 },
        { label: "Spent", data: numbers(data.spent), backgroundColor: "#0d6efd", borderRadius: 3 },
        { type: "line", label: "Savings (running total)", data: numbers(data.savings),
          borderColor: "#fd7e14", backgroundColor: "#fd7e14", tension: 0.2 }
      ]
    },
    options: Object.assign({}, options, { scales: { y: { beginAtZero: true } } })
  });

  var single = data.categories.length === 1 ? data.categories[0] : null;
  if (single) {
    draw("chart-months", {
      type: "bar",
      data: {
        labels: data.months,
        datasets: [
          { label: "Allotted", data: numbers(single.allotted), backgroundColor: "rgba(108, 117, 125, .45)", borderRadius: 3 },
          { label: "Spent", data: numbers(single.spent), backgroundColor: "#0d6efd", borderRadius: 3 }
        ]
      },
      options: Object.assign({}, options, { scales: { y: { beginAtZero: true } } })
    });
  }

  var allotted = data.categories.map(function (c) { return Number(c.total_allotted); });
  var spent = data.categories.map(function (c) { return Number(c.total_spent); });
  draw("chart-budget", {
    type: "bar",
    data: {
      labels: data.categories.map(function (c) { return c.name; }),
      datasets: [
        { label: "Allotted", data: allotted, backgroundColor: "rgba(108, 117, 125, .45)", borderRadius: 3 },
        { label: "Spent", data: spent, borderRadius: 3,
          backgroundColor: spent.map(function (value, i) { return value > allotted[i] ? "#dc3545" : "#0d6efd"; }) }
      ]
    },
    options: Object.assign({}, options, {
      indexAxis: data.categories.length > 6 ? "y" : "x",
      scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
    })
  });
})();
