// Backprop Lab in the browser: the page's behaviour. All numbers come from the compiled Java engine (BPL.api); this
// file only reads the fields, calls the engine, lays out its DOT with Graphviz (Viz.js) and shows what comes back.
(function () {
  'use strict';
  var t0 = performance.now();
  var BPL = window.BPL = { api: null, kind: null, viz: null, timings: [], loadMs: null, errors: [] };
  var statusLine = document.getElementById('status');

  // ---------------------------------------------------------------- loading: JavaScript from file://, Wasm when served
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src; s.onload = resolve;
      s.onerror = function () { reject(new Error('could not load ' + src)); };
      document.head.appendChild(s);
    });
  }
  var API = ['examples', 'clearInputs', 'addInput', 'runExample', 'parse', 'runFormula', 'check', 'stepper',
             'moonsNew', 'moonsSteps', 'moonsScores', 'opGrid'];
  function pick(from) { var api = {}; API.forEach(function (k) { api[k] = from[k]; }); return api; }
  async function loadEngine() {
    var asked = new URLSearchParams(location.search).get('engine');
    var want = asked || (location.protocol === 'file:' ? 'js' : 'wasm');
    if (want === 'wasm') {
      try {
        await loadScript('engine/backprop-lab.wasm-runtime.js');
        var m = await TeaVM.wasmGC.load('engine/backprop-lab.wasm');
        return { kind: 'WebAssembly (GC)', api: pick(m.exports) };
      } catch (e) {
        if (asked === 'wasm') throw e;
        BPL.errors.push('WebAssembly build unavailable (' + e.message + '); using the JavaScript build');
      }
    }
    await loadScript('engine/backprop-lab.js');
    return { kind: 'JavaScript', api: pick(window) };
  }

  // ---------------------------------------------------------------- helpers
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in (attrs || {})) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function esc(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }
  function call(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    return JSON.parse(BPL.api[name].apply(null, args));
  }
  // A number typed by a person: plain decimal or e-notation; a clear message otherwise.
  function readNumber(name, text) {
    var t = String(text).trim().replace(/\u2212/g, '-');
    if (t === '') return { error: name + ': empty: type a number' };
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { error: name + ': "' + text + '" is not a number' };
    var v = Number(t);
    if (!isFinite(v)) return { error: name + ': ' + t + ' is beyond the largest double (about 1.8e308)' };
    return { value: v };
  }
  // The notebooks' stepper HTML, with its script run (innerHTML does not run scripts), shown at its last step.
  function mount(box, html) {
    box.innerHTML = html;
    box.querySelectorAll('script:not([type])').forEach(function (s) { (new Function(s.textContent))(); });
    var st = box.querySelector('.bpl-stepper');
    if (st && +st.dataset.steps > 0) {
      // to the last step: the steps before it hidden (no layout per step), the last one shown
      var n = +st.dataset.steps, next = st.querySelector('.bpl-next');
      box.style.display = 'none';
      for (var i = 0; i < n - 1; i++) next.click();
      box.style.display = '';
      next.click();
    }
  }
  // Runs the engine on the current inputs of a panel and redraws it. run() returns the engine's answer.
  function render(panel, answer) {
    var t = performance.now();
    panel.error.hidden = true;
    if (!answer.ok) {
      panel.error.hidden = false;
      panel.error.textContent = answer.error;
      return;
    }
    panel.result.innerHTML = '<span class="f">' + esc(answer.root) + ' = ' + esc(answer.f) + '</span>';
    var rows = '<tr><th>input</th><th>value</th><th>∂' + esc(answer.root) + '/∂input</th></tr>';
    answer.inputs.forEach(function (v) {
      rows += '<tr data-name="' + esc(v.name) + '"><td>' + esc(v.name) + '</td><td class="data">' + esc(v.data)
        + '</td><td class="grad">' + esc(v.grad) + '</td></tr>';
    });
    panel.grads.innerHTML = rows;
    panel.warnings.innerHTML = '';
    answer.warnings.forEach(function (w) { panel.warnings.appendChild(el('div', { 'class': 'warning' }, w)); });
    var layout = 0, mounted = 0;
    if (answer.drawn) {
      var svg = BPL.viz.renderString(answer.dot, { format: 'svg' });
      layout = performance.now() - t;
      mount(panel.graph, BPL.api.stepper(answer.panel, svg));
      mounted = performance.now() - t - layout;
    } else {
      panel.graph.innerHTML = '';
      panel.graph.appendChild(el('div', { 'class': 'warning' }, answer.message));
    }
    var ms = performance.now() - t + (answer.engineMs || 0);
    panel.timing.textContent = 'engine ' + (answer.engineMs || 0).toFixed(1) + ' ms, layout and drawing '
      + (performance.now() - t).toFixed(1) + ' ms, ' + answer.size + ' nodes';
    BPL.timings.push({ panel: answer.panel, nodes: answer.size, ms: ms, engine: answer.engineMs || 0, layout: layout, mount: mounted });
    panel.root.dataset.renders = (+(panel.root.dataset.renders || 0) + 1);
  }
  function makePanel(parent, title) {
    var root = el('div', { 'class': 'panel' });
    if (title) root.appendChild(el('h3', null, title));
    var p = {
      root: root, inputs: el('div', { 'class': 'inputs' }), error: el('div', { 'class': 'error' }),
      result: el('div', { 'class': 'result' }), grads: el('table', { 'class': 'grads' }),
      warnings: el('div'), graph: el('div', { 'class': 'graph' }), timing: el('div', { 'class': 'timing' }),
      checkButton: el('button', { 'class': 'check-button' }, 'check numerically'), check: el('div', { 'class': 'check-result' })
    };
    p.error.hidden = true;
    [p.inputs, p.error, p.result, p.grads, p.warnings, p.graph, p.checkButton, p.check, p.timing].forEach(function (c) { root.appendChild(c); });
    parent.appendChild(root);
    return p;
  }
  // One number field and slider per input; onChange(values) after every valid edit, errors shown in the panel.
  function makeFields(panel, inputs, onChange) {
    panel.inputs.innerHTML = '';
    var fields = inputs.map(function (inp) {
      var f = el('span', { 'class': 'field', 'data-name': inp.name });
      f.appendChild(el('span', { 'class': 'name' }, inp.name));
      var text = el('input', { type: 'text', inputmode: 'decimal', value: String(+inp.value), 'aria-label': inp.name });
      var lo = Math.min(+inp.min, +inp.value), hi = Math.max(+inp.max, +inp.value);
      var range = el('input', { type: 'range', min: lo, max: hi, step: (hi - lo) / 200, value: inp.value, 'aria-label': inp.name + ' slider' });
      f.appendChild(text); f.appendChild(range);
      panel.inputs.appendChild(f);
      text.addEventListener('input', function () { changed(); });
      range.addEventListener('input', function () { text.value = range.value; changed(); });
      return { name: inp.name, box: f, text: text, range: range };
    });
    var pending = false;
    function changed() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; update(); });
    }
    function update() {
      var values = [], errors = [];
      fields.forEach(function (f) {
        var r = readNumber(f.name, f.text.value);
        f.box.classList.toggle('bad', !!r.error);
        if (r.error) errors.push(r.error); else { values.push(r.value); if (document.activeElement === f.text) f.range.value = r.value; }
      });
      panel.check.innerHTML = '';
      if (errors.length) {
        panel.error.hidden = false;
        panel.error.textContent = errors.join('\n') + '\n(the drawing below is for the last valid inputs)';
        return;
      }
      onChange(values);
    }
    return { fields: fields, update: update, values: function () {
      return fields.map(function (f) { return readNumber(f.name, f.text.value).value; });
    } };
  }
  function load(values) { BPL.api.clearInputs(); values.forEach(function (v) { BPL.api.addInput(v); }); }
  function showCheck(panel, answer) {
    if (!answer.ok) { panel.check.innerHTML = '<div class="error">' + esc(answer.error) + '</div>'; return; }
    var rows = '<caption>central differences (h = ' + esc(answer.step) + ') beside backprop; largest relative error '
      + esc(answer.maxRelativeError) + '</caption><tr><th>input</th><th>value</th><th>backprop</th><th>central difference</th><th>relative error</th></tr>';
    answer.entries.forEach(function (e) {
      rows += '<tr><td>' + esc(e.name) + '</td><td>' + esc(e.input) + '</td><td>' + esc(e.analytic) + '</td><td>'
        + esc(e.numeric) + '</td><td>' + esc(e.relativeError) + '</td></tr>';
    });
    panel.check.innerHTML = '<table class="check">' + rows + '</table>';
  }

  // ---------------------------------------------------------------- the lecture's examples
  function setupExamples(examples) {
    var byId = {};
    examples.forEach(function (e) { byId[e.id] = e; });
    document.querySelectorAll('section.example').forEach(function (section) {
      var ids = section.dataset.examples.split(' ');
      var first = byId[ids[0]];
      var head = el('h2', null, ids.length > 1 ? 'A4 · the sigmoid gate: one node and primitive nodes' : first.title);
      section.insertBefore(head, section.firstChild);
      var shared = el('div', { 'class': 'panel' });
      var sharedInputs = el('div', { 'class': 'inputs' }), sharedError = el('div', { 'class': 'error' });
      sharedError.hidden = true;
      var container = ids.length > 1 ? el('div', { 'class': 'pair' }) : section;
      var panels = ids.map(function (id) {
        var p = makePanel(container, ids.length > 1 ? byId[id].title : null);
        p.root.dataset.example = id;
        p.formula = el('div', { 'class': 'note' }, byId[id].formula);
        p.root.insertBefore(p.formula, p.root.firstChild.nextSibling);
        return p;
      });
      if (ids.length > 1) {
        shared.appendChild(sharedInputs); shared.appendChild(sharedError);
        section.appendChild(shared); section.appendChild(container);
        panels.forEach(function (p) { p.inputs.remove(); });
      }
      var fieldHost = ids.length > 1 ? { inputs: sharedInputs, error: sharedError, check: el('div') } : panels[0];
      var fields = makeFields(fieldHost, first.inputs, function (values) {
        fieldHost.error.hidden = true;
        panels.forEach(function (p, i) {
          var t = performance.now();
          load(values);
          var answer = call('runExample', section.id + '-' + i, ids[i]);
          answer.engineMs = performance.now() - t;
          p.check.innerHTML = '';
          render(p, answer);
        });
      });
      panels.forEach(function (p, i) {
        p.checkButton.addEventListener('click', function () {
          var values = fields.values();
          if (values.some(function (v) { return v === undefined; })) return;
          load(values);
          showCheck(p, call('check', 'example', ids[i]));
        });
      });
      fields.update();
    });
  }

  // ---------------------------------------------------------------- your own f
  function setupOwn() {
    var input = document.getElementById('own-formula'), error = document.getElementById('own-error');
    var panel = makePanel(document.getElementById('own-panel'), null);
    var known = { a: '0.5', b: '-1.5', c: '2' }, fields = null, variables = [], timer = null;
    function showError(answer, text) {
      error.hidden = false;
      if (answer.column) {
        var i = answer.column - 1;
        error.innerHTML = '<div class="formula-error">' + esc(text.slice(0, i)) + '<mark>' + (esc(text.charAt(i)) || '&nbsp;')
          + '</mark>' + esc(text.slice(i + 1)) + '</div>column ' + answer.column + ': ' + esc(answer.problem);
      } else {
        error.textContent = answer.error;
      }
    }
    function run(values) {
      var t = performance.now();
      variables.forEach(function (v, i) { known[v] = String(values[i]); });
      load(values);
      var answer = call('runFormula', 'own', input.value);
      answer.engineMs = performance.now() - t;
      if (!answer.ok && answer.column) { showError(answer, input.value); return; }
      render(panel, answer);
    }
    function parse() {
      var text = input.value, answer = call('parse', text);
      if (!answer.ok) { showError(answer, text); return; }
      error.hidden = true;
      if (!fields || answer.variables.join(',') !== variables.join(',')) {
        variables = answer.variables;
        fields = makeFields(panel, variables.map(function (v) {
          return { name: v, value: known[v] || '1', min: '-5', max: '5' };
        }), run);
      }
      panel.check.innerHTML = '';
      fields.update();
    }
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(parse, 120); });
    panel.checkButton.addEventListener('click', function () {
      if (!fields) return;
      var values = fields.values();
      if (values.some(function (v) { return v === undefined; })) return;
      load(values);
      showCheck(panel, call('check', 'formula', input.value));
    });
    parse();
  }

  // ---------------------------------------------------------------- two moons
  function setupMoons() {
    var trainButton = document.getElementById('moons-train'), resetButton = document.getElementById('moons-reset');
    var stepsField = document.getElementById('moons-steps'), status = document.getElementById('moons-status');
    var error = document.getElementById('moons-error');
    var lossCanvas = document.getElementById('moons-loss'), boundary = document.getElementById('moons-boundary');
    var state = BPL.moons = { points: [], losses: [], running: false, step: 0, steps: 100, engineMs: 0, accuracy: '', done: false };
    var X0 = -1.5, X1 = 2.5, Y0 = -1, Y1 = 1.5;
    function reset() {
      var r = readNumber('steps', stepsField.value);
      error.hidden = true;
      if (r.error || r.value < 1 || r.value > 5000 || r.value !== Math.floor(r.value)) {
        error.hidden = false;
        error.textContent = r.error || ('steps: ' + stepsField.value + ' is not a whole number from 1 to 5000');
        return false;
      }
      var a = call('moonsNew', r.value);
      state.points = a.points; state.steps = a.steps; state.losses = []; state.step = 0; state.engineMs = 0;
      state.done = false; state.accuracy = '';
      drawLoss(); drawBoundary(); showStatus();
      return true;
    }
    function showStatus() {
      var rate = state.engineMs > 0 ? (state.step / (state.engineMs / 1000)) : 0;
      state.stepsPerSecond = rate;
      status.textContent = 'step ' + state.step + ' of ' + state.steps
        + (state.losses.length ? ', loss ' + state.losses[state.losses.length - 1].text : '')
        + (state.accuracy ? ', training accuracy ' + state.accuracy + '%' : '')
        + (rate ? ', ' + rate.toFixed(1) + ' steps/s' : '');
    }
    function drawLoss() {
      var g = lossCanvas.getContext('2d'), w = lossCanvas.width, h = lossCanvas.height, m = 36;
      g.clearRect(0, 0, w, h);
      g.strokeStyle = '#999'; g.beginPath(); g.moveTo(m, 8); g.lineTo(m, h - m); g.lineTo(w - 8, h - m); g.stroke();
      g.fillStyle = '#555'; g.font = '12px Helvetica';
      g.fillText('step', w - 40, h - 12); g.fillText('0', m - 4, h - m + 14); g.fillText(String(state.steps), w - 30, h - m + 14);
      if (!state.losses.length) return;
      var max = 0; state.losses.forEach(function (l) { max = Math.max(max, l.v); });
      g.fillText(max.toPrecision(3), 2, 16);
      g.strokeStyle = '#1565c0'; g.lineWidth = 2; g.beginPath();
      state.losses.forEach(function (l, i) {
        var x = m + (w - 8 - m) * (i + 1) / state.steps, y = (h - m) - (h - m - 8) * (l.v / max);
        if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.stroke(); g.lineWidth = 1;
    }
    function drawBoundary() {
      var g = boundary.getContext('2d'), w = boundary.width, h = boundary.height;
      var s = call('moonsScores', 50), n = s.n;
      for (var r = 0; r < n; r++) for (var c = 0; c < n; c++) {
        var v = s.scores[r * n + c];
        g.fillStyle = v > 0 ? '#ffe0b2' : '#bbdefb';
        g.fillRect(Math.floor(c * w / n), Math.floor(r * h / n), Math.ceil(w / n), Math.ceil(h / n));
      }
      g.fillStyle = '#333';   // the boundary: cells whose sign differs from a neighbour's
      for (r = 0; r < n; r++) for (c = 0; c < n; c++) {
        var a = s.scores[r * n + c] > 0;
        if ((c + 1 < n && a !== (s.scores[r * n + c + 1] > 0)) || (r + 1 < n && a !== (s.scores[(r + 1) * n + c] > 0))) {
          g.fillRect(Math.floor((c + 1) * w / n) - 1, Math.floor((r + 1) * h / n) - 1, 2, 2);
        }
      }
      state.points.forEach(function (p) {
        var x = (p[0] - X0) / (X1 - X0) * w, y = (Y1 - p[1]) / (Y1 - Y0) * h;
        g.beginPath(); g.arc(x, y, 4, 0, 2 * Math.PI);
        g.fillStyle = p[2] > 0 ? '#e65100' : '#0d47a1'; g.fill();
        g.strokeStyle = '#fff'; g.stroke();
      });
    }
    var lastBoundary = 0;
    function loop() {
      if (!state.running) return;
      var t = performance.now(), a = call('moonsSteps', 2);
      state.engineMs += performance.now() - t;
      a.losses.forEach(function (l) { state.losses.push(l); });
      state.step = a.step; state.accuracy = a.accuracy; state.done = a.done;
      drawLoss(); showStatus();
      if (performance.now() - lastBoundary > 250 || a.done) { drawBoundary(); lastBoundary = performance.now(); }
      if (a.done) { state.running = false; trainButton.textContent = '▶ train'; return; }
      setTimeout(loop, 0);
    }
    trainButton.addEventListener('click', function () {
      if (state.running) { state.running = false; trainButton.textContent = '▶ train'; return; }
      if (state.done && !reset()) return;
      state.running = true; trainButton.textContent = '❚❚ pause';
      loop();
    });
    resetButton.addEventListener('click', function () { state.running = false; trainButton.textContent = '▶ train'; reset(); });
    reset();
  }

  // ---------------------------------------------------------------- start
  async function start() {
    try {
      var engine = await loadEngine();
      BPL.api = engine.api; BPL.kind = engine.kind;
      BPL.viz = await Viz.instance();
      document.getElementById('engine-kind').textContent = engine.kind + ' by TeaVM';
      setupExamples(call('examples'));
      setupOwn();
      setupMoons();
      BPL.loadMs = performance.now() - t0;
      BPL.readyAt = performance.now();   // since the navigation started
      statusLine.textContent = 'engine: ' + engine.kind + '; page ready in ' + BPL.loadMs.toFixed(0) + ' ms'
        + (BPL.errors.length ? ' (' + BPL.errors.join('; ') + ')' : '');
      document.body.dataset.ready = '1';
    } catch (e) {
      statusLine.className = 'error';
      statusLine.textContent = 'The page could not start: ' + (e && e.message ? e.message : e);
      BPL.errors.push(String(e && e.stack || e));
      document.body.dataset.ready = 'failed';
    }
  }
  start();
})();
