// The console: /api/me says who signed in. The operator gets the hub's dashboard (polls the operator API and
// renders each section on its own, so one missing or failing API shows as "unavailable" in its section and
// nothing else) and the campaign tab; MTSZN gets the campaign (campaign.js) only; the Government the approved
// packages MTSZN sent it (government.js), read-only; anyone else is refused.
// Every value from the server goes into the page as text (textContent), never as HTML.
(function () {
  'use strict';

  var API = '/api/operator';
  var LANGUAGES = ['kk', 'ru', 'en'];
  var LOCALES = {kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB'};
  var state = {
    auth: sessionStorage.getItem('hub.auth'),
    lang: LANGUAGES.indexOf(localStorage.getItem('hub.lang')) >= 0 ? localStorage.getItem('hub.lang') : 'ru',
    who: null,
    view: null,
    me: null,
    timer: null,
    previousRoutes: {},
    rendered: {},
    openReceipts: {},
    reasons: {},
    intakeReasons: {},
    retryAllArmed: false,
    // The last answer of each API the headline reads (channels, dead-letters, queues); absent when it failed.
    latest: {}
  };
  /** A message waiting longer than this on a watched queue (not the DLQ) is stuck: the headline names the queue. */
  var STUCK_SECONDS = 300;

  function t(key) {
    var texts = window.I18N[state.lang] || window.I18N.ru;
    return texts[key] !== undefined ? texts[key] : (window.I18N.ru[key] || key);
  }

  /** A text with {name} placeholders filled (a missing or null value: nothing); the campaign and provenance use it. */
  function fill(key, values) {
    return t(key).replace(/\{(\w+)\}/g, function (all, name) {
      return values[name] === undefined || values[name] === null ? '' : String(values[name]);
    });
  }

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    var key;
    for (key in (attrs || {})) {
      if (key === 'text') {
        node.textContent = attrs[key] === null || attrs[key] === undefined ? '' : String(attrs[key]);
      } else if (key === 'className') {
        node.className = attrs[key];
      } else if (key.indexOf('on') === 0) {
        node.addEventListener(key.substring(2), attrs[key]);
      } else {
        node.setAttribute(key, attrs[key]);
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      if (arguments[i] !== null && arguments[i] !== undefined) {
        node.appendChild(typeof arguments[i] === 'string' ? document.createTextNode(arguments[i]) : arguments[i]);
      }
    }
    return node;
  }

  function td(text, className) {
    return el('td', {text: text, className: className || ''});
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function formatTime(value) {
    if (!value) {
      return '';
    }
    var date = new Date(value);
    return isNaN(date.getTime()) ? String(value) : date.toLocaleString(LOCALES[state.lang]);
  }

  function formatBytes(bytes) {
    if (bytes === null || bytes === undefined) {
      return '';
    }
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var value = Number(bytes);
    var unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit === 0 ? value : value.toFixed(1)) + ' ' + units[unit];
  }

  /** ok / warn / bad / na for any status word the hub uses (receipts, matrix cells, health checks). */
  function tone(status) {
    var s = String(status === null || status === undefined ? '' : status).toUpperCase();
    if (s === 'HELD') {
      return 'paused';
    }
    if (/NOT_APPLICABLE|NOT_RESPONSIBLE|NOT_IN_FORCE|^N\/A$|^NA$|^-$|^$/.test(s)) {
      return 'na';
    }
    if (/MISSING|NOT_REPORTED|NOT_STARTED|OVERDUE|REJECT|FAIL|DOWN|ERROR|EXHAUSTED|STOPPED|UNKNOWN|NONE/.test(s)) {
      return 'bad';
    }
    if (/PROGRESS|PARTIAL|LATE|PENDING|DRAFT|DUPLICATE|RESTART|STARTING|SUSPENDED|WAIT/.test(s)) {
      return 'warn';
    }
    return 'ok';
  }

  function badge(status) {
    return el('span', {className: 'badge ' + tone(status), text: status});
  }

  function basic(user, password) {
    var bytes = new TextEncoder().encode(user + ':' + password);
    var binary = '';
    bytes.forEach(function (b) {
      binary += String.fromCharCode(b);
    });
    return btoa(binary);
  }

  function AuthError(message) {
    this.message = message;
  }

  function api(path, options) {
    options = options || {};
    var headers = {'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json'};
    if (options.body) {
      headers['Content-Type'] = 'application/json';
    }
    if (state.auth) {
      headers['Authorization'] = 'Basic ' + state.auth;
    }
    Object.keys(options.headers || {}).forEach(function (name) {
      headers[name] = options.headers[name];
    });
    return fetch(path, {
      method: options.method || 'GET',
      headers: headers,
      body: options.body ? JSON.stringify(options.body) : undefined,
      cache: 'no-store',
      credentials: 'omit'
    }).then(function (response) {
      return response.text().then(function (text) {
        var body = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch (e) {
          body = text;
        }
        if (response.status === 401) {
          throw new AuthError(t('loginFailed'));
        }
        if (response.status === 403 && path.indexOf(API) === 0) {
          throw new AuthError(t('notOperator'));
        }
        if (!response.ok) {
          var error = new Error((body && body.detail) || (response.status + ' ' + response.statusText));
          error.status = response.status;
          throw error;
        }
        return body;
      });
    });
  }

  // ---------- language ----------

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    var title = governmentOnly() ? 'titleGovernment' : (campaignOnly() ? 'titleCampaign' : 'title');
    document.querySelector('header h1').setAttribute('data-i18n', title);
    document.title = t(title);
    document.querySelectorAll('[data-i18n]').forEach(function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    document.querySelectorAll('#lang-switch button').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-lang') === state.lang));
    });
    state.rendered = {};
  }

  function hasRole(role) {
    return !!(state.who && state.who.roles && state.who.roles.indexOf(role) >= 0);
  }

  /** MTSZN without the operator role: the campaign is all it sees. */
  function campaignOnly() {
    return hasRole('MTSZN') && !hasRole('OPERATOR');
  }

  /** The Government's login: the approved packages, nothing of the campaign or the hub (the API refuses the rest). */
  function governmentOnly() {
    return hasRole('GOVERNMENT') && !hasRole('OPERATOR') && !hasRole('MTSZN');
  }

  // ---------- login ----------

  function showLogin(message) {
    stopPolling();
    $('dashboard').hidden = true;
    $('campaign').hidden = true;
    $('search').hidden = true;
    $('government').hidden = true;
    $('tabs').hidden = true;
    $('logout').hidden = true;
    $('who').textContent = '';
    $('login-panel').hidden = false;
    $('login-error').textContent = message || '';
  }

  function showView(view) {
    state.view = view;
    $('login-panel').hidden = true;
    $('logout').hidden = false;
    $('who').textContent = state.who.login;
    $('tabs').hidden = governmentOnly();
    document.querySelectorAll('#tabs button').forEach(function (button) {
      button.setAttribute('aria-selected', String(button.getAttribute('data-view') === view));
      // The hub's work is the operator's; MTSZN has the campaign and the documents.
      button.hidden = button.getAttribute('data-view') === 'dashboard' && !hasRole('OPERATOR');
    });
    $('dashboard').hidden = view !== 'dashboard';
    $('campaign').hidden = view !== 'campaign';
    $('search').hidden = view !== 'search';
    $('government').hidden = view !== 'government';
    applyLanguage();
    if (view === 'dashboard') {
      refresh();
      return;
    }
    stopPolling();
    if (view === 'campaign') {
      window.Campaign.show();
    } else if (view === 'government') {
      window.Government.show();
    } else {
      window.Provenance.show();
    }
  }

  function signIn(event) {
    event.preventDefault();
    state.auth = basic($('login-user').value, $('login-password').value);
    start();
  }

  function signOut() {
    state.auth = null;
    state.me = null;
    state.who = null;
    state.latest = {};
    applyLanguage();
    sessionStorage.removeItem('hub.auth');
    showLogin('');
  }

  function start() {
    if (!state.auth) {
      showLogin('');
      return;
    }
    api('/api/me').then(function (who) {
      state.who = who;
      if (!hasRole('OPERATOR') && !hasRole('MTSZN') && !hasRole('GOVERNMENT')) {
        throw new AuthError(t('notStaff'));
      }
      return hasRole('OPERATOR') ? api(API + '/me') : null;
    }).then(function (me) {
      state.me = me;
      sessionStorage.setItem('hub.auth', state.auth);
      $('login-password').value = '';
      if (governmentOnly()) {
        window.Government.setUp(state.who);
        showView('government');
        return;
      }
      window.Campaign.setUp(state.who);
      window.Provenance.setUp();
      if (me) {
        setUpMatrixControls(me);
      }
      showView(me ? 'dashboard' : 'campaign');
    }).catch(function (error) {
      state.who = null;
      state.auth = null;
      sessionStorage.removeItem('hub.auth');
      showLogin(error instanceof AuthError ? error.message : t('unavailable') + error.message);
    });
  }

  // ---------- polling ----------

  function stopPolling() {
    if (state.timer) {
      clearTimeout(state.timer);
      state.timer = null;
    }
  }

  function refresh() {
    stopPolling();
    var sections = [loadRoutes, loadQueues, loadChannels, loadSubmissions, loadMatrix, loadDeadLetters,
      loadDeadLetterDays, loadActions, loadConsolidations];
    Promise.all(sections.map(function (load) {
      return load().then(function () {
        return null;
      }, function (error) {
        return error;
      });
    })).then(function (errors) {
      var authError = errors.filter(function (e) {
        return e instanceof AuthError;
      })[0];
      if (authError) {
        signOut();
        $('login-error').textContent = authError.message;
        return;
      }
      if (state.view !== 'dashboard') {
        return;
      }
      renderHeadline();
      $('updated').textContent = t('updated') + ' ' + new Date().toLocaleTimeString(LOCALES[state.lang]);
      var seconds = (state.me && state.me.refreshSeconds) || 5;
      state.timer = setTimeout(refresh, seconds * 1000);
    });
  }

  /** Runs a loader for a section: shows the section's error line on failure, hides it on success. */
  function section(name, promise, render) {
    var errorLine = $(name + '-error');
    return promise.then(function (data) {
      if (errorLine) {
        errorLine.hidden = true;
      }
      var key = JSON.stringify(data);
      if (state.rendered[name] !== key) {
        render(data);
        state.rendered[name] = key;
      }
    }, function (error) {
      if (error instanceof AuthError) {
        throw error;
      }
      state.rendered[name] = null;
      if (errorLine) {
        errorLine.hidden = false;
        errorLine.textContent = error.status === 404 ? t('notYetAvailable') : t('unavailable') + error.message;
      }
    });
  }

  // ---------- headline: is everything fine, and what needs the operator now ----------

  /**
   * What needs the operator, from the answers the dashboard has just read: readiness checks not UP (red), dead
   * letters, channels an operator suspended, messages stuck on a queue, and any of these that could not be read
   * (amber). Each names its card below by anchor.
   */
  function needs() {
    var list = [];
    var channels = state.latest.channels;
    var letters = state.latest['dead-letters'];
    var queues = state.latest.queues;
    if (!channels) {
      list.push({anchor: 'channels', tone: 'warn', text: t('headlineNoHealth')});
    } else {
      channels.health.filter(function (check) {
        return check.readiness && check.state !== 'UP';
      }).forEach(function (check) {
        list.push({anchor: 'channels', tone: 'bad', text: fill('headlineCheck', {check: check.id, state: check.state})});
      });
      (channels.intake || []).filter(function (channel) {
        return channel.state === 'SUSPENDED';
      }).forEach(function (channel) {
        list.push({anchor: 'intake', tone: 'warn', text: fill('headlineSuspended', {channel: channelLabel(channel.channel)})});
      });
    }
    if (!letters) {
      list.push({anchor: 'dead-letters', tone: 'warn', text: t('headlineNoDeadLetters')});
    } else if (letters.length) {
      list.push({anchor: 'dead-letters', tone: 'warn', text: fill('headlineDeadLetters', {n: letters.length})});
    }
    if (!queues) {
      list.push({anchor: 'queues', tone: 'warn', text: t('headlineNoQueues')});
    } else {
      queues.filter(function (queue) {
        return queue.queue !== 'DLQ' && queue.oldestSeconds > STUCK_SECONDS;
      }).forEach(function (queue) {
        list.push({anchor: 'queues', tone: 'warn', text: fill('headlineStuck', {queue: queue.queue, messages: queue.messages,
          minutes: Math.floor(queue.oldestSeconds / 60)})});
      });
    }
    return list;
  }

  function renderHeadline() {
    var list = needs();
    var key = JSON.stringify(list);
    if (state.rendered.headline === key) {
      return;
    }
    state.rendered.headline = key;
    var overall = !list.length ? 'ok' : (list.some(function (need) {
      return need.tone === 'bad';
    }) ? 'bad' : 'warn');
    $('headline').className = 'card headline ' + overall;
    $('headline').setAttribute('data-headline', overall);
    $('headline-text').textContent = t(overall === 'ok' ? 'headlineOk' : 'headlineNeeds');
    var items = $('headline-items');
    clear(items);
    list.forEach(function (need) {
      items.appendChild(el('li', {'data-needs': need.anchor, className: need.tone},
        el('a', {href: '#' + need.anchor, text: need.text})));
    });
  }

  // ---------- routes ----------

  function loadRoutes() {
    return api(API + '/routes').then(function (routes) {
      var now = Date.now();
      routes.forEach(function (route) {
        var previous = state.previousRoutes[route.routeId];
        route.perMinute = previous && now > previous.at
          ? Math.max(0, (route.exchangesTotal - previous.total) * 60000 / (now - previous.at)) : null;
        state.previousRoutes[route.routeId] = {total: route.exchangesTotal, at: now};
      });
      return routes;
    }).then(function (routes) {
      return section('routes', Promise.resolve(routes), function (list) {
        var body = $('routes-body');
        clear(body);
        list.forEach(function (route) {
          body.appendChild(el('tr', {'data-route-id': route.routeId},
            td(route.routeId),
            el('td', {title: route.lastError || ''}, badge(route.state)),
            td(route.from, 'muted'),
            td(route.exchangesTotal, 'num'),
            td(route.exchangesFailed, 'num'),
            td(route.inflight, 'num'),
            td(route.perMinute === null ? '' : route.perMinute.toFixed(1), 'num'),
            td((route.meanSeconds * 1000).toFixed(1), 'num')));
        });
      });
    });
  }

  // ---------- queues ----------

  /** Keeps a request's answer for the headline (and forgets it when the request fails); returns the request. */
  function remember(name, request) {
    request.then(function (data) {
      state.latest[name] = data;
    }, function () {
      delete state.latest[name];
    });
    return request;
  }

  function loadQueues() {
    return section('queues', remember('queues', api(API + '/queues')), function (queues) {
      var body = $('queues-body');
      clear(body);
      queues.forEach(function (queue) {
        body.appendChild(el('tr', {'data-queue': queue.queue},
          td(queue.queue),
          queue.error ? el('td', {colspan: '2', className: 'unavailable', text: queue.error})
            : td(queue.messages, 'num' + (queue.queue === 'DLQ' && queue.messages > 0 ? ' bad' : '')),
          queue.error ? null : td(queue.consumers, 'num')));
      });
    });
  }

  // ---------- channels and health ----------

  function loadChannels() {
    var request = remember('channels', api(API + '/channels'));
    return Promise.all([section('channels', request, renderChannels),
      section('intake', request.then(function (channels) {
        return channels.intake || [];
      }), renderIntake)]);
  }

  function renderChannels(channels) {
    var sources = $('sources-body');
    clear(sources);
    if (!channels.sources.length) {
      sources.appendChild(el('tr', {}, el('td', {colspan: '2', className: 'muted', text: t('noSources')})));
    }
    channels.sources.forEach(function (source) {
      sources.appendChild(el('tr', {},
        td(source.source),
        td(source.lastPoll ? formatTime(source.lastPoll) : t('never'), source.lastPoll ? '' : 'bad')));
    });
    var health = $('health-body');
    clear(health);
    channels.health.forEach(function (check) {
      health.appendChild(el('tr', {'data-check': check.id},
        td(check.id),
        el('td', {}, badge(check.state)),
        td(check.message || '', 'muted')));
    });
    $('disk-free').textContent = t('diskFree') + ': ' + formatBytes(channels.dataDirFreeBytes);
  }

  // ---------- intake: suspend and resume a channel ----------

  function channelLabel(id) {
    var remote = 'sftp-remote-';
    if (id.indexOf(remote) === 0) {
      return fill('channelRemote', {agency: id.substring(remote.length)});
    }
    return t('channel_' + id) === 'channel_' + id ? id : t('channel_' + id);
  }

  function changeIntake(channel, verb, reason) {
    var body = reason ? {reason: reason} : {};
    api(API + '/channels/' + encodeURIComponent(channel) + '/' + verb, {method: 'POST', body: body}).then(function () {
      delete state.intakeReasons[channel];
      flash(fill(verb === 'suspend' ? 'intakeSuspendedFlash' : 'intakeResumedFlash', {channel: channelLabel(channel)}),
        false);
      state.rendered.intake = null;
      state.rendered.actions = null;
      refresh();
    }, failedAction);
  }

  function renderIntake(list) {
    var body = $('intake-body');
    clear(body);
    list.forEach(function (channel) {
      var suspended = channel.state === 'SUSPENDED';
      var actions = el('td', {className: 'actions'});
      if (suspended) {
        actions.appendChild(el('button', {type: 'button', 'data-action': 'resume', text: t('resumeIntake'),
          onclick: function () {
            changeIntake(channel.channel, 'resume', null);
          }}));
      } else {
        var reason = el('input', {className: 'reason', 'data-intake-reason-for': channel.channel, maxlength: '500',
          placeholder: t('suspendReasonPlaceholder')});
        reason.value = state.intakeReasons[channel.channel] || '';
        var suspend = el('button', {type: 'button', 'data-action': 'suspend', text: t('suspendIntake'),
          onclick: function () {
            changeIntake(channel.channel, 'suspend', reason.value.trim());
          }});
        suspend.disabled = !reason.value.trim();
        reason.addEventListener('input', function () {
          state.intakeReasons[channel.channel] = reason.value;
          suspend.disabled = !reason.value.trim();
        });
        actions.appendChild(reason);
        actions.appendChild(suspend);
      }
      body.appendChild(el('tr', {'data-intake-channel': channel.channel, 'data-intake-state': channel.state},
        el('td', {}, el('span', {text: channelLabel(channel.channel)}), ' ',
          el('code', {className: 'muted', text: channel.channel})),
        el('td', {}, el('span', {className: 'badge ' + (suspended ? 'paused' : 'ok'),
          text: t(suspended ? 'intakeSuspended' : 'intakeReceiving')})),
        td(suspended ? fill('intakeSuspendedDetail', {reason: channel.reason, by: channel.by,
          at: formatTime(channel.since)}) : '', suspended ? '' : 'muted'),
        actions));
    });
  }

  // ---------- submissions ----------

  function loadSubmissions() {
    return section('submissions', api(API + '/submissions?limit=50'), function (submissions) {
      var body = $('submissions-body');
      clear(body);
      if (!submissions.length) {
        body.appendChild(el('tr', {}, el('td', {colspan: '8', className: 'muted', text: t('noSubmissions')})));
      }
      submissions.forEach(function (submission) {
        var errors = submission.receipt && submission.receipt.errors ? submission.receipt.errors.length : 0;
        var details = el('details', {'data-receipt-of': submission.submissionId},
          el('summary', {text: t('show') + (errors ? ' (' + errors + ' ' + t('errors') + ')' : '')}),
          el('pre', {text: JSON.stringify(submission.receipt, null, 2)}));
        details.open = !!state.openReceipts[submission.submissionId];
        details.addEventListener('toggle', function () {
          state.openReceipts[submission.submissionId] = details.open;
        });
        body.appendChild(el('tr', {'data-submission-id': submission.submissionId},
          td(formatTime(submission.processedAt)),
          td(submission.submissionId),
          td(submission.channel),
          td(submission.agency || ''),
          td(submission.reportId || ''),
          td(submission.year || ''),
          el('td', {}, badge(submission.status), submission.late ? el('span', {className: 'badge warn', text: t('late')}) : null),
          el('td', {}, details)));
      });
    });
  }

  // ---------- matrix ----------

  function setUpMatrixControls(me) {
    var select = $('matrix-plan');
    clear(select);
    (me.plans || []).forEach(function (plan) {
      select.appendChild(el('option', {value: plan.id, text: plan.id}));
    });
    var plan = (me.plans || [])[0];
    // The year whose campaign runs by the hub's clock (/api/me), else last year by the browser's.
    var running = ((state.who && state.who.plans) || []).filter(function (p) {
      return plan && p.id === plan.id && p.campaignYear;
    })[0];
    var year = running ? running.campaignYear : new Date().getFullYear() - 1;
    if (plan) {
      year = Math.min(Math.max(year, plan.firstReportingYear), plan.lastReportingYear);
    }
    $('matrix-year').value = year;
    select.onchange = changedMatrixChoice;
    $('matrix-year').onchange = changedMatrixChoice;
  }

  function changedMatrixChoice() {
    state.rendered.matrix = null;
    state.rendered.consolidations = null;
    loadMatrix();
    loadConsolidations();
  }

  function planAndYear() {
    var plan = $('matrix-plan').value;
    var year = parseInt($('matrix-year').value, 10);
    return plan && year ? '/api/plans/' + encodeURIComponent(plan) + '/years/' + year : null;
  }

  // A section of the plan and year chosen above the matrix: nothing to load until both are chosen.
  function planSection(name, path, render) {
    var base = planAndYear();
    if (!base) {
      return Promise.resolve();
    }
    return section(name, api(base + path), render);
  }

  function codeOf(value) {
    if (value === null || value === undefined) {
      return null;
    }
    if (typeof value !== 'object') {
      return String(value);
    }
    var code = value.code || value.agency || value.number || value.item || value.itemNumber || value.id;
    return code === undefined ? null : String(code);
  }

  function statusOf(cell) {
    if (cell === null || cell === undefined) {
      return null;
    }
    if (typeof cell !== 'object') {
      return String(cell);
    }
    return cell.status || cell.state || cell.value || null;
  }

  /**
   * Reads the matrix API's answer into agencies × items. Accepted shapes: {agencies, items, cells: [{agency,
   * item, status}]}, {rows: [{agency, cells: {item: status} | [{item, status}]}]}, {matrix: {agency: {item:
   * status}}}; agencies and items may be codes or objects with a code/number. Null when none of these.
   */
  function normalizeMatrix(data) {
    if (!data || typeof data !== 'object') {
      return null;
    }
    var cells = {};
    var agencies = [];
    var items = [];
    function put(agency, item, cell) {
      if (agency === null || item === null) {
        return;
      }
      cells[agency + '\u0000' + item] = cell;
      if (agencies.indexOf(agency) < 0) {
        agencies.push(agency);
      }
      if (items.indexOf(item) < 0) {
        items.push(item);
      }
    }
    function putRow(agency, rowCells) {
      if (Array.isArray(rowCells)) {
        rowCells.forEach(function (c) {
          put(agency, codeOf(c.item !== undefined ? c.item : (c.itemNumber !== undefined ? c.itemNumber : c.number)), c);
        });
      } else if (rowCells && typeof rowCells === 'object') {
        Object.keys(rowCells).forEach(function (item) {
          put(agency, item, rowCells[item]);
        });
      }
    }
    if (Array.isArray(data.cells)) {
      data.cells.forEach(function (c) {
        put(codeOf(c.agency), codeOf(c.item !== undefined ? c.item : (c.itemNumber !== undefined ? c.itemNumber : c.number)), c);
      });
    }
    if (Array.isArray(data.rows)) {
      data.rows.forEach(function (row) {
        putRow(codeOf(row.agency !== undefined ? row.agency : row.code), row.cells || row.items || row.entries);
      });
    }
    if (data.matrix && typeof data.matrix === 'object' && !Array.isArray(data.matrix)) {
      Object.keys(data.matrix).forEach(function (agency) {
        putRow(agency, data.matrix[agency]);
      });
    }
    if (Array.isArray(data.agencies) && data.agencies.length) {
      agencies = data.agencies.map(codeOf);
    }
    if (Array.isArray(data.items) && data.items.length) {
      items = data.items.map(codeOf);
    }
    if (!agencies.length || !items.length) {
      return null;
    }
    return {agencies: agencies, items: items, cell: function (agency, item) {
      return cells[agency + '\u0000' + item];
    }};
  }

  function loadMatrix() {
    return planSection('matrix', '/matrix', function (data) {
      var view = $('matrix-view');
      clear(view);
      var matrix = normalizeMatrix(data);
      if (!matrix) {
        view.appendChild(el('pre', {text: JSON.stringify(data, null, 2)}));
        return;
      }
      if (data.lastDayOnTime) {
        view.appendChild(el('p', {className: 'due', text: t('dueDate') + data.lastDayOnTime + ' (' +
          (data.dueReading || '') + ', ' + (data.zone || '') + ')'}));
      }
      // Agencies with their kind (owes / by agreement / contributes) and validity, when the API gives them.
      var info = {};
      (Array.isArray(data.agencies) ? data.agencies : []).forEach(function (a) {
        if (a && typeof a === 'object' && a.code) {
          info[a.code] = a;
        }
      });
      var kindOrder = ['OWES', 'BY_AGREEMENT', 'CONTRIBUTES'];
      function kindOf(agency) {
        return (info[agency] && info[agency].kind) || 'OWES';
      }
      var agencies = matrix.agencies.slice().sort(function (a, b) {
        return kindOrder.indexOf(kindOf(a)) - kindOrder.indexOf(kindOf(b));
      });
      var head = el('tr', {}, el('th', {text: t('agency')}));
      matrix.items.forEach(function (item) {
        head.appendChild(el('th', {className: 'item', text: item}));
      });
      var body = el('tbody');
      var shownKind = null;
      agencies.forEach(function (agency) {
        var kind = kindOf(agency);
        if (kind !== shownKind && Object.keys(info).length) {
          body.appendChild(el('tr', {className: 'kind', 'data-kind': kind},
            el('th', {colspan: matrix.items.length + 1, text: t('kind' + kind)})));
          shownKind = kind;
        }
        var label = agency;
        if (info[agency] && info[agency].validFrom) {
          label += ' (' + t('since') + info[agency].validFrom +
            (info[agency].predecessors ? '; ' + t('before') + info[agency].predecessors.join(', ') : '') + ')';
        }
        var row = el('tr', {'data-agency': agency, 'data-kind': kind}, el('th', {text: label}));
        matrix.items.forEach(function (item) {
          var cell = matrix.cell(agency, item);
          var status = statusOf(cell);
          var title = agency + ' / ' + item + (status ? ': ' + status : '');
          var submission = cell && typeof cell === 'object' ? (cell.currentSubmission || cell.submissionId) : null;
          if (submission) {
            title += ' (' + submission + ')';
          }
          row.appendChild(el('td', {className: 'cell ' + tone(status), title: title, text: status ? status.charAt(0) : ''}));
        });
        body.appendChild(row);
      });
      view.appendChild(el('table', {}, el('thead', {}, head), body));
      view.appendChild(el('div', {className: 'legend'},
        el('span', {className: 'badge ok', text: t('legendOk')}),
        el('span', {className: 'badge warn', text: t('legendWarn')}),
        el('span', {className: 'badge bad', text: t('legendBad')}),
        el('span', {className: 'badge na', text: t('legendNa')})));
    });
  }

  // ---------- dead letters ----------

  function flash(message, bad) {
    var box = $('flash');
    box.textContent = message;
    box.className = 'flash' + (bad ? ' bad' : '');
    box.hidden = false;
  }

  function afterAction(message) {
    flash(message, false);
    state.rendered['dead-letters'] = null;
    refresh();
  }

  function failedAction(error) {
    if (error instanceof AuthError) {
      signOut();
      $('login-error').textContent = error.message;
      return;
    }
    flash(t('unavailable') + error.message, true);
  }

  /**
   * What a page asked for did not load: a login no longer accepted signs out (as failedAction); anything else shows
   * in the page's own error line (lineId), so the rest of the page stays usable.
   */
  function failedLoad(lineId, error) {
    if (error instanceof AuthError) {
      failedAction(error);
      return;
    }
    var line = $(lineId);
    if (line) {
      line.hidden = false;
      line.textContent = t('unavailable') + error.message;
    }
  }

  function retry(id) {
    api(API + '/dead-letters/' + id + '/retry', {method: 'POST'}).then(function () {
      afterAction(t('retried') + ' (' + id + ')');
    }, failedAction);
  }

  function discard(id) {
    var reason = (state.reasons[id] || '').trim();
    api(API + '/dead-letters/' + id + '/discard', {method: 'POST', body: {reason: reason}}).then(function () {
      delete state.reasons[id];
      afterAction(t('discarded') + ' (' + id + ')');
    }, failedAction);
  }

  function retryAll() {
    var button = $('retry-all');
    if (!state.retryAllArmed) {
      state.retryAllArmed = true;
      button.textContent = t('confirmRetryAll');
      button.classList.add('danger');
      return;
    }
    state.retryAllArmed = false;
    button.textContent = t('retryAll');
    button.classList.remove('danger');
    api(API + '/dead-letters/retry-all', {method: 'POST'}).then(function (result) {
      afterAction(t('retriedAll') + result.retried);
    }, failedAction);
  }

  function view(id) {
    api(API + '/dead-letters/' + id).then(function (detail) {
      $('dead-letter-detail').hidden = false;
      $('dead-letter-detail-id').textContent = id;
      $('dead-letter-detail-properties').textContent = JSON.stringify(detail.properties, null, 2);
      $('dead-letter-detail-body').textContent = detail.body + (detail.bodyTruncated ? '\n…' : '');
      state.rendered.actions = null;
      loadActions();
    }, failedAction);
  }

  function loadDeadLetters() {
    return section('dead-letters', remember('dead-letters', api(API + '/dead-letters')), function (letters) {
      var body = $('dead-letters-body');
      clear(body);
      $('dead-letters-empty').hidden = letters.length > 0;
      letters.forEach(function (letter) {
        var reason = el('input', {className: 'reason', 'data-reason-for': letter.id, placeholder: t('reasonPlaceholder')});
        reason.value = state.reasons[letter.id] || '';
        var discardButton = el('button', {type: 'button', className: 'danger', 'data-action': 'discard',
          'data-id': letter.id, text: t('discard'), onclick: function () {
            discard(letter.id);
          }});
        discardButton.disabled = !reason.value.trim();
        reason.addEventListener('input', function () {
          state.reasons[letter.id] = reason.value;
          discardButton.disabled = !reason.value.trim();
        });
        body.appendChild(el('tr', {'data-dead-letter-id': letter.id},
          td(formatTime(letter.time)),
          td(letter.id),
          td(letter.channel || ''),
          td(letter.agency || ''),
          td(letter.originalAddress || ''),
          td(letter.failure || '', 'bad'),
          td(letter.deliveryCount, 'num'),
          td(formatBytes(letter.size), 'num'),
          el('td', {className: 'actions'},
            el('button', {type: 'button', 'data-action': 'view', 'data-id': letter.id, text: t('view'),
              onclick: function () {
                view(letter.id);
              }}),
            el('button', {type: 'button', 'data-action': 'retry', 'data-id': letter.id, text: t('retry'),
              onclick: function () {
                retry(letter.id);
              }}),
            reason,
            discardButton)));
      });
    });
  }

  function loadDeadLetterDays() {
    return section('dead-letter-days', api(API + '/dead-letters-per-day'), window.HubCharts.drawDeadLetters);
  }

  function loadActions() {
    return section('actions', api(API + '/actions?limit=20'), function (actions) {
      var body = $('actions-body');
      clear(body);
      actions.forEach(function (action) {
        body.appendChild(el('tr', {},
          td(formatTime(action.actedAt)),
          td(action.operator),
          td(action.action),
          td(action.target || ''),
          td(action.reason || ''),
          td(action.outcome || '', 'muted')));
      });
    });
  }

  // ---------- consolidations ----------

  function loadConsolidations() {
    return planSection('consolidations', '/consolidations', function (data) {
      var view = $('consolidations-view');
      clear(view);
      var list = Array.isArray(data) ? data : (data && Array.isArray(data.consolidations) ? data.consolidations
        : (data ? [data] : []));
      if (!list.length) {
        view.appendChild(el('p', {className: 'muted', text: t('noConsolidations')}));
        return;
      }
      var columns = [];
      list.forEach(function (item) {
        Object.keys(item || {}).forEach(function (key) {
          var value = item[key];
          if (columns.indexOf(key) < 0 && (value === null || typeof value !== 'object') && columns.length < 8) {
            columns.push(key);
          }
        });
      });
      var head = el('tr');
      columns.forEach(function (column) {
        head.appendChild(el('th', {text: column}));
      });
      var body = el('tbody');
      list.forEach(function (item) {
        var row = el('tr');
        columns.forEach(function (column) {
          var value = item[column];
          row.appendChild(/status|state/i.test(column) && value ? el('td', {}, badge(value))
            : td(/At$|date|time/i.test(column) ? formatTime(value) : value));
        });
        body.appendChild(row);
      });
      view.appendChild(el('table', {}, el('thead', {}, head), body));
    });
  }

  /**
   * A file of the API as a Blob, fetched with the console's login in the Authorization header (never in the address);
   * a login no longer accepted is an AuthError, as for api().
   */
  function fetchFile(path) {
    var headers = {'X-Requested-With': 'XMLHttpRequest'};
    if (state.auth) {
      headers['Authorization'] = 'Basic ' + state.auth;
    }
    return fetch(path, {headers: headers, cache: 'no-store', credentials: 'omit'}).then(function (response) {
      if (response.status === 401) {
        throw new AuthError(t('loginFailed'));
      }
      if (!response.ok) {
        throw new Error(response.status + ' ' + response.statusText);
      }
      return response.blob();
    });
  }

  /** Fetches a file with the console's login and hands it to the browser as a download. */
  function download(path, fileName) {
    return fetchFile(path).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var link = el('a', {href: url, download: fileName});
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 60000);
    });
  }

  /**
   * A link to a file of the API: a real address (it can be copied, and followed by a test with the login), fetched
   * with the console's login when clicked, since a plain navigation would carry no Authorization header.
   */
  function downloadLink(path, fileName, label, format) {
    return el('a', {href: path, download: fileName, 'data-download': format, className: 'download', text: label,
      onclick: function (event) {
        event.preventDefault();
        download(path, fileName).catch(function (error) {
          flash(t('unavailable') + error.message, true);
        });
      }});
  }

  // What campaign.js and provenance.js draw with: the same requests, texts and elements as the dashboard.
  window.HubConsole = {
    api: api, fetchFile: fetchFile, download: download, t: t, fill: fill, el: el, td: td, clear: clear, badge: badge,
    tone: tone, formatTime: formatTime, flash: flash, failedAction: failedAction, failedLoad: failedLoad,
    AuthError: AuthError,
    lang: function () {
      return state.lang;
    },
    hasRole: hasRole
  };
  window.HubConsole.downloadLink = downloadLink;

  // ---------- start ----------

  document.addEventListener('DOMContentLoaded', function () {
    applyLanguage();
    document.querySelectorAll('#lang-switch button').forEach(function (button) {
      button.addEventListener('click', function () {
        state.lang = button.getAttribute('data-lang');
        localStorage.setItem('hub.lang', state.lang);
        applyLanguage();
        if (state.view === 'dashboard' && state.me) {
          refresh();
        } else if (state.view === 'campaign') {
          window.Campaign.show();
        } else if (state.view === 'search') {
          window.Provenance.show();
        } else if (state.view === 'government') {
          window.Government.show();
        }
      });
    });
    document.querySelectorAll('#tabs button').forEach(function (button) {
      button.addEventListener('click', function () {
        showView(button.getAttribute('data-view'));
      });
    });
    $('login-form').addEventListener('submit', signIn);
    $('logout').addEventListener('click', signOut);
    $('retry-all').addEventListener('click', retryAll);
    $('dead-letter-detail-close').addEventListener('click', function () {
      $('dead-letter-detail').hidden = true;
    });
    start();
  });
}());
