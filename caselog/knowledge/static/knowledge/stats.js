// Per-article chart: views, votes and solved cases per day (data from json_script).
(function () {
  const canvas = document.getElementById("article-chart");
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const names = document.getElementById("chart-labels").dataset;
  if (!canvas || typeof Chart === "undefined") return;
  new Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "line", label: names.views, data: data.series.views, borderColor: "#0057b8", backgroundColor: "#0057b8", yAxisID: "views", tension: 0.2, pointRadius: 0 },
        { type: "bar", label: names.helpful, data: data.series.helpful, backgroundColor: "#1e7d32", stack: "votes", yAxisID: "counts" },
        { type: "bar", label: names.notHelpful, data: data.series.not_helpful, backgroundColor: "#b3261e", stack: "votes", yAxisID: "counts" },
        { type: "bar", label: names.solved, data: data.series.solved, backgroundColor: "#8a5a00", stack: "solved", yAxisID: "counts" },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        views: { type: "linear", position: "left", beginAtZero: true, ticks: { precision: 0 } },
        counts: { type: "linear", position: "right", beginAtZero: true, ticks: { precision: 0 }, grid: { drawOnChartArea: false } },
      },
    },
  });
})();
