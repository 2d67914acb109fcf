// Draws a search's validation score by trial, and the best so far, with Chart.js from the JSON in #tune-data.
(function () {
  'use strict';
  const tune = JSON.parse(document.getElementById('tune-data').textContent);
  const { number, canvas, axis, line, range, LEGEND } = ReportCharts;
  const points = values => tune.trials.map((trial, k) => ({ x: trial, y: number(values[k]) }));
  new Chart(canvas('score-charts', 'scores', 'validation ' + tune.metric + ' by trial'), {
    type: 'line',
    data: { datasets: [
      Object.assign({ label: 'trial', data: points(tune.scores), showLine: false, pointRadius: 4 }, line(0),
                    { showLine: false, pointRadius: 4 }),
      Object.assign({ label: 'best so far', data: points(tune.bestSoFar), stepped: true, pointRadius: 0 }, line(1),
                    { pointRadius: 0 })
    ] },
    options: {
      plugins: { legend: LEGEND },
      scales: { x: axis('trial', { type: 'linear', ticks: { stepSize: 1, precision: 0 } }),
                y: axis('validation ' + tune.metric, range(tune.scores)) }
    }
  });
  document.getElementById('scores').hidden = tune.trials.length === 0;
}());
