// Draws the reports' charts from the JSON the page embeds with json_script
// (the set-up the summary shares is in charts.js).
(function () {
  "use strict";
  var charts = typeof BudgetCharts === "undefined" ? null : BudgetCharts.start("report-data");
  if (!charts) {
    return;
  }
  var data = charts.data;
  var draw = BudgetCharts.draw;
  var palette = BudgetCharts.palette;
  function numbers(values) {
    return values.map(Number);
  }
  var narrow = window.matchMedia("(max-width: 575.98px)").matches;
  var legend = { position: "bottom", labels: { boxWidth: narrow ? 10 : 40 } };
  var options = { plugins: { tooltip: { callbacks: { label: charts.moneyTooltip } }, legend: legend } };

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
          { label: "Allotted", data: numbers(single.allotted), backgroundColor: BudgetCharts.ALLOTTED, borderRadius: 3 },
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
        { label: "Allotted", data: allotted, backgroundColor: BudgetCharts.ALLOTTED, borderRadius: 3 },
        { label: "Spent", data: spent, borderRadius: 3,
          backgroundColor: BudgetCharts.spentColors(spent, allotted) }
      ]
    },
    options: Object.assign({}, options, {
      indexAxis: data.categories.length > 6 ? "y" : "x",
      scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
    })
  });
})();
