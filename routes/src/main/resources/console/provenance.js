// Provenance for the operator and MTSZN: find a judged document by agency, year, status, channel, dates, or by
// its id, report id, file name or SHA-256 (GET /api/submissions), see its receipt, download its original bytes
// (each download is recorded in the operator action log by the hub). Values go in as text, never as HTML.
(function () {
  'use strict';

  var SIZE = 20;
  var hub = null;
  var page = 0;
  // Each search is numbered; an answer to an older one that arrives late is dropped, so the list never shows
  // the answer to a query the user has already replaced.
  var latest = 0;

  function $(id) {
    return document.getElementById(id);
  }

  function query() {
    var params = new URLSearchParams();
    ['agency', 'year', 'status', 'channel', 'from', 'to', 'q'].forEach(function (name) {
      var value = $('search-' + name).value.trim();
      if (value) {
        params.set(name, value);
      }
    });
    params.set('page', String(page));
    params.set('size', String(SIZE));
    return params.toString();
  }

  function setUp() {
    hub = window.HubConsole;
    $('search-form').onsubmit = function (event) {
      event.preventDefault();
      page = 0;
      show();
    };
    $('search-previous').onclick = function () {
      page = Math.max(0, page - 1);
      show();
    };
    $('search-next').onclick = function () {
      page++;
      show();
    };
  }

  function show() {
    if (!hub) {
      return;
    }
    var asked = ++latest;
    hub.api('/api/submissions?' + query()).then(function (result) {
      if (asked !== latest) {
        return;
      }
      $('search-error').hidden = true;
      render(result);
    }, function (error) {
      if (asked !== latest) {
        return;
      }
      if (error instanceof hub.AuthError) {
        hub.failedAction(error);
        return;
      }
      $('search-error').hidden = false;
      $('search-error').textContent = hub.t('unavailable') + error.message;
    });
  }

  function receipt(id) {
    var details = hub.el('details', {'data-receipt-of': id}, hub.el('summary', {text: hub.t('show')}));
    var pre = hub.el('pre');
    details.appendChild(pre);
    details.addEventListener('toggle', function () {
      if (details.open && !pre.textContent) {
        hub.api('/api/submissions/' + encodeURIComponent(id)).then(function (body) {
          pre.textContent = JSON.stringify(body, null, 2);
        }, function (error) {
          pre.textContent = hub.t('unavailable') + error.message;
        });
      }
    });
    return details;
  }

  function render(result) {
    var body = $('search-body');
    hub.clear(body);
    var list = result.submissions || [];
    var first = result.total ? result.page * result.size + 1 : 0;
    $('search-summary').textContent = result.total
      ? hub.fill('found', {total: result.total, first: first, last: first + list.length - 1}) : hub.t('nothingFound');
    $('search-previous').disabled = result.page === 0;
    $('search-next').disabled = (result.page + 1) * result.size >= result.total;
    list.forEach(function (s) {
      body.appendChild(hub.el('tr', {'data-submission-id': s.submissionId},
        hub.td(hub.formatTime(s.receivedAt)),
        hub.el('td', {}, hub.el('code', {text: s.submissionId})),
        hub.td(s.channel),
        hub.td(s.agency || ''),
        hub.td((s.reportId || '') + (s.year ? ' / ' + s.year : '')),
        hub.el('td', {}, hub.badge(s.status), s.late ? hub.el('span', {className: 'badge warn', text: hub.t('late')}) : null),
        hub.td(s.fileName || ''),
        hub.el('td', {className: 'hash', title: s.sha256, text: s.sha256 ? s.sha256.substring(0, 12) + '…' : ''}),
        hub.el('td', {}, receipt(s.submissionId)),
        hub.el('td', {}, hub.el('button', {type: 'button', 'data-action': 'original', text: hub.t('original'),
          onclick: function () {
            hub.download('/api/submissions/' + encodeURIComponent(s.submissionId) + '/document',
              s.fileName || s.submissionId).catch(function (error) {
              hub.flash(hub.t('unavailable') + error.message, true);
            });
          }}))));
    });
  }

  window.Provenance = {setUp: setUp, show: show};
}());
