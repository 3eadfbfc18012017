// The weekly SLA chart: share of first answers and resolutions in time.
(function () {
  var canvas = document.getElementById("sla-weekly-chart");
  var source = document.getElementById("sla-weekly-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.first_label, data: data.first, borderColor: "#0b63ce", backgroundColor: "#0b63ce", spanGaps: true, tension: 0.2 },
        { label: data.resolution_label, data: data.resolution, borderColor: "#1f8a4c", backgroundColor: "#1f8a4c", spanGaps: true, tension: 0.2 },
        { label: data.target_label, data: data.labels.map(function () { return data.target; }), borderColor: "#b42318", borderDash: [6, 4], pointRadius: 0 }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + " %"; } } } },
      plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + (c.parsed.y === null ? "—" : c.parsed.y + " %"); } } } }
    }
  });
})();
