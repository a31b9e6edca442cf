// The page assets of the HTML view (html_assets.h). Plain CSS and ES2017, no libraries: the
// page must work offline and from a file:// URL.
#include "traces/views/html_assets.h"

namespace traces::views {

const char kHtmlStyle[] = R"CSS(
:root {
  --follower: #64748b; --pre-candidate: #d97706; --candidate: #ea580c; --leader: #2563eb;
  --down: #b91c1c; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --paper: #ffffff;
  --violation: #dc2626; --clean: #15803d; --stopped: #b45309; --current: #fef3c7;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Liberation Sans",
       "DejaVu Sans", sans-serif; color: var(--ink); background: #f8fafc; }
header { padding: 14px 22px 10px; background: var(--paper); border-bottom: 1px solid var(--line); }
h1 { font-size: 18px; margin: 0 0 2px; }
.meta { margin: 0; color: var(--muted); font-size: 12px; word-break: break-all; }
.outcome { margin: 8px 0 0; padding: 7px 12px; border-radius: 6px; font-weight: 600;
           border-left: 5px solid; }
.outcome.violation { background: #fef2f2; border-color: var(--violation); color: #991b1b; }
.outcome.clean { background: #f0fdf4; border-color: var(--clean); color: #14532d; }
.outcome.stopped { background: #fffbeb; border-color: var(--stopped); color: #78350f; }
#errors { margin: 10px 22px; padding: 8px; background: #fef2f2; color: #991b1b; }
main { display: flex; gap: 16px; padding: 14px 22px; align-items: flex-start; }
#diagram-pane { flex: 0 1 auto; background: var(--paper); border: 1px solid var(--line);
                border-radius: 8px; overflow: auto; max-height: calc(100vh - 150px); }
#state-pane { flex: 1 1 380px; min-width: 340px; position: sticky; top: 10px; }
.controls { display: flex; align-items: center; gap: 8px; background: var(--paper);
            border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; }
.controls input[type=range] { flex: 1; }
.controls button { font: inherit; padding: 2px 10px; border: 1px solid var(--line);
                   border-radius: 5px; background: #f1f5f9; cursor: pointer; }
#step-number { font-variant-numeric: tabular-nums; min-width: 92px; text-align: right;
               color: var(--muted); }
#step-text { margin: 10px 2px 4px; font-family: ui-monospace, "DejaVu Sans Mono", monospace;
             font-size: 13px; }
#changes { margin: 0 0 10px; padding-left: 20px; font-size: 13px; color: #374151; }
#changes:empty { display: none; }
#panel-verdict { margin: 0 0 10px; padding: 8px 10px; border-radius: 6px; background: #fef2f2;
                 color: #991b1b; border: 1px solid #fecaca; }
#nodes { display: grid; gap: 10px; }
.node { background: var(--paper); border: 1px solid var(--line); border-left: 6px solid;
        border-radius: 8px; padding: 8px 12px; }
.node.role-follower { border-left-color: var(--follower); }
.node.role-pre-candidate { border-left-color: var(--pre-candidate); }
.node.role-candidate { border-left-color: var(--candidate); }
.node.role-leader { border-left-color: var(--leader); }
.node.down { border-left-color: var(--down); background: #fafafa; opacity: 0.85; }
.node-head { display: flex; align-items: center; gap: 8px; margin-bottom: 4px; }
.node-head .name { font-weight: 700; font-size: 15px; }
.badge { padding: 1px 8px; border-radius: 999px; color: #fff; font-size: 12px; }
.badge.role-follower { background: var(--follower); }
.badge.role-pre-candidate { background: var(--pre-candidate); }
.badge.role-candidate { background: var(--candidate); }
.badge.role-leader { background: var(--leader); }
.badge.down { background: var(--down); }
.fields { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; font-size: 13px; }
.fields dt { color: var(--muted); }
.fields dd { margin: 0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.changed { background: var(--current); border-radius: 3px; box-shadow: 0 0 0 2px var(--current); }
.log { display: flex; flex-wrap: wrap; gap: 3px; }
.entry { min-width: 38px; padding: 1px 4px; text-align: center; border: 1.5px solid #94a3b8;
         border-radius: 4px; font-size: 11px; line-height: 1.25; }
.entry.uncommitted { border-style: dashed; }
.entry.volatile { font-style: italic; opacity: 0.75; }
.entry .index { display: block; color: var(--muted); font-size: 9px; }
.empty { color: var(--muted); }
.pane-head { position: sticky; top: 0; z-index: 2; background: var(--paper);
             border-bottom: 1px solid var(--line); }
#participants svg { display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; padding: 8px 12px; font-size: 12px;
          color: var(--muted); }
.legend i { display: inline-block; width: 18px; height: 4px; margin-right: 4px;
            vertical-align: middle; border-radius: 2px; }
svg text { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 11px; }
svg .participant rect { fill: #f1f5f9; stroke: #94a3b8; }
svg .participant text { font: 700 13px system-ui, sans-serif; text-anchor: middle; }
svg .row { fill: transparent; cursor: pointer; }
svg .row:hover { fill: #f1f5f9; }
svg .cursor { fill: var(--current); stroke: #f59e0b; stroke-width: 1; }
svg .step-no { fill: var(--muted); text-anchor: end; }
svg .life { stroke-width: 4; stroke-linecap: butt; }
svg .life.role-follower { stroke: var(--follower); stroke-width: 2; }
svg .life.role-pre-candidate { stroke: var(--pre-candidate); }
svg .life.role-candidate { stroke: var(--candidate); }
svg .life.role-leader { stroke: var(--leader); stroke-width: 6; }
svg .life.down { stroke: var(--down); stroke-dasharray: 3 4; stroke-width: 2; }
svg .msg { stroke: #334155; stroke-width: 1.4; fill: none; }
svg .msg.drop { stroke: var(--violation); }
svg .msg.duplicate { stroke-dasharray: 5 3; stroke: #7c3aed; }
svg .msg.active { stroke-width: 2.6; }
svg .msg-label { text-anchor: middle; fill: #111827; }
svg .msg-label.drop { fill: var(--violation); }
svg .msg-label.duplicate { fill: #7c3aed; }
svg .drop-mark { fill: var(--violation); font-size: 15px; font-weight: 700; text-anchor: middle; }
svg .note rect { fill: #fffbeb; stroke: #d6a23a; }
svg .note.kind-crash rect { fill: #fee2e2; stroke: var(--down); }
svg .note.kind-restart rect { fill: #dcfce7; stroke: var(--clean); }
svg .note text { text-anchor: middle; }
svg .role-mark { font-size: 10px; font-weight: 700; }
svg .commit-mark { font-size: 10px; fill: var(--clean); text-anchor: end; }
svg .role-mark.role-leader { fill: var(--leader); }
svg .role-mark.role-candidate { fill: var(--candidate); }
svg .role-mark.role-pre-candidate { fill: var(--pre-candidate); }
svg .role-mark.role-follower { fill: var(--follower); }
svg .verdict-box { margin: 0; border: 2px solid var(--violation); background: #fef2f2;
                   color: #991b1b;
                   border-radius: 6px; padding: 6px 10px; font: 600 12px system-ui, sans-serif; }
svg .verdict-box.clean { border-color: var(--clean); background: #f0fdf4; color: #14532d; }
svg .verdict-box.stopped { border-color: var(--stopped); background: #fffbeb; color: #78350f; }
)CSS";

const char kHtmlScript[] = R"JS(
(function () {
  'use strict';
  var body = document.body;
  function showError(text) {
    var box = document.getElementById('errors');
    box.hidden = false;
    box.textContent += text + '\n';
    body.setAttribute('data-rendered', 'error');
  }
  window.addEventListener('error', function (e) {
    showError('script error: ' + e.message + ' (line ' + e.lineno + ')');
  });

  var tl = JSON.parse(document.getElementById('timeline-data').textContent);
  var steps = tl.steps;
  var SVGNS = 'http://www.w3.org/2000/svg';
  var LEFT = 54, TOP = 26, ROW = 40, NOTE_W = 190;
  var COL = columnWidth();

  function make(ns, tag, attrs, parent, text) {
    var e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function svg(tag, attrs, parent, text) { return make(SVGNS, tag, attrs, parent, text); }
  function html(tag, attrs, parent, text) { return make(null, tag, attrs, parent, text); }

  // Wide enough for the longest message label between neighbouring lifelines (monospace 11px
  // is about 6.6px a character), within limits that keep the diagram on a screen.
  function columnWidth() {
    var longest = 0;
    steps.forEach(function (s) { longest = Math.max(longest, s.label.length + 3); });
    return Math.min(380, Math.max(200, Math.round(longest * 6.6 + 28)));
  }
  function stateAt(k) { return k === 0 ? tl.initial : steps[k - 1].state; }
  function nodeX(n) { return LEFT + (n - 0.5) * COL; }
  function rowY(k) { return TOP + k * ROW; }
  function roleClass(s) { return s.up ? 'role-' + s.role : 'down'; }
  function entryText(e) { return 't' + e.term + (e.value ? ':v' + e.value : ''); }
  function outcomeClass() {
    return tl.violation ? 'violation' : (tl.stopped ? 'stopped' : 'clean');
  }

  // The sequence diagram: lifelines coloured by each node's role after every step, one row
  // per step (an arrow for a message, a note for a node's own action), the outcome at the end.
  function drawDiagram() {
    var width = LEFT + tl.nodes * COL + 16;
    var height = rowY(steps.length) + ROW / 2 + 70;
    var root = svg('svg', {xmlns: SVGNS, width: width, height: height, id: 'sequence',
                           viewBox: '0 0 ' + width + ' ' + height});
    var defs = svg('defs', {}, root);
    [['head', '#334155'], ['head-dup', '#7c3aed']].forEach(function (m) {
      var marker = svg('marker', {id: m[0], viewBox: '0 0 10 10', refX: 9, refY: 5,
                                  markerUnits: 'userSpaceOnUse', markerWidth: 9, markerHeight: 9,
                                  orient: 'auto'}, defs);
      svg('path', {d: 'M0,0 L10,5 L0,10 z', fill: m[1]}, marker);
    });

    var rows = svg('g', {}, root);
    for (var k = 1; k <= steps.length; k++) {
      var r = svg('rect', {'class': 'row', x: 0, y: rowY(k) - ROW / 2, width: width, height: ROW,
                           'data-step': k}, rows);
      r.addEventListener('click', select.bind(null, k));
      svg('text', {'class': 'step-no', x: LEFT - 14, y: rowY(k) + 4}, rows, String(k));
    }
    svg('rect', {'class': 'cursor', id: 'cursor', x: 2, y: 0, width: width - 4, height: ROW,
                 rx: 4, opacity: 0.7}, root);

    var lives = svg('g', {}, root);
    for (var n = 1; n <= tl.nodes; n++) {
      for (var s = 0; s <= steps.length; s++) {
        var st = stateAt(s)[n - 1];
        var y2 = s === steps.length ? height - 60 : rowY(s + 1);
        svg('line', {'class': 'life ' + roleClass(st), x1: nodeX(n), x2: nodeX(n),
                     y1: s === 0 ? 0 : rowY(s), y2: y2}, lives);
      }
    }
    drawParticipants(width);

    var marks = svg('g', {}, root);
    for (k = 1; k <= steps.length; k++) drawStep(marks, k);

    var y = rowY(steps.length) + ROW / 2 + 10;
    var fo = svg('foreignObject', {x: LEFT - 40, y: y, width: width - LEFT + 30, height: 52}, root);
    make('http://www.w3.org/1999/xhtml', 'div',
         {'class': 'verdict-box ' + outcomeClass(), id: 'diagram-verdict'}, fo, tl.outcome);
    document.getElementById('diagram').appendChild(root);
  }

  // The participants' heads, in the pane's sticky header so they stay in view while scrolling.
  function drawParticipants(width) {
    var root = svg('svg', {xmlns: SVGNS, width: width, height: 40, id: 'participants-svg'});
    for (var n = 1; n <= tl.nodes; n++) {
      var head = svg('g', {'class': 'participant'}, root);
      svg('rect', {x: nodeX(n) - 34, y: 6, width: 68, height: 28, rx: 6}, head);
      svg('text', {x: nodeX(n), y: 25}, head, 'n' + n);
    }
    document.getElementById('participants').appendChild(root);
  }

  function drawStep(parent, k) {
    var step = steps[k - 1];
    var y = rowY(k);
    var g = svg('g', {'data-step': k}, parent);
    svg('title', {}, g, k + '. ' + step.text);
    if (step.from !== 0) {
      // Drops are told by colour and a cross, duplicates by a dashed line and "2x" (legend).
      var x1 = nodeX(step.from), x2 = nodeX(step.node);
      var label = step.kind === 'duplicate' ? '2x ' + step.label : step.label;
      if (x1 === x2) {  // a node's message to itself: a small loop
        svg('path', {'class': 'msg ' + step.kind, 'data-step': k, 'marker-end': 'url(#head)',
                     d: 'M' + x1 + ',' + (y - 8) + ' h 40 v 16 h -36'}, g);
        svg('text', {'class': 'msg-label ' + step.kind, x: x1 + 46, y: y + 4,
                     'text-anchor': 'start'}, g, label);
        return;
      }
      var end = step.kind === 'drop' ? x1 + (x2 - x1) * 0.7 : x2 - Math.sign(x2 - x1) * 3;
      var attrs = {'class': 'msg ' + step.kind, 'data-step': k, x1: x1, y1: y, x2: end, y2: y};
      if (step.kind !== 'drop') {
        attrs['marker-end'] = step.kind === 'duplicate' ? 'url(#head-dup)' : 'url(#head)';
      }
      svg('line', attrs, g);
      if (step.kind === 'drop') svg('text', {'class': 'drop-mark', x: end, y: y + 5}, g, '\u2715');
      svg('text', {'class': 'msg-label ' + step.kind, x: (x1 + x2) / 2, y: y - 6}, g, label);
    } else {
      var nx = nodeX(step.node);
      var note = svg('g', {'class': 'note kind-' + step.kind, 'data-step': k}, g);
      svg('rect', {x: nx - NOTE_W / 2, y: y - 11, width: NOTE_W, height: 22, rx: 5}, note);
      svg('text', {x: nx, y: y + 4}, note, step.label);
    }
    // Role changes are marked right of the lifeline where they happen, commit changes left.
    var before = stateAt(k - 1), after = step.state;
    for (var i = 0; i < after.length; i++) {
      if (!after[i].up) continue;
      if (after[i].commit !== before[i].commit) {
        svg('text', {'class': 'commit-mark', x: nodeX(i + 1) - 7, y: y + 16}, g,
            'commit ' + after[i].commit);
      }
      if (after[i].role === before[i].role) continue;
      var term = after[i].role === 'pre-candidate' ? '' : ' t' + after[i].term;
      svg('text', {'class': 'role-mark role-' + after[i].role, x: nodeX(i + 1) + 7, y: y + 16},
          g, after[i].role + term);
    }
  }

  // The state panel: one card per node, fields changed at this step highlighted.
  function field(dl, name, value, changed) {
    var dt = html('dt', {}, dl, name);
    var dd = html('dd', {'data-field': name}, dl);
    if (typeof value === 'string') dd.textContent = value; else dd.appendChild(value);
    if (changed) { dt.className = 'changed'; dd.className = 'changed'; }
    return dd;
  }
  function logBoxes(log, commit, durable) {
    var box = html('div', {'class': 'log'});
    if (log.length === 0) html('span', {'class': 'empty'}, box, 'empty');
    for (var i = 0; i < log.length; i++) {
      var e = log[i];
      var persisted = !durable || (i < durable.log.length && durable.log[i].term === e.term &&
                                   durable.log[i].value === e.value);
      var cls = 'entry' + (i + 1 > commit ? ' uncommitted' : '') + (persisted ? '' : ' volatile');
      var div = html('div', {'class': cls, title: 'index ' + (i + 1) +
                             (i + 1 > commit ? ', not committed' : ', committed') +
                             (persisted ? '' : ', not persisted')}, box);
      div.style.background = 'hsl(' + ((e.term * 67) % 360) + ', 70%, 90%)';
      html('span', {'class': 'index'}, div, String(i + 1));
      div.appendChild(document.createTextNode(entryText(e)));
    }
    return box;
  }
  function entriesText(list) {
    return list.length ? list.map(entryText).join(' ') : '\u2013';
  }

  function drawPanel(k) {
    var state = stateAt(k);
    var changed = {};
    var changes = k === 0 ? [] : steps[k - 1].changes;
    changes.forEach(function (c) { changed[c.node + ':' + c.field] = true; });
    var nodes = document.getElementById('nodes');
    nodes.textContent = '';
    state.forEach(function (s) {
      var on = function (f) { return changed[s.id + ':' + f] === true; };
      var card = html('div', {'class': 'node ' + roleClass(s), 'data-node': s.id,
                              'data-role': s.role, 'data-up': String(s.up)}, nodes);
      var head = html('div', {'class': 'node-head'}, card);
      html('span', {'class': 'name'}, head, 'n' + s.id);
      var badge = html('span', {'class': 'badge ' + roleClass(s)}, head, s.up ? s.role : 'down');
      if (on('role') || on('up')) badge.classList.add('changed');
      var dl = html('dl', {'class': 'fields'}, card);
      field(dl, 'term', String(s.term), on('term'));
      field(dl, 'vote', s.vote ? 'n' + s.vote : '\u2013', on('vote'));
      field(dl, 'commit', String(s.commit), on('commit'));
      field(dl, 'log', logBoxes(s.log, s.commit, s.durable), on('log'));
      field(dl, 'applied', entriesText(s.applied), on('applied'));
      if (s.durable) {
        field(dl, 'durable', 'term ' + s.durable.term + ', log ' + entriesText(s.durable.log),
              on('durable-term') || on('durable-log'));
      }
      if (s.match) {
        field(dl, 'match', s.match.join(' '), on('match'));
        field(dl, 'next', s.next.join(' '), false);
      }
    });
  }

  function select(k) {
    var slider = document.getElementById('step');
    slider.value = String(k);
    var cursor = document.getElementById('cursor');
    cursor.setAttribute('y', rowY(k) - ROW / 2);
    cursor.style.display = k === 0 ? 'none' : '';
    var old = document.querySelectorAll('.msg.active');
    for (var i = 0; i < old.length; i++) old[i].classList.remove('active');
    var now = document.querySelector('.msg[data-step="' + k + '"]');
    if (now) now.classList.add('active');
    document.getElementById('step-number').textContent = 'step ' + k + ' of ' + steps.length;
    document.getElementById('step-text').textContent =
        k === 0 ? 'initial state' : k + '. ' + steps[k - 1].text;
    var list = document.getElementById('changes');
    list.textContent = '';
    if (k > 0) {
      var byNode = {};
      steps[k - 1].changes.forEach(function (c) {
        (byNode[c.node] = byNode[c.node] || []).push(c.text);
      });
      Object.keys(byNode).forEach(function (n) {
        html('li', {}, list, 'n' + n + ': ' + byNode[n].join(', '));
      });
    }
    var verdict = document.getElementById('panel-verdict');
    var atEnd = tl.violation ? k === tl.violation.step : (tl.stopped && k === steps.length);
    verdict.hidden = !atEnd;
    verdict.textContent = atEnd ? tl.outcome : '';
    drawPanel(k);
    var pane = document.getElementById('diagram-pane');
    var head = document.querySelector('.pane-head').offsetHeight;
    var top = head + rowY(k) - ROW / 2, bottom = head + rowY(k) + ROW / 2;
    if (top - head < pane.scrollTop || bottom > pane.scrollTop + pane.clientHeight) {
      pane.scrollTop = Math.max(0, bottom - pane.clientHeight + ROW);
    }
  }

  try {
    drawDiagram();
  } catch (e) {
    showError('cannot draw: ' + e);
    return;
  }
  var slider = document.getElementById('step');
  slider.addEventListener('input', function () { select(Number(slider.value)); });
  document.getElementById('prev').addEventListener('click', function () {
    select(Math.max(0, Number(slider.value) - 1));
  });
  document.getElementById('next').addEventListener('click', function () {
    select(Math.min(steps.length, Number(slider.value) + 1));
  });
  document.addEventListener('keydown', function (e) {
    if (e.target === slider) return;
    if (e.key === 'ArrowLeft') document.getElementById('prev').click();
    if (e.key === 'ArrowRight') document.getElementById('next').click();
  });
  select(Number(slider.value));
  if (body.getAttribute('data-rendered') !== 'error') body.setAttribute('data-rendered', 'ok');
})();
)JS";

}  // namespace traces::views
