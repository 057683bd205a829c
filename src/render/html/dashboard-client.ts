/**
 * The page's own script (inlined after uPlot): reads the charts' numbers from
 * the JSON block and draws each with uPlot, with the gates' bounds as dashed
 * lines and the 95% interval as a band. Plain ES2017 for any current browser;
 * it sets text only through uPlot (no innerHTML), so labels stay inert.
 * When every chart is drawn, `<body data-charts-drawn="N">` tells tests so.
 */
export const DASHBOARD_CLIENT_JS = String.raw`(function () {
  'use strict';
  var PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  var THRESHOLD = '#cf222e';
  var block = document.getElementById('dashboard-data');
  var data = JSON.parse(block.textContent);
  var dpr = window.devicePixelRatio || 1;

  function formatter(percent) {
    return function (v, digits) {
      if (v === null || v === undefined || !isFinite(v)) return '\u2014';
      return percent ? (v * 100).toFixed(digits === undefined ? 1 : digits) + '%' : v.toFixed(digits === undefined ? 3 : digits);
    };
  }

  // Bands (the 95% intervals) under the lines, the gates' bounds over them.
  function overlays(chart) {
    return {
      hooks: {
        drawAxes: [function (u) {
          var ctx = u.ctx;
          ctx.save();
          chart.series.forEach(function (s, i) {
            if (!s.low || !s.high) return;
            ctx.fillStyle = PALETTE[i % PALETTE.length] + '26';
            var run = [];
            function flush() {
              if (run.length === 1) {
                // A lone point still shows its interval: a narrow bar.
                ctx.fillRect(run[0][0] - 3 * dpr, run[0][1], 6 * dpr, run[0][2] - run[0][1]);
              } else if (run.length > 1) {
                ctx.beginPath();
                run.forEach(function (p, k) { ctx[k === 0 ? 'moveTo' : 'lineTo'](p[0], p[1]); });
                for (var k = run.length - 1; k >= 0; k--) ctx.lineTo(run[k][0], run[k][2]);
                ctx.closePath();
                ctx.fill();
              }
              run = [];
            }
            s.values.forEach(function (_, j) {
              var lo = s.low[j], hi = s.high[j];
              if (lo === null || hi === null) { flush(); return; }
              var x = u.valToPos(j, 'x', true);
              run.push([x, u.valToPos(hi, 'y', true), u.valToPos(lo, 'y', true)]);
            });
            flush();
          });
          ctx.restore();
        }],
        draw: [function (u) {
          var ctx = u.ctx;
          ctx.save();
          chart.thresholds.forEach(function (t) {
            var y = u.valToPos(t.value, 'y', true);
            if (!isFinite(y)) return;
            ctx.strokeStyle = THRESHOLD;
            ctx.lineWidth = 1.5 * dpr;
            ctx.setLineDash([6 * dpr, 4 * dpr]);
            ctx.beginPath();
            ctx.moveTo(u.bbox.left, y);
            ctx.lineTo(u.bbox.left + u.bbox.width, y);
            ctx.stroke();
            ctx.setLineDash([]);
            // The label sits on a white patch just above the line, at the right.
            var text = 'gate: ' + t.label;
            ctx.font = (11 * dpr) + 'px sans-serif';
            ctx.textAlign = 'right';
            ctx.textBaseline = 'bottom';
            var right = u.bbox.left + u.bbox.width - 4 * dpr;
            var width = ctx.measureText(text).width;
            ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
            ctx.fillRect(right - width - 3 * dpr, y - 16 * dpr, width + 6 * dpr, 13 * dpr);
            ctx.fillStyle = THRESHOLD;
            ctx.fillText(text, right, y - 4 * dpr);
          });
          ctx.restore();
        }]
      }
    };
  }

  function range(chart, scale) {
    return function (u, min, max) {
      if (min === null || max === null) { min = 0; max = 1; }
      if (scale === 'y') {
        chart.thresholds.forEach(function (t) { min = Math.min(min, t.value); max = Math.max(max, t.value); });
        chart.series.forEach(function (s) {
          if (!s.low || s.axis === 'y2') return;
          s.low.forEach(function (v) { if (v !== null) min = Math.min(min, v); });
          s.high.forEach(function (v) { if (v !== null) max = Math.max(max, v); });
        });
      }
      var pad = (max - min) * 0.08 || Math.max(Math.abs(max) * 0.05, 0.01);
      return [min - pad, max + pad];
    };
  }

  function draw(chart) {
    var el = document.getElementById(chart.id);
    var fmt = formatter(chart.percent);
    var fmt2 = formatter(false);
    var columns = [chart.x.map(function (_, i) { return i; })];
    var series = [{ label: 'version', value: function (u, v) { return v === null || v === undefined ? '\u2014' : chart.x[v]; } }];
    chart.series.forEach(function (s, i) {
      var scale = s.axis === 'y2' ? 'y2' : 'y';
      var show = scale === 'y2' ? fmt2 : fmt;
      columns.push(s.values);
      series.push({ label: s.label, scale: scale, stroke: PALETTE[i % PALETTE.length], width: 2, spanGaps: false,
        points: { show: true, size: 6 },
        value: function (u, v, si, j) {
          var text = show(v, 2);
          if (s.low && j !== null && s.low[j] !== null && s.high[j] !== null) text += ' [' + show(s.low[j], 2) + ', ' + show(s.high[j], 2) + ']';
          return text;
        } });
    });
    var axes = [
      { values: function (u, splits) { return splits.map(function (v) { return chart.x[v] === undefined ? '' : chart.x[v]; }); } },
      { values: function (u, splits) { return splits.map(function (v) { return fmt(v, chart.percent ? 0 : 2); }); }, size: 56 }
    ];
    var scales = { x: { time: false, distr: 2 }, y: { range: range(chart, 'y') } };
    if (chart.y2) {
      scales.y2 = { range: range(chart, 'y2') };
      axes.push({ scale: 'y2', side: 1, grid: { show: false }, size: 56, label: chart.y2,
        values: function (u, splits) { return splits.map(function (v) { return fmt2(v, 2); }); } });
    }
    var opts = {
      width: Math.max(el.clientWidth, 320),
      height: 260,
      series: series,
      axes: axes,
      scales: scales,
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      plugins: [overlays(chart)]
    };
    var plot = new uPlot(opts, columns, el);
    window.addEventListener('resize', function () {
      plot.setSize({ width: Math.max(el.clientWidth, 320), height: 260 });
    });
    return plot;
  }

  var drawn = 0;
  data.charts.forEach(function (chart) {
    try {
      draw(chart);
      drawn++;
    } catch (error) {
      console.error('labelgate dashboard: chart ' + chart.id + ' not drawn: ' + (error && error.message));
    }
  });
  document.body.setAttribute('data-charts-drawn', String(drawn));
})();
`
