// Provenance for the operator and MTSZN: find a judged document by agency, year, status, channel, dates, or by
// its id, report id, file name or SHA-256 (GET /api/submissions), see its receipt, download its original bytes
// (each download is recorded in the operator action log by the hub), and open one submission: its receipt, its trail
// (GET .../trail) and, for an operator, sending its receipt or feed message once more after a confirmation (each
// confirmed click is one request with its own Idempotency-Key). Values go in as text, never as HTML.
(function () {
  'use strict';

  var SIZE = 20;
  var hub = null;
  var page = 0;
  // Each search is numbered; an answer to an older one that arrives late is dropped, so the list never shows
  // the answer to a query the user has already replaced.
  var latest = 0;
  // The submission open on its page, and the resend waiting for its confirmation.
  var opened = null;
  var pending = null;

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
    $('submission-close').onclick = function () {
      opened = null;
      $('submission-view').hidden = true;
    };
    $('submission-original').onclick = function () {
      hub.download('/api/submissions/' + encodeURIComponent(opened.submissionId) + '/document',
        opened.fileName || opened.submissionId).then(function () {
        openSubmission(opened); // the view is now a step of the trail
      }, function (error) {
        hub.flash(hub.t('unavailable') + error.message, true);
      });
    };
    $('submission-resend').onclick = function () {
      ask('resend-receipt', 'confirmResend');
    };
    $('submission-republish').onclick = function () {
      ask('republish', 'confirmRepublish');
    };
    $('submission-confirm-no').onclick = function () {
      pending = null;
      $('submission-confirm').hidden = true;
    };
    $('submission-confirm-yes').onclick = function () {
      var action = pending;
      pending = null;
      $('submission-confirm').hidden = true;
      if (!action || !opened) {
        return;
      }
      var id = opened.submissionId;
      hub.api('/api/submissions/' + encodeURIComponent(id) + '/' + action.path,
        {method: 'POST', headers: {'Idempotency-Key': action.key}}).then(function (result) {
        hub.flash(result.repeatedRequest ? hub.t('repeatedRequest') : hub.fill('resent', {requestId: result.requestId}));
        openSubmission(opened);
      }, function (error) {
        hub.flash(hub.t('unavailable') + error.message, true);
      });
    };
  }

  /** Asks before sending: one key per confirmed request, so a repeated click on "yes" is not a second send. */
  function ask(path, text) {
    pending = {path: path, key: 'console-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10)};
    $('submission-confirm-text').textContent = hub.fill(text, {id: opened.submissionId});
    $('submission-confirm').hidden = false;
  }

  function details(step) {
    var d = step.details || {};
    return Object.keys(d).map(function (name) {
      return name + ': ' + d[name];
    }).join('; ');
  }

  function openSubmission(s) {
    opened = s;
    var id = s.submissionId;
    var path = '/api/submissions/' + encodeURIComponent(id);
    $('submission-view').hidden = false;
    $('submission-view').setAttribute('data-submission-id', id);
    $('submission-view-id').textContent = id;
    $('submission-confirm').hidden = true;
    var operator = hub.hasRole('OPERATOR');
    document.querySelectorAll('#submission-view [data-operator-only]').forEach(function (button) {
      button.hidden = !operator;
    });
    $('submission-republish').disabled = s.status !== 'ACCEPTED';
    $('submission-error').hidden = true;
    hub.api(path).then(function (body) {
      $('submission-receipt').textContent = JSON.stringify(body, null, 2);
    }, shown);
    hub.api(path + '/trail').then(function (trail) {
      if (!opened || opened.submissionId !== id) {
        return;
      }
      var body = $('submission-trail');
      hub.clear(body);
      (trail.steps || []).forEach(function (step) {
        var name = hub.t('st_' + step.step);
        body.appendChild(hub.el('tr', {'data-step': step.step},
          hub.td(hub.formatTime(step.at)),
          hub.td(name && name !== 'st_' + step.step ? name : step.step),
          hub.td(details(step))));
      });
    }, shown);
    $('submission-view').scrollIntoView();
  }

  function shown(error) {
    hub.failedLoad('submission-error', error);
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
      hub.failedLoad('search-error', error);
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
        hub.el('td', {}, hub.el('button', {type: 'button', 'data-action': 'open', text: hub.t('open'),
          onclick: function () {
            openSubmission(s);
          }}), ' ', hub.el('button', {type: 'button', 'data-action': 'original', text: hub.t('original'),
          onclick: function () {
            hub.download('/api/submissions/' + encodeURIComponent(s.submissionId) + '/document',
              s.fileName || s.submissionId).catch(function (error) {
              hub.flash(hub.t('unavailable') + error.message, true);
            });
          }}))));
    });
  }

  window.Provenance = {setUp: setUp, show: show, open: openSubmission};
}());
