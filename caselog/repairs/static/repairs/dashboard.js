(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("reorder-data").textContent);
  var labels = document.getElementById("reorder-labels").dataset;
  new Chart(document.getElementById("reorder-chart"), {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: labels.available, data: data.available, backgroundColor: "#c0392b" },
        { label: labels.level, data: data.reorder_level, backgroundColor: "#95a5a6" }
      ]
    },
    options: { indexAxis: "y", maintainAspectRatio: false, animation: false, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();
