// MTSZN's reporting campaign: for a plan and year, who still owes what and how many days are left (first),
// progress overall and per section, then one click deeper the matrix with filters, each agency's page and the
// consolidated report (build a draft, preview it with its PDF in the page, approve with a confirmation, download,
// delivery to the Government).
// Everything comes from the cycle API (/api/plans/{plan}/years/{year}/...); values go in as text, never as HTML.
(function () {
  'use strict';

  var hub = null;
  var state = {who: null, plans: [], progress: null, matrix: null, agency: null, pendingApproval: null, pdfUrl: null,
    previews: 0};

  function $(id) {
    return document.getElementById(id);
  }

  function days(n) {
    var category = 'other';
    try {
      category = new Intl.PluralRules(hub.lang()).select(n);
    } catch (e) {
      category = 'other';
    }
    var texts = window.I18N[hub.lang()] || window.I18N.ru;
    return texts['day_' + category] || hub.t('day_other');
  }

  /** The agency's name in the console's language (Russian when it has none in that language), else its code. */
  function nameOf(agency) {
    if (!agency) {
      return '';
    }
    var lang = hub.lang();
    var name = lang === 'kk' ? agency.nameKk : (lang === 'en' ? agency.nameEn : agency.nameRu);
    return name || agency.nameRu || agency.code || agency.agency || '';
  }

  function base() {
    var plan = $('campaign-plan').value;
    var year = parseInt($('campaign-year').value, 10);
    return plan && year ? '/api/plans/' + encodeURIComponent(plan) + '/years/' + year : null;
  }

  function hideError(id) {
    if ($(id)) {
      $(id).hidden = true;
    }
  }

  // One part of the page from the plan and year's API: on an answer its error line is hidden and the answer
  // rendered; on a failure the error line says why (hub.failedLoad).
  function load(path, errorId, render) {
    return hub.api(base() + path).then(function (data) {
      hideError(errorId);
      render(data);
    }, function (error) {
      hub.failedLoad(errorId, error);
    });
  }

  // ---------- set-up ----------

  function setUp(who) {
    hub = window.HubConsole;
    state.who = who;
    state.plans = who.plans || [];
    var select = $('campaign-plan');
    hub.clear(select);
    state.plans.forEach(function (plan) {
      select.appendChild(hub.el('option', {value: plan.id, text: plan.id}));
    });
    var plan = state.plans[0];
    $('campaign-year').value = plan ? plan.campaignYear : '';
    $('build-draft').hidden = !hub.hasRole('MTSZN');
    select.onchange = function () {
      var chosen = state.plans.filter(function (p) {
        return p.id === select.value;
      })[0];
      if (chosen) {
        $('campaign-year').value = chosen.campaignYear;
      }
      show();
    };
    $('campaign-year').onchange = show;
    $('campaign-reload').onclick = show;
    $('matrix-filter-text').oninput = renderMatrix;
    $('matrix-filter-status').onchange = renderMatrix;
    $('agency-back').onclick = function () {
      $('agency-view').hidden = true;
      state.agency = null;
    };
    $('build-draft').onclick = buildDraft;
    $('approve-no').onclick = cancelApproval;
    $('approve-yes').onclick = approve;
  }

  /** Loads and draws everything for the chosen plan and year. */
  function show() {
    if (!hub || !base()) {
      return;
    }
    cancelApproval();
    loadProgress();
    loadMatrix();
    loadConsolidations();
    window.HubCharts.loadCampaign(base());
    if (state.agency) {
      openAgency(state.agency);
    }
  }

  // ---------- progress: days left, who owes what, bars ----------

  function bar(count) {
    var owed = count.owed || 0;
    var node = hub.el('div', {className: 'bar', role: 'progressbar', 'aria-valuemin': '0',
      'aria-valuemax': String(owed), 'aria-valuenow': String(count.reported)});
    var onTime = hub.el('span', {className: 'on-time'});
    var late = hub.el('span', {className: 'late'});
    onTime.style.width = (owed ? 100 * count.onTime / owed : 0) + '%';
    late.style.width = (owed ? 100 * count.late / owed : 0) + '%';
    node.appendChild(onTime);
    node.appendChild(late);
    return node;
  }

  function progressRow(label, count, attrs) {
    var row = hub.el('div', attrs || {}, hub.el('strong', {text: label}), bar(count));
    row.className = 'bar-row';
    row.appendChild(hub.el('span', {className: 'bar-text', text: hub.fill('progressText', count)}));
    return row;
  }

  function daysLeftText(progress) {
    // dd.mm.yyyy, as dates are written in Kazakhstan (browsers without Kazakh calendar data would print ISO).
    var date = progress.dueDate.split('-');
    var due = date[2] + (hub.lang() === 'en' ? '/' : '.') + date[1] + (hub.lang() === 'en' ? '/' : '.') + date[0];
    var n = progress.daysLeft;
    if (n > 0) {
      return hub.fill('daysLeft', {n: n, days: days(n), due: due});
    }
    if (n === 0) {
      return hub.fill('dueToday', {due: due});
    }
    return hub.fill('duePassed', {n: -n, days: days(-n), due: due});
  }

  function loadProgress() {
    return load('/progress', 'progress-error', function (progress) {
      state.progress = progress;
      renderProgress();
    });
  }

  function renderProgress() {
    var progress = state.progress;
    if (!progress) {
      return;
    }
    var daysLeft = $('days-left');
    daysLeft.textContent = progress.owed ? daysLeftText(progress) : hub.t('notOwedYear');
    daysLeft.className = 'days-left ' + (progress.daysLeft < 0 ? 'bad-text' : (progress.daysLeft <= 5 ? 'warn-text' : ''));
    daysLeft.setAttribute('data-days-left', String(progress.daysLeft));

    var overall = $('progress-overall');
    hub.clear(overall);
    overall.appendChild(progressRow(hub.t('overall'), progress.overall, {'data-progress': 'overall'}));
    overall.appendChild(hub.el('div', {className: 'legend'},
      hub.el('span', {}, hub.el('span', {className: 'swatch on-time'}), hub.t('legendOnTime')),
      hub.el('span', {}, hub.el('span', {className: 'swatch late'}), hub.t('legendLate')),
      hub.el('span', {}, hub.el('span', {className: 'swatch missing'}), hub.t('legendMissing'))));

    var list = $('owing-list');
    hub.clear(list);
    $('owing-none').hidden = progress.owing.length > 0 || !progress.owed;
    $('owing-count').textContent = progress.owing.length ? hub.fill('owingCount', {n: progress.owing.length}) : '';
    progress.owing.forEach(function (owing) {
      var link = hub.el('button', {type: 'button', className: 'link agency-link', text: nameOf(owing),
        onclick: function () {
          openAgency(owing.agency);
        }});
      var items = owing.items.map(function (item) {
        return item.item + (item.status === 'REJECTED_ONLY' ? ' (' + hub.t('cell_REJECTED_ONLY') + ')' : '');
      }).join(', ');
      var titles = owing.items.map(function (item) {
        return item.item + '. ' + item.titleRu;
      }).join('\n');
      list.appendChild(hub.el('li', {'data-agency': owing.agency}, link,
        hub.el('div', {className: 'owed-items', title: titles, text: hub.t('owingItems') + items})));
    });

    var sections = $('section-bars');
    hub.clear(sections);
    progress.sections.forEach(function (section) {
      var title = hub.lang() === 'en' && section.titleEn ? section.titleEn : (section.titleRu || '');
      sections.appendChild(progressRow(hub.t('section') + ' ' + section.number + '. ' + title, section.count,
        {'data-section': String(section.number)}));
    });
  }

  // ---------- matrix ----------

  function loadMatrix() {
    return load('/matrix', 'campaign-matrix-error', function (matrix) {
      state.matrix = matrix;
      renderMatrix();
    });
  }

  function agencyInfo(code) {
    var found = null;
    ((state.matrix && state.matrix.agencies) || []).forEach(function (agency) {
      if (agency.code === code) {
        found = agency;
      }
    });
    return found || {code: code};
  }

  function cellsOf(code) {
    return ((state.matrix && state.matrix.cells) || []).filter(function (cell) {
      return cell.agency === code;
    });
  }

  function cellTone(cell) {
    if (cell.status === 'NOT_REQUIRED') {
      return 'na';
    }
    if (cell.status === 'MISSING' || cell.status === 'REJECTED_ONLY') {
      return 'bad';
    }
    return cell.late ? 'warn' : 'ok';
  }

  function renderMatrix() {
    var view = $('campaign-matrix-view');
    hub.clear(view);
    var matrix = state.matrix;
    if (!matrix) {
      return;
    }
    var items = (matrix.items || []).map(function (item) {
      return item.number;
    });
    var text = $('matrix-filter-text').value.trim().toLowerCase();
    var filter = $('matrix-filter-status').value;
    var head = hub.el('tr', {}, hub.el('th', {text: hub.t('agency')}));
    (matrix.items || []).forEach(function (item) {
      head.appendChild(hub.el('th', {className: 'item', text: item.number, title: item.titleRu}));
    });
    var body = hub.el('tbody');
    matrix.agencies.forEach(function (agency) {
      var cells = cellsOf(agency.code);
      var owes = cells.some(function (c) {
        return c.kind === 'OWES' && (c.status === 'MISSING' || c.status === 'REJECTED_ONLY');
      });
      var late = cells.some(function (c) {
        return c.late;
      });
      var name = nameOf(agency);
      if (text && name.toLowerCase().indexOf(text) < 0 && agency.code.toLowerCase().indexOf(text) < 0) {
        return;
      }
      if (filter === 'owing' && !owes || filter === 'late' && !late || filter === 'done' && owes) {
        return;
      }
      var row = hub.el('tr', {'data-agency': agency.code}, hub.el('th', {},
        hub.el('button', {type: 'button', className: 'link agency-link', text: name, title: agency.code,
          onclick: function () {
            openAgency(agency.code);
          }})));
      items.forEach(function (item) {
        var cell = cells.filter(function (c) {
          return c.item === item;
        })[0];
        if (!cell) {
          row.appendChild(hub.el('td', {className: 'cell'}));
          return;
        }
        var label = hub.t('cell_' + cell.status);
        row.appendChild(hub.el('td', {className: 'cell ' + cellTone(cell), 'data-item': item,
          title: name + ' / ' + item + ': ' + label + (cell.currentSubmission ? ' (' + cell.currentSubmission + ')' : ''),
          text: cell.status === 'NOT_REQUIRED' ? '·' : (cell.status === 'MISSING' ? '—' : (cell.late ? '!' : '✓'))}));
      });
      body.appendChild(row);
    });
    view.appendChild(hub.el('table', {}, hub.el('thead', {}, head), body));
  }

  // ---------- one agency ----------

  function openAgency(code) {
    state.agency = code;
    $('agency-view').hidden = false;
    var agency = agencyInfo(code);
    var owing = ((state.progress && state.progress.owing) || []).filter(function (o) {
      return o.agency === code;
    })[0];
    $('agency-name').textContent = nameOf(agency.nameRu ? agency : (owing || agency)) + ' (' + code + ')';
    var owes = $('agency-owes');
    hub.clear(owes);
    cellsOf(code).forEach(function (cell) {
      var title = '';
      ((state.matrix && state.matrix.items) || []).forEach(function (item) {
        if (item.number === cell.item) {
          title = item.titleRu;
        }
      });
      owes.appendChild(hub.el('tr', {'data-item': cell.item},
        hub.td(cell.item),
        hub.td(title, 'muted'),
        hub.el('td', {}, hub.el('span', {className: 'badge ' + cellTone(cell), text: hub.t('cell_' + cell.status)}))));
    });
    load('/agencies/' + encodeURIComponent(code) + '/history', 'agency-error', function (history) {
      var versions = $('agency-versions');
      hub.clear(versions);
      if (!history.versions.length) {
        versions.appendChild(hub.el('tr', {}, hub.el('td', {colspan: '6', className: 'muted', text: hub.t('noVersions')})));
      } else if (history.total > history.versions.length) {
        // The hub lists the latest documents only; say how many there are in all.
        versions.appendChild(hub.el('tr', {className: 'versions-shown'}, hub.el('td', {colspan: '6', className: 'muted',
          text: hub.fill('versionsShown', {shown: history.versions.length, n: history.total})})));
      }
      history.versions.forEach(function (v) {
        versions.appendChild(hub.el('tr', {'data-submission-id': v.submissionId},
          hub.td(hub.formatTime(v.receivedAt)),
          hub.el('td', {}, hub.el('code', {text: v.submissionId})),
          hub.td(v.reportId || ''),
          hub.el('td', {}, hub.badge(v.status), v.late ? hub.el('span', {className: 'badge warn', text: hub.t('late')}) : null,
            v.supersededBy ? hub.el('span', {className: 'muted', text: ' ' + hub.t('supersededBy') + ' ' + v.supersededBy}) : null),
          hub.td(v.correctionOf || ''),
          hub.td((v.items || []).map(function (i) {
            return i.item + ': ' + hub.t('cs_' + i.status) + (i.current ? ' (' + hub.t('current') + ')' : '');
          }).join('; '))));
      });
      $('agency-view').scrollIntoView({block: 'start'});
    });
  }

  // ---------- consolidation ----------

  function loadConsolidations() {
    return load('/consolidations', 'campaign-consolidation-error', renderConsolidations);
  }

  function consolidationPath(row) {
    return base() + '/consolidations/' + encodeURIComponent(row.id);
  }

  function fileBase(row) {
    return 'consolidated-report-' + row.plan + '-' + row.year + '-v' + row.version + (row.status === 'DRAFT' ? '-draft' : '');
  }

  function downloadButton(row, format, label) {
    var name = fileBase(row) + (format === 'manifest' ? '.manifest.json' : '.' + format);
    return hub.downloadLink(consolidationPath(row) + '?format=' + format, name, label, format);
  }

  function renderConsolidations(list) {
    var rows = $('consolidation-rows');
    hub.clear(rows);
    $('consolidation-empty').hidden = list.length > 0;
    list.forEach(function (row) {
      var actions = hub.el('td', {className: 'actions'},
        hub.el('button', {type: 'button', 'data-action': 'preview', text: hub.t('preview'), onclick: function () {
          preview(row);
        }}),
        downloadButton(row, 'pdf', 'PDF'), downloadButton(row, 'xml', 'XML'), downloadButton(row, 'json', 'JSON'));
      if (row.status === 'APPROVED') {
        actions.appendChild(downloadButton(row, 'manifest', hub.t('manifest')));
      }
      if (row.status === 'DRAFT' && hub.hasRole('MTSZN')) {
        actions.appendChild(hub.el('button', {type: 'button', className: 'danger', 'data-action': 'approve',
          text: hub.t('approve'), onclick: function () {
            askApproval(row);
          }}));
      }
      rows.appendChild(hub.el('tr', {'data-consolidation-id': row.id, 'data-status': row.status},
        hub.td(row.version, 'num'),
        hub.el('td', {}, hub.el('span', {className: 'badge ' + hub.tone(row.status), text: hub.t('st_' + row.status)})),
        hub.td(hub.formatTime(row.approvedAt || row.createdAt)),
        hub.td(row.approvedBy || row.createdBy),
        hub.td(row.completed + ' / ' + row.items, 'num'),
        hub.td(row.agenciesMissing, 'num'),
        actions));
    });
  }

  function buildDraft() {
    hub.api(base() + '/consolidations', {method: 'POST'}).then(function (row) {
      hub.flash(hub.t('draftBuilt') + ': ' + hub.t('version') + ' ' + row.version, false);
      return loadConsolidations().then(function () {
        preview(row);
      });
    }, function (error) {
      hub.failedAction(error);
    });
  }

  function preview(row) {
    var box = $('consolidation-preview');
    hub.api(consolidationPath(row)).then(function (report) {
      var turn = ++state.previews;
      hub.clear(box);
      forgetPdf();
      box.hidden = false;
      box.setAttribute('data-consolidation-id', row.id);
      box.appendChild(hub.el('h3', {text: hub.t('preview') + ': ' + hub.t('version') + ' ' + report.version + ' (' +
        hub.t('st_' + row.status) + ')'}));
      box.appendChild(hub.el('p', {className: 'preview-summary', text: hub.fill('previewSummary', report.summary || {})}));
      var tables = hub.el('div', {className: 'preview-tables'});
      (report.sections || []).forEach(function (section) {
        var table = hub.el('table', {className: 'preview'}, hub.el('thead', {}, hub.el('tr', {},
          hub.el('th', {text: hub.t('item')}), hub.el('th', {text: hub.t('itemTitle')}), hub.el('th', {text: hub.t('status')}))));
        var body = hub.el('tbody');
        section.items.forEach(function (item) {
          body.appendChild(hub.el('tr', {'data-item': item.number},
            hub.td(item.number), hub.td(item.titleRu),
            hub.el('td', {}, hub.el('span', {className: 'badge ' + hub.tone(item.status), text: hub.t('cs_' + item.status)}))));
        });
        table.appendChild(body);
        tables.appendChild(hub.el('h4', {text: hub.t('section') + ' ' + section.number + '. ' + (section.titleRu || '')}));
        tables.appendChild(table);
      });
      box.appendChild(hub.el('div', {className: 'preview-split'}, tables, pdfFrame(row, report, turn)));
      if (report.delivery) {
        box.appendChild(deliveryTable(report.delivery));
      }
    }, function (error) {
      hub.failedLoad('campaign-consolidation-error', error);
    });
  }

  /**
   * The PDF itself beside the tables, the very file MTSZN approves and downloads: fetched with the console's login
   * (a frame pointed at the API would send none, and a login never goes in an address) and shown from a blob:
   * address, the only kind of frame the console's Content-Security-Policy allows. What cannot be fetched is said in
   * the frame's place.
   */
  function pdfFrame(row, report, turn) {
    var title = hub.t('pdfPreview') + ': ' + hub.t('version') + ' ' + report.version;
    var frame = hub.el('iframe', {id: 'consolidation-pdf', className: 'pdf', title: title, hidden: ''});
    var figure = hub.el('figure', {className: 'preview-pdf'}, hub.el('figcaption', {text: title}), frame,
      hub.el('p', {id: 'consolidation-pdf-error', className: 'unavailable', hidden: ''}));
    hub.fetchFile(consolidationPath(row) + '?format=pdf').then(function (blob) {
      if (turn !== state.previews) {
        return; // this preview was redrawn before its PDF came: nothing shows it, so no address is made
      }
      // Typed here, not by the answer: whatever came is shown as a PDF, never as a page of the console's origin.
      state.pdfUrl = URL.createObjectURL(new Blob([blob], {type: 'application/pdf'}));
      frame.src = state.pdfUrl;
      frame.hidden = false;
    }, function (error) {
      if (turn === state.previews) {
        hub.failedLoad('consolidation-pdf-error', error);
      }
    });
    return figure;
  }

  /** The shown PDF's blob: address is let go of (its bytes freed) when another preview replaces it. */
  function forgetPdf() {
    if (state.pdfUrl) {
      URL.revokeObjectURL(state.pdfUrl);
      state.pdfUrl = null;
    }
  }

  function deliveryTable(delivery) {
    var wrap = hub.el('div', {id: 'delivery'}, hub.el('h3', {text: hub.t('delivery')}));
    var body = hub.el('tbody');
    delivery.forEach(function (part) {
      body.appendChild(hub.el('tr', {'data-part': part.part},
        hub.td(part.name),
        hub.el('td', {}, hub.el('span', {className: 'badge ' + (part.state === 'SENT' ? 'ok' : 'warn'),
          text: hub.t('st_' + part.state)})),
        hub.td(hub.formatTime(part.sentAt)),
        hub.td(part.attempts, 'num'),
        hub.td(part.lastError || '', 'bad-text')));
    });
    wrap.appendChild(hub.el('table', {}, hub.el('thead', {}, hub.el('tr', {},
      hub.el('th', {text: hub.t('part')}), hub.el('th', {text: hub.t('status')}), hub.el('th', {text: hub.t('sentAt')}),
      hub.el('th', {text: hub.t('attempts')}), hub.el('th', {text: hub.t('lastError')}))), body));
    return wrap;
  }

  function askApproval(row) {
    state.pendingApproval = row;
    $('approve-confirm').hidden = false;
    $('approve-confirm-text').textContent = hub.fill('confirmApprove', {version: row.version});
  }

  function cancelApproval() {
    state.pendingApproval = null;
    if ($('approve-confirm')) {
      $('approve-confirm').hidden = true;
    }
  }

  function approve() {
    var row = state.pendingApproval;
    cancelApproval();
    if (!row) {
      return;
    }
    hub.api(consolidationPath(row) + '/approve', {method: 'POST'})
      .then(function (approved) {
        hub.flash(hub.t('approvedNow') + ' (' + hub.t('version') + ' ' + approved.version + ')', false);
        return loadConsolidations().then(function () {
          row.status = 'APPROVED';
          preview(row);
        });
      }, function (error) {
        hub.failedAction(error);
      });
  }

  window.Campaign = {setUp: setUp, show: show};
}());
