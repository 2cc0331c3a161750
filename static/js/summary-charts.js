// Draws the summary's charts from the JSON that the page embeds with json_script
// (the set-up the reports share is in charts.js).
(function () {
  "use strict";
  var charts = typeof BudgetCharts === "undefined" ? null : BudgetCharts.start("summary-data");
  if (!charts) {
    return;
  }
  var data = charts.data;
  var allotted = data.allotted.map(Number);
  var spent = data.spent.map(Number);

  BudgetCharts.draw("chart-categories", {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Allotted", data: allotted, backgroundColor: BudgetCharts.ALLOTTED, borderRadius: 4 },
        { label: "Used", data: spent, backgroundColor: BudgetCharts.spentColors(spent, allotted), borderRadius: 4 }
      ]
    },
    options: {
      indexAxis: data.labels.length > 6 ? "y" : "x",
      plugins: {
        tooltip: { callbacks: { label: charts.moneyTooltip } },
        legend: { position: "bottom" }
      },
      scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
    }
  });

  var labels = [], values = [], colors = [];
  spent.forEach(function (value, i) {
    if (value > 0) {
      labels.push(data.labels[i]);
      values.push(value);
      colors.push(BudgetCharts.palette[i % BudgetCharts.palette.length]);
    }
  });
  var total = values.reduce(function (a, b) { return a + b; }, 0);
  BudgetCharts.draw("chart-share", {
    type: "doughnut",
    data: { labels: labels, datasets: [{ data: values, backgroundColor: colors, borderWidth: 2, borderColor: charts.cssColor("--bs-body-bg", "#fff") }] },
    options: {
      plugins: {
        legend: { position: "bottom" },
        tooltip: {
          callbacks: {
            label: function (ctx) {
              return ctx.label + ": " + charts.money(ctx.raw) + " (" + (ctx.raw * 100 / total).toFixed(1) + "%)";
            }
          }
        }
      }
    }
  });
})();
