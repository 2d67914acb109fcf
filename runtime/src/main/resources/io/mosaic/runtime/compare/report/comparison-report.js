// Draws the comparison's charts with Chart.js from the JSON in #comparison-data (the comparison.json record).
(function () {
  'use strict';
  const comparison = JSON.parse(document.getElementById('comparison-data').textContent);
  const plan = JSON.parse(document.getElementById('chart-plan').textContent);
  const assemblies = comparison.assemblies;
  const { INK, color, number, canvas, axis, line, range, LEGEND } = ReportCharts;
  const fixed = (value, digits) => number(value) === null ? 'n/a' : value.toFixed(digits);

  document.querySelectorAll('.swatch').forEach(swatch => {
    swatch.style.background = color(Number(swatch.dataset.assemblyIndex));
  });

  const unique = lists => [...new Set(lists.flat())];

  // Test metrics: per distinct metric (the plan's charts), one bar per assembly (mean), a floating bar from
  // mean - std to mean + std on it, and each seed's value as a circle; the value axis fits all of them.
  const names = assemblies.map(a => a.assembly);
  plan.testCharts.forEach(({ metrics, better }) => {
    const metric = metrics[0];
    const values = assemblies.map(a => a.test[metric] || null);
    const shown = values.flatMap(v => v ? v.values.concat([v.mean - v.std, v.mean + v.std]) : []);
    const title = metrics.join(' = ') + ' (test' + (better ? ', ' + better + ' is better' : '') + ')';
    new Chart(canvas('test-charts', 'test:' + metric, title), {
      type: 'bar',
      data: {
        labels: names,
        datasets: [
          { label: 'mean', data: values.map(v => v && number(v.mean)), grouped: false, order: 3,
            backgroundColor: assemblies.map((a, i) => color(i) + 'bb'),
            borderColor: assemblies.map((a, i) => color(i)), borderWidth: 1 },
          { label: '± 1 std', data: values.map(v => v && [v.mean - v.std, v.mean + v.std]), grouped: false,
            order: 2, backgroundColor: INK, barThickness: 2 },
          { type: 'scatter', label: 'seeds', order: 1, backgroundColor: '#ffffff', borderColor: INK,
            borderWidth: 1.2, pointRadius: 3.5,
            data: values.flatMap((v, i) => v ? v.values.map(y => ({ x: names[i], y: number(y) })) : []) }
        ]
      },
      options: {
        plugins: { legend: { display: false } },
        scales: { x: { grid: { display: false } }, y: axis(metrics.join(' = '), range(shown)) }
      }
    });
  });

  // Sweeps: per protocol and metric, the metric against the level (a missing rate, or a noise protocol's σ, which
  // may pass 1), one line per assembly with the sweep.
  const protocols = unique(assemblies.map(a => Object.keys(a.sweeps)));
  document.getElementById('sweeps').hidden = protocols.length === 0;
  protocols.forEach(protocol => {
    const swept = assemblies.map((a, i) => ({ a, i, sweep: a.sweeps[protocol] })).filter(s => s.sweep);
    const highest = Math.max(1, ...swept.map(s => Math.max(...s.sweep.rates)));
    unique(swept.map(s => Object.keys(s.sweep.curves))).forEach(metric => {
      const lines = swept.filter(s => s.sweep.curves[metric]).map(({ a, i, sweep }) => {
        const area = sweep.auilc[metric];
        return {
          label: a.assembly + (area ? '  AUILC ' + fixed(area.mean, 3) + ' ± ' + fixed(area.std, 3) : ''),
          data: sweep.rates.map((rate, k) => ({ x: rate, y: number(sweep.curves[metric][k]) })),
          ...line(i)
        };
      });
      new Chart(canvas('sweep-charts', 'sweep:' + protocol + ':' + metric, metric + ' under ' + protocol), {
        type: 'line',
        data: { datasets: lines },
        options: {
          plugins: { legend: LEGEND },
          scales: { x: axis('level (missing rate or σ)', { type: 'linear', min: 0, max: highest }),
                    y: axis(metric, range(lines.flatMap(l => l.data.map(point => point.y)))) }
        }
      });
    });
  });

  // Training: the training loss, and the validation selection metric (one chart per metric selected on).
  function curves(id, title, yTitle, members, series) {
    const datasets = members.map(({ a, i }) => ({
      label: a.assembly,
      data: a.training.epochs.map((epoch, k) => ({ x: epoch, y: number(series(a.training)[k]) })),
      ...line(i)
    }));
    new Chart(canvas('training-charts', id, title), {
      type: 'line',
      data: { datasets: datasets },
      options: {
        plugins: { legend: LEGEND },
        scales: { x: axis('epoch', { type: 'linear', ticks: { precision: 0 } }),
                  y: axis(yTitle, range(datasets.flatMap(d => d.data.map(point => point.y)))) }
      }
    });
  }
  const trained = assemblies.map((a, i) => ({ a, i }));
  curves('training:train_loss', 'training loss', 'train loss', trained, t => t.trainLoss);
  unique(assemblies.map(a => a.training.selection)).forEach(selection => {
    curves('training:valid_' + selection, 'validation ' + selection + ' (selection metric)', 'valid ' + selection,
        trained.filter(({ a }) => a.training.selection === selection), t => t.validSelection);
  });
}());
