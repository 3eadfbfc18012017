// Draws every <canvas data-chart="ID" data-kind="line|bar"> from the JSON in <script id="ID">.
(function () {
  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || !window.Chart) { return; }
    var data = JSON.parse(source.textContent);
    var stacked = canvas.dataset.stacked === "true";
    new window.Chart(canvas, {
      type: canvas.dataset.kind || "line",
      data: data,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { labels: { filter: function (item) { return item.text !== ""; } } },
          tooltip: { filter: function (item) { return item.dataset.label !== ""; } }
        },
        scales: {
          x: { stacked: stacked, ticks: { autoSkip: true, maxTicksLimit: 12, maxRotation: 0 } },
          y: { stacked: stacked, beginAtZero: true }
        }
      }
    });
  }
  function drawAll() { document.querySelectorAll("canvas[data-chart]").forEach(draw); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", drawAll); } else { drawAll(); }
})();
