// The console's charts, drawn with uPlot (its webjar, served by the hub under /console/: no CDN, no inline script).
// Each chart is a <figure> with a title, axis labels, uPlot's legend and a sentence that says the numbers: the text
// alternative screen readers read (and the browser tests). MTSZN's page: documents received per day by status and
// the pairs reported so far against those owed (GET …/days); the operator's page: dead letters by the day they
// arrived (GET /api/operator/dead-letters-per-day). Labels come from i18n.js; values from the server only ever go
// into the page as text (uPlot writes its legend with textContent).
(function () {
  'use strict';

  var STATUS_COLORS = {ACCEPTED: '#2e7d32', REJECTED: '#b3261e', DUPLICATE: '#8a5a00'};
  var OTHER_COLORS = ['#1f5f8b', '#6a1b9a', '#00838f', '#5d4037'];

  function hub() {
    return window.HubConsole;
  }

  /** A day (yyyy-mm-dd) as uPlot's x value: seconds at its midnight, read in UTC below so no zone shifts it. */
  function seconds(day) {
    return Date.parse(day + 'T00:00:00Z') / 1000;
  }

  var DAY = 86400;
  /** Ticks a whole number of days apart on x, whole numbers on y: the charts count things per day. */
  var DAY_STEPS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY, 365 * DAY];
  var COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

  function sum(values) {
    return values.reduce(function (total, value) {
      return total + (value || 0);
    }, 0);
  }

  /**
   * Draws a chart into a figure, replacing what it showed: spec {title, x, y, days, series: [{label, values, color,
   * dash, bars}], summary}. Without uPlot (not loaded) the title and the sentence still say it.
   */
  function draw(figure, spec) {
    var c = hub();
    if (figure.chart) {
      figure.chart.destroy();
      figure.chart = null;
    }
    c.clear(figure);
    var plot = c.el('div', {className: 'chart-plot', role: 'img', 'aria-label': spec.title});
    var summary = c.el('p', {className: 'chart-summary', text: spec.summary});
    summary.id = figure.id + '-summary';
    plot.setAttribute('aria-describedby', summary.id);
    figure.appendChild(c.el('figcaption', {className: 'chart-title', text: spec.title}));
    // Nothing to plot (an empty DLQ): the sentence says so, and no empty axes start in 1970.
    if (!spec.days.length) {
      figure.appendChild(summary);
      return;
    }
    figure.appendChild(plot);
    figure.appendChild(summary);
    if (typeof window.uPlot !== 'function') {
      return;
    }
    var uPlot = window.uPlot;
    var options = {
      width: Math.max(320, Math.min((figure.parentNode && figure.parentNode.clientWidth) || 640, 960) - 40),
      height: 220,
      tzDate: function (ts) {
        return uPlot.tzDate(new Date(ts * 1000), 'UTC');
      },
      // Half a day either side, so a bar on the first or last day shows whole.
      scales: {x: {time: true, range: function (u, min, max) {
        return [(min === null ? 0 : min) - DAY / 2, (max === null ? DAY : max) + DAY / 2];
      }}, y: {range: function (u, min, max) {
        return [0, Math.max(1, max)];
      }}},
      axes: [{label: spec.x, incrs: DAY_STEPS}, {label: spec.y, incrs: COUNT_STEPS}],
      series: [{label: spec.x, value: '{YYYY}-{MM}-{DD}'}].concat(spec.series.map(function (s) {
        return {label: s.label, stroke: s.color, width: 2, dash: s.dash, fill: s.bars ? s.color + '55' : undefined,
          paths: s.bars && uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({size: [0.6, 40]}) : undefined,
          points: {show: !s.bars && !s.dash}};
      }))
    };
    var data = [spec.days.map(seconds)].concat(spec.series.map(function (s) {
      return s.values;
    }));
    figure.chart = new uPlot(options, data, plot);
  }

  function statusLabel(status) {
    var key = 'chartStatus_' + status;
    return hub().t(key) === key ? status : hub().t(key);
  }

  /** MTSZN's two charts for the campaign's days (GET …/days). */
  function drawCampaign(days) {
    var c = hub();
    var statuses = Object.keys(days.received || {});
    var total = sum(statuses.map(function (status) {
      return days.receivedTotal[status];
    }));
    draw(document.getElementById('chart-received'), {
      title: c.t('chartReceivedTitle'), x: c.t('chartDay'), y: c.t('chartDocuments'), days: days.days,
      series: statuses.map(function (status, i) {
        return {label: statusLabel(status), values: days.received[status],
          color: STATUS_COLORS[status] || OTHER_COLORS[i % OTHER_COLORS.length]};
      }),
      summary: c.fill('chartReceivedSummary', {from: days.from, to: days.to, total: total,
        parts: statuses.length ? statuses.map(function (status) {
          return statusLabel(status) + ': ' + days.receivedTotal[status];
        }).join(', ') : c.t('chartNothing')})
    });
    var reported = days.reported.filter(function (value) {
      return value !== null;
    });
    draw(document.getElementById('chart-reported'), {
      title: c.t('chartReportedTitle'), x: c.t('chartDay'), y: c.t('chartPairs'), days: days.days,
      series: [
        {label: c.t('chartReported'), values: days.reported, color: '#1f5f8b'},
        {label: c.t('chartOwed'), values: days.days.map(function () {
          return days.owed;
        }), color: '#666666', dash: [6, 4]}],
      summary: c.fill('chartReportedSummary', {reported: reported.length ? reported[reported.length - 1] : 0,
        owed: days.owed, today: days.today})
    });
  }

  function loadCampaign(base) {
    var c = hub();
    var error = document.getElementById('campaign-charts-error');
    if (!base) {
      return Promise.resolve();
    }
    return c.api(base + '/days').then(function (days) {
      error.hidden = true;
      drawCampaign(days);
    }, function (failure) {
      if (failure instanceof c.AuthError) {
        c.failedAction(failure);
        return;
      }
      error.hidden = false;
      error.textContent = c.t('unavailable') + failure.message;
    });
  }

  /** The operator's chart of the dead letters by the day they arrived (GET /api/operator/dead-letters-per-day). */
  function drawDeadLetters(perDay) {
    var c = hub();
    var days = perDay.days.map(function (d) {
      return d.day;
    });
    draw(document.getElementById('chart-dead-letters'), {
      title: c.t('chartDeadLettersTitle'), x: c.t('chartDay'), y: c.t('chartDeadLetters'), days: days,
      series: [{label: c.t('chartDeadLetters'), values: perDay.days.map(function (d) {
        return d.count;
      }), color: '#b3261e', bars: true}],
      summary: perDay.total ? c.fill(perDay.complete ? 'chartDeadLettersSummary' : 'chartDeadLettersSummaryMore', {
        total: perDay.total, parts: perDay.days.map(function (d) {
          return d.day + ': ' + d.count;
        }).join(', ')}) : c.t('chartDeadLettersNone')
    });
  }

  window.HubCharts = {loadCampaign: loadCampaign, drawDeadLetters: drawDeadLetters};
}());
