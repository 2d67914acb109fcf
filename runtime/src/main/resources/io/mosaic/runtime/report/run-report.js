// Draws a run's charts with Chart.js from the JSON in #run-data (RunPageData).
(function () {
  'use strict';
  const run = JSON.parse(document.getElementById('run-data').textContent);
  const { INK, color, number, canvas, axis, line, LEGEND } = ReportCharts;

  // Stage boundaries: a dashed vertical line half an epoch before each stage's first epoch.
  const stageLines = {
    id: 'stageLines',
    afterDatasetsDraw(chart) {
      const x = chart.scales.x;
      const area = chart.chartArea;
      const context = chart.ctx;
      context.save();
      context.strokeStyle = '#59636e';
      context.setLineDash([5, 4]);
      run.stageStarts.forEach(epoch => {
        const position = x.getPixelForValue(epoch - 0.5);
        context.beginPath();
        context.moveTo(position, area.top);
        context.lineTo(position, area.bottom);
        context.stroke();
      });
      context.restore();
    }
  };
  const epochAxis = axis('epoch', { type: 'linear', ticks: { stepSize: 1, precision: 0 } });
  const points = values => run.epochs.map((epoch, i) => ({ x: epoch, y: number(values[i]) }));

  if (run.epochs.length > 0) {
    new Chart(canvas('training-charts', 'training:losses', 'Losses and objectives per epoch'), {
      type: 'line',
      data: { datasets: Object.keys(run.losses).map((name, i) => Object.assign(
        { label: name.replace(/^objective_/, 'objective ').replace('_', ' '), data: points(run.losses[name]),
          spanGaps: false }, line(i))) },
      options: { plugins: { legend: LEGEND }, scales: { x: epochAxis, y: axis('value', { grace: '5%' }) } },
      plugins: [stageLines]
    });
    if (run.selection !== null) {
      const datasets = [Object.assign({ label: run.selection, data: points(run.selectionCurve) }, line(0))];
      if (run.bestEpoch !== null) {
        const index = run.epochs.indexOf(run.bestEpoch);
        datasets.push({ type: 'scatter', label: 'selected epoch ' + run.bestEpoch, pointRadius: 7,
                        pointStyle: 'circle', borderColor: '#e15759', borderWidth: 2, backgroundColor: 'transparent',
                        data: [{ x: run.bestEpoch, y: index < 0 ? null : number(run.selectionCurve[index]) }] });
      }
      new Chart(canvas('training-charts', 'training:selection', 'Selection metric: ' + run.selection), {
        type: 'line',
        data: { datasets: datasets },
        options: { plugins: { legend: LEGEND },
                   scales: { x: epochAxis, y: axis(run.selection, { grace: '5%' }) } },
        plugins: [stageLines]
      });
    }
  }

  if (run.scatter !== null) {
    const truth = run.scatter.truth.map(number);
    const predicted = run.scatter.predicted.map(number);
    const all = truth.concat(predicted).filter(v => v !== null);
    const low = Math.min(...all);
    const high = Math.max(...all);
    new Chart(canvas('prediction-charts', 'predictions:scatter', 'Predicted against true score (test)'), {
      type: 'scatter',
      data: { datasets: [
        { label: 'test samples (' + truth.length + ')', data: truth.map((t, i) => ({ x: t, y: predicted[i] })),
          backgroundColor: color(0) + '99', borderColor: color(0), pointRadius: 3 },
        { type: 'line', label: 'predicted = true', data: [{ x: low, y: low }, { x: high, y: high }],
          borderColor: INK, borderDash: [5, 4], borderWidth: 1, pointRadius: 0 }
      ] },
      options: { plugins: { legend: LEGEND },
                 scales: { x: axis('true score', { type: 'linear' }), y: axis('predicted score') } }
    });
  }

  if (run.confusion !== null) {
    const counts = run.confusion.counts;
    const classes = counts.map((row, c) => String(c));
    new Chart(canvas('prediction-charts', 'predictions:classes', 'True and predicted classes (test)'), {
      type: 'bar',
      data: { labels: classes, datasets: [
        { label: 'true', data: counts.map(row => row.reduce((a, b) => a + b, 0)), backgroundColor: color(0) },
        { label: 'predicted', data: classes.map((c, p) => counts.reduce((sum, row) => sum + row[p], 0)),
          backgroundColor: color(1) }
      ] },
      options: { plugins: { legend: LEGEND },
                 scales: { x: axis('class'), y: axis('samples', { beginAtZero: true, ticks: { precision: 0 } }) } }
    });
  }
  if (run.scatter === null && run.confusion === null) {
    document.getElementById('predictions').hidden = true;
  }

  const protocols = Object.keys(run.sweeps);
  protocols.forEach(protocol => {
    const sweep = run.sweeps[protocol];
    Object.keys(sweep.curves).forEach((metric, i) => {
      new Chart(canvas('sweep-charts', 'sweep:' + protocol + ':' + metric, metric + ' under ' + protocol), {
        type: 'line',
        data: { datasets: [Object.assign({ label: metric + (metric in sweep.auilc
          ? ' (AUILC ' + sweep.auilc[metric].toFixed(4) + ')' : ''),
          data: sweep.rates.map((rate, r) => ({ x: rate, y: number(sweep.curves[metric][r]) })) }, line(i))] },
        options: { plugins: { legend: LEGEND },
                   scales: { x: axis('level', { type: 'linear' }), y: axis(metric, { grace: '5%' }) } }
      });
    });
  });
  if (protocols.length === 0) {
    document.getElementById('sweeps').hidden = true;
  }
}());
