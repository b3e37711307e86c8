// The Government's view, read-only: what MTSZN has sent (the approved consolidated packages of every plan and
// reporting year so far, newest first) and whether each arrived whole (every part delivered) and how complete the
// report is (items completed, agencies that sent nothing). Each part can be downloaded. The cycle API gives this
// login approved packages only and refuses everything else; nothing here could build, approve or show a draft.
// Values go in as text, never as HTML.
(function () {
  'use strict';

  var hub = null;
  var state = {who: null, packages: null};

  function $(id) {
    return document.getElementById(id);
  }

  function setUp(who) {
    hub = window.HubConsole;
    state.who = who;
    state.packages = null;
    $('gov-reload').onclick = function () {
      state.packages = null;
      show();
    };
  }

  /** The reporting years a package may exist for: from the plan's first to the campaign running now. */
  function years(plan) {
    var last = Math.min(plan.lastReportingYear, plan.campaignYear || plan.lastReportingYear);
    var list = [];
    for (var year = plan.firstReportingYear; year <= last; year++) {
      list.push(year);
    }
    return list;
  }

  function base(planId, year) {
    return '/api/plans/' + encodeURIComponent(planId) + '/years/' + year;
  }

  function load() {
    var requests = [];
    (state.who.plans || []).forEach(function (plan) {
      years(plan).forEach(function (year) {
        requests.push(hub.api(base(plan.id, year) + '/consolidations').then(function (list) {
          return list.filter(function (row) {
            return row.status === 'APPROVED';
          }).map(function (row) {
            row.planInfo = plan;
            return row;
          });
        }));
      });
    });
    return Promise.all(requests).then(function (lists) {
      var all = [].concat.apply([], lists);
      var latest = {};
      all.forEach(function (row) {
        var key = row.plan + '/' + row.year;
        latest[key] = Math.max(latest[key] || 0, row.version);
      });
      all.forEach(function (row) {
        row.latestVersion = latest[row.plan + '/' + row.year];
      });
      return all.sort(function (a, b) {
        return b.year - a.year || b.version - a.version || String(a.plan).localeCompare(String(b.plan));
      });
    });
  }

  /** Loads once per sign-in (and on "reload"); a change of language only draws again. */
  function show() {
    if (!hub || !state.who) {
      return;
    }
    if (state.packages) {
      render();
      return;
    }
    load().then(function (packages) {
      $('gov-error').hidden = true;
      state.packages = packages;
      render();
    }, function (error) {
      hub.failedLoad('gov-error', error);
    });
  }

  function planTitle(plan) {
    return (hub.lang() === 'en' ? plan.titleEn : plan.titleRu) || plan.titleRu || plan.id;
  }

  function delivered(row) {
    var parts = row.delivery || [];
    return {sent: parts.filter(function (p) {
      return p.state === 'SENT';
    }).length, total: parts.length};
  }

  function fileBase(row) {
    return 'consolidated-report-' + row.plan + '-' + row.year + '-v' + row.version;
  }

  /** The answer to "what has MTSZN sent us, and is it complete", in one sentence over the newest package. */
  function headline(packages) {
    var line = $('gov-headline');
    if (!packages.length) {
      line.textContent = hub.t('govNothingYet');
      line.className = 'days-left';
      return;
    }
    var newest = packages[0];
    var parts = delivered(newest);
    var whole = parts.total > 0 && parts.sent === parts.total;
    line.textContent = hub.fill('govHeadline', {n: packages.length, year: newest.year, version: newest.version,
      approvedAt: hub.formatTime(newest.approvedAt)}) + ' ' +
      hub.fill(whole ? 'govDeliveredWhole' : 'govDeliveredPart', parts);
    line.className = 'days-left ' + (whole ? 'ok-text' : 'warn-text');
  }

  function packageCard(row) {
    var parts = delivered(row);
    var whole = parts.total > 0 && parts.sent === parts.total;
    var current = row.version === row.latestVersion;
    var path = base(row.plan, row.year) + '/consolidations/' + encodeURIComponent(row.id);
    var card = hub.el('article', {className: 'package', 'data-consolidation-id': row.id, 'data-plan': row.plan,
      'data-year': String(row.year), 'data-version': String(row.version), 'data-delivered': whole ? 'all' : 'partly'},
      hub.el('h3', {}, hub.fill('govPackageTitle', {year: row.year, version: row.version}) + ' ',
        hub.el('span', {className: 'badge ' + (current ? 'ok' : 'na'),
          text: current ? hub.t('govCurrent') : hub.fill('govReplaced', {version: row.latestVersion})})),
      hub.el('p', {className: 'muted', text: planTitle(row.planInfo)}),
      hub.el('p', {className: 'gov-approved',
        text: hub.fill('govApproved', {approvedAt: hub.formatTime(row.approvedAt), approvedBy: row.approvedBy})}),
      hub.el('p', {className: 'gov-delivery ' + (whole ? 'ok-text' : 'warn-text'),
        text: hub.fill(whole ? 'govDeliveredWhole' : 'govDeliveredPart', parts)}),
      hub.el('p', {className: 'gov-coverage ' + (row.agenciesMissing > 0 ? 'warn-text' : ''),
        text: hub.fill('govCoverage', row)}),
      hub.el('div', {className: 'controls'},
        hub.el('span', {text: hub.t('govDownload')}),
        hub.downloadLink(path + '?format=pdf', fileBase(row) + '.pdf', 'PDF', 'pdf'),
        hub.downloadLink(path + '?format=xml', fileBase(row) + '.xml', 'XML', 'xml'),
        hub.downloadLink(path + '?format=json', fileBase(row) + '.json', 'JSON', 'json'),
        hub.downloadLink(path + '?format=manifest', fileBase(row) + '.manifest.json', hub.t('manifest'), 'manifest')),
      hub.el('p', {className: 'muted'}, hub.t('govManifestSha') + ' ',
        hub.el('code', {className: 'hash', text: row.manifestSha256 || ''})));
    var pending = (row.delivery || []).filter(function (part) {
      return part.state !== 'SENT';
    });
    if (pending.length) {
      // What has not come yet, by file name; the hub keeps sending it (MTSZN's console shows why it waits).
      card.appendChild(hub.el('p', {className: 'gov-pending warn-text', text: hub.t('govPendingParts') + ' ' +
        pending.map(function (part) {
          return part.name;
        }).join(', ')}));
    }
    return card;
  }

  function render() {
    var packages = state.packages || [];
    headline(packages);
    var list = $('gov-packages');
    hub.clear(list);
    $('gov-empty').hidden = packages.length > 0;
    packages.forEach(function (row) {
      list.appendChild(packageCard(row));
    });
  }

  window.Government = {setUp: setUp, show: show};
}());
