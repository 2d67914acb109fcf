// What every report page's charts share: the palette, Chart.js's defaults, a figure per chart, axes and legends.
// Inlined before each page's own script, which takes what it needs from ReportCharts.
const ReportCharts = (function () {
  'use strict';
  // Tableau 10: distinguishable colours, one per series by its position, the same in tables and charts.
  const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
                   '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  const INK = '#1f2328';

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.color = INK;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

  /** A new figure with a canvas in the grid #section; the canvas names its chart in data-chart. */
  function canvas(section, id, title) {
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    caption.textContent = title;
    const plot = document.createElement('div');
    plot.className = 'plot';
    const element = document.createElement('canvas');
    element.dataset.chart = id;
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', title);
    plot.appendChild(element);
    figure.append(caption, plot);
    document.getElementById(section).appendChild(figure);
    return element;
  }

  /**
   * A value axis's bounds scaled to the data, not from zero: the values' range with a margin of a tenth of their
   * spread (5% of the value when they are all equal), never below zero for values that are all at least zero.
   */
  function range(values) {
    const defined = values.map(number).filter(v => v !== null);
    if (defined.length === 0) {
      return { beginAtZero: false };
    }
    const low = Math.min(...defined);
    const high = Math.max(...defined);
    const margin = high > low ? 0.1 * (high - low) : Math.max(0.05 * Math.abs(high), 1e-6);
    return { beginAtZero: false, suggestedMin: low >= 0 ? Math.max(0, low - margin) : low - margin,
             suggestedMax: high + margin };
  }

  function number(value) {
    // JSON holds NaN as the string "NaN": anything but a finite number is a gap.
    return (typeof value === 'number' && Number.isFinite(value)) ? value : null;
  }

  return {
    INK,
    color: index => PALETTE[index % PALETTE.length],
    number,
    canvas,
    range,
    axis: (title, extra) => Object.assign({ title: { display: true, text: title } }, extra),
    // A line's style; clip lets the points at the ends of the axes show whole.
    line: index => ({ borderColor: PALETTE[index % PALETTE.length], backgroundColor: PALETTE[index % PALETTE.length],
                      borderWidth: 2, pointRadius: 2.5, clip: 4 }),
    LEGEND: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 10, boxHeight: 6 } },
  };
})();
