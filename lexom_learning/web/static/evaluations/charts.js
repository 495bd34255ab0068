/* Draw the session dashboard's charts with the vendored Chart.js; the tables stay the source. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var colours = ["#8a94a6", "#0b5cad", "#1b7f3b"];
  // Numbers and punctuation follow the page's language: « 12,5 % » in French, "12.5%" in English.
  var french = document.documentElement.lang !== "en";
  var number = new Intl.NumberFormat(french ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 });
  function percent(v) { return number.format(v) + (french ? "\u00a0%" : "%"); }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var all = JSON.parse(source.textContent);
    var data = all[canvas.dataset.series];
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (set, i) {
          return { label: set.label, data: set.data, backgroundColor: colours[i % colours.length] };
        })
      },
      options: {
        responsive: true,
        animation: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: percent } } },
        plugins: { tooltip: { callbacks: { label: function (c) {
          return c.dataset.label + (french ? "\u00a0: " : ": ") + (c.raw === null ? "—" : percent(c.raw));
        } } } }
      }
    });
  });
})();
