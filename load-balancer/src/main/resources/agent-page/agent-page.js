/*
 * The agent's page: polls /api/state, /api/decisions and /api/history every second and draws
 * them. A failed poll keeps what is shown and says so; the next one that succeeds redraws all of
 * it, so the page goes on working across a restart of the autoscaler.
 */
(function () {
  "use strict";

  var POLL_MS = 1000;
  var charts = null;
  var polls = 0;

  function $(id) { return document.getElementById(id); }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function fmt(value, digits) {
    return value === null || value === undefined ? "–" : Number(value).toFixed(digits);
  }

  function setStatus(text, kind) {
    var el = $("status");
    el.textContent = text;
    el.className = "status" + (kind ? " " + kind : "");
  }

  /** The page's own path, with a slash: "/" for the one service, "/services/NAME/" for one of several. */
  var base = location.pathname.replace(/\/?$/, "/");

  function getJson(path) {
    return fetch(path, { cache: "no-store" }).then(function (response) {
      if (!response.ok && response.status !== 503) throw new Error(path + " answered " + response.status);
      return response.json();
    });
  }

  function renderAbout(state) {
    var parts = [
      "service " + state.service,
      "agent " + state.agent,
      "mode " + state.mode,
      "epsilon " + (state.epsilon === null || state.epsilon === undefined ? "–" : fmt(state.epsilon, 3))
    ];
    if (state.orchestrator) parts.push(state.orchestrator);
    if (state.pretrain_trace) parts.push((state.agent === "hpa-tuned" ? "tuned on " : "trained on ") + state.pretrain_trace);
    if (state.trace) parts.push("trace " + state.trace);
    if (state.dry_run) parts.push("DRY RUN");
    $("about").textContent = parts.join(" · ");
    $("limits").textContent = "between " + state.min_replicas + " and " + state.max_replicas +
      " replicas; objective p95 ≤ " + state.slo_p95_ms + " ms; a decision every " + state.period_seconds + " s";
  }

  function renderConditions(state) {
    var body = $("conditions").tBodies[0];
    body.textContent = "";
    (state.conditions || []).forEach(function (c) {
      var row = body.insertRow();
      cell(row, c.type);
      // ScalingLimited is the one condition whose True is the warning (held at a limit).
      var good = c.type === "ScalingLimited" ? c.status === "False" : c.status === "True";
      cell(row, c.status, c.status === "Unknown" ? "unknown" : good ? "good" : "bad");
      var why = cell(row, c.reason);
      why.title = c.message;
    });
  }

  var OBSERVATION = [
    ["request_rate_per_second", "load", "req/s", 1],
    ["replica_cpu_fraction", "CPU per replica", "of its limit", 2],
    ["cpu_usage_percent", "cpu_usage", "%", 1],
    ["ram_usage_percent", "ram_usage", "%", 1],
    ["mean_latency_ms", "mean latency", "ms", 1],
    ["p95_latency_ms", "p95 latency", "ms", 1],
    ["running_time_seconds", "youngest replica running for", "s", 0]
  ];

  function renderObservation(state) {
    var o = state.observation;
    $("desired").textContent = o ? o.desired_replicas : "–";
    $("running").textContent = o ? o.running_replicas : "–";
    var body = $("observation").tBodies[0];
    body.textContent = "";
    OBSERVATION.forEach(function (field) {
      var row = body.insertRow();
      cell(row, field[1]);
      cell(row, o ? fmt(o[field[0]], field[3]) : "–", "num");
      cell(row, field[2]);
    });
  }

  function renderInsight(state) {
    var insight = state.insight;
    var body = $("values").tBodies[0];
    body.textContent = "";
    $("agent-state").textContent = insight ? insight.state
      : state.last_decision ? "a rule: it has no learnt values (" + state.last_decision.reason + ")" : "–";
    $("values-meaning").textContent = insight ? "Value: " + insight.meaning + "." : "";
    if (!insight) return;
    insight.actions.forEach(function (a) {
      var row = body.insertRow();
      var name = document.createElement("th");
      name.textContent = a.action + (a.chosen ? "  ◀ taken" : "");
      row.appendChild(name);
      var value = cell(row, a.value === null ? "untried" : fmt(a.value, 3), "num");
      value.setAttribute("data-action", a.action);
      if (a.chosen) {
        row.className = "chosen";
        value.classList.add("chosen");
        value.setAttribute("data-chosen", "true");
      }
      cell(row, a.detail);
    });
  }

  /** The decisions up to the one /api/state describes, so that the table and the marked action agree. */
  function decisionsOf(state, decisions) {
    var last = state.last_decision;
    if (!last) return decisions;
    var rows = decisions.filter(function (d) { return d.id <= last.id; });
    if (!rows.length || rows[0].id < last.id) rows.unshift(last);
    return rows;
  }

  function renderDecisions(rows) {
    var body = $("decisions").tBodies[0];
    body.textContent = "";
    rows.forEach(function (d) {
      var row = body.insertRow();
      row.setAttribute("data-decision", d.id);
      if (d.agent_action !== null) row.setAttribute("data-agent-action", d.agent_action);
      cell(row, d.time.substring(11, 19));
      cell(row, d.replicas_before + " → " + d.replicas_after + (d.wanted !== d.replicas_after ? " (wanted " + d.wanted + ")" : ""));
      cell(row, d.action, d.action);
      cell(row, d.agent_action === null ? "–" : d.agent_action + (d.random ? " (random)" : ""));
      cell(row, d.reason);
      var safety = cell(row, d.safety);
      safety.title = d.safety_detail;
    });
    $("decision-count").textContent = rows.length ? "(the last " + rows.length + ", newest first)" : "(none yet)";
  }

  function makeCharts() {
    var width = Math.max(300, $("chart-load").clientWidth || 800);
    var axis = { stroke: "#5b636e", grid: { stroke: "#eceff3" } };
    var load = new uPlot({
      width: width, height: 240, cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, rps: { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } },
                replicas: { range: function (u, min, max) { return [0, Math.max(2, max + 1)]; } } },
      series: [{},
        { label: "load (req/s)", scale: "rps", stroke: "#1a7f37", fill: "rgba(26,127,55,0.08)", width: 2 },
        { label: "forecast peak (req/s)", scale: "rps", stroke: "#b26a00", width: 1.5, dash: [2, 3] },
        { label: "desired replicas", scale: "replicas", stroke: "#0b63c4", width: 2, dash: [6, 4] },
        { label: "running replicas", scale: "replicas", stroke: "#8a3ffc", width: 2 }],
      axes: [axis, Object.assign({ scale: "rps", label: "req/s", size: 55 }, axis),
             Object.assign({ scale: "replicas", side: 1, label: "replicas", size: 45, grid: { show: false } }, axis)]
    }, [[], [], [], [], []], $("chart-load"));
    var latency = new uPlot({
      width: width, height: 240, cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, ms: { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } } },
      series: [{},
        { label: "p95 (ms)", scale: "ms", stroke: "#c62828", width: 2 },
        { label: "objective (ms)", scale: "ms", stroke: "#c62828", width: 1, dash: [4, 4] },
        { label: "reward", scale: "reward", stroke: "#5b636e", width: 1 }],
      axes: [axis, Object.assign({ scale: "ms", label: "ms", size: 55 }, axis),
             Object.assign({ scale: "reward", side: 1, label: "reward", size: 55, grid: { show: false } }, axis)]
    }, [[], [], [], []], $("chart-latency"));
    return { load: load, latency: latency };
  }

  function renderCharts(history, state) {
    if (!charts) charts = makeCharts();
    var slo = history.time.map(function () { return state.slo_p95_ms; });
    charts.load.setData([history.time, history.load, history.forecast, history.desired, history.running]);
    charts.latency.setData([history.time, history.p95_ms, slo, history.reward]);
    $("chart-load").setAttribute("data-points", history.time.length);
    $("chart-latency").setAttribute("data-points", history.time.length);
  }

  function poll() {
    Promise.all([getJson(base + "api/state"), getJson(base + "api/decisions"), getJson(base + "api/history")])
      .then(function (answers) {
        var state = answers[0];
        polls++;
        renderAbout(state);
        renderConditions(state);
        renderObservation(state);
        renderInsight(state);
        renderDecisions(decisionsOf(state, answers[1]));
        renderCharts(answers[2], state);
        if (state.phase === "starting") setStatus("starting: no decision yet", "");
        else if (state.ready) setStatus("ready · updated " + new Date().toLocaleTimeString(), "ok");
        else setStatus("not ready: " + (state.last_error ? state.last_error.message : "see the conditions"), "bad");
        document.body.setAttribute("data-polls", polls);
        document.body.setAttribute("data-server-started", state.server_started);
      })
      .catch(function (error) {
        setStatus("cannot reach the autoscaler (" + error.message + "); trying again every second", "bad");
      })
      .then(function () { setTimeout(poll, POLL_MS); });
  }

  window.addEventListener("resize", function () {
    if (!charts) return;
    var width = Math.max(300, $("chart-load").clientWidth || 800);
    charts.load.setSize({ width: width, height: 240 });
    charts.latency.setSize({ width: width, height: 240 });
  });

  poll();
})();
