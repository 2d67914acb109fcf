// Draws a seed group's curves with Chart.js from the JSON in #group-data (GroupPageData): per series, the mean over
// the completed seeds and the band between the lowest and the highest seed.
(function () {
  'use strict';
  const group = JSON.parse(document.getElementById('group-data').textContent);
  const { color, number, canvas, axis, line, range, LEGEND } = ReportCharts;

  // A band of several columns (the same numbers in every seed's log) is drawn once, named by all of them.
  const name = column => column === group.selection ? 'selection metric ' + column
    : column.replace(/^objective_/, 'objective ').replace('_', ' ');
  group.curves.forEach((band, i) => {
    const title = band.columns.map(name).join(' = ');
    const points = values => band.epochs.map((epoch, k) => ({ x: epoch, y: number(values[k]) }));
    const shade = color(i) + '33';
    new Chart(canvas('training-charts', 'training:' + band.columns.join('='), title), {
      type: 'line',
      data: { datasets: [
        Object.assign({ label: 'mean', data: points(band.mean) }, line(i)),
        { label: 'min over seeds', data: points(band.min), borderColor: shade, backgroundColor: shade,
          borderWidth: 1, pointRadius: 0, fill: false },
        { label: 'max over seeds', data: points(band.max), borderColor: shade, backgroundColor: shade,
          borderWidth: 1, pointRadius: 0, fill: '-1' }
      ] },
      options: {
        plugins: { legend: LEGEND, filler: { propagate: false },
                   tooltip: { callbacks: { footer: items => items.length === 0 ? ''
                     : band.seeds[items[0].dataIndex] + ' seed(s) at this epoch' } } },
        scales: { x: axis('epoch', { type: 'linear', ticks: { stepSize: 1, precision: 0 } }),
                  y: axis(band.columns[0], range(band.min.concat(band.max))) }
      }
    });
  });
  document.getElementById('curves').hidden = group.curves.length === 0;
}());
