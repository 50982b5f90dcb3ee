/* Live charts for /graphics: polls GET /api/stats every 2 s and draws them with uPlot. */
(function () {
  "use strict";

  var POLL_MS = 2000;
  var statusEl = document.getElementById("stats-status");
  var uptimeEl = document.getElementById("stats-uptime");

  var CHARTS = [
    { id: "chart-cpu", key: "cpu_percent", label: "CPU %", color: "#0b63c4", fill: "rgba(11,99,196,0.10)", fixedMax: 100 },
    { id: "chart-ram", key: "ram_percent", label: "RAM %", color: "#8a3ffc", fill: "rgba(138,63,252,0.10)", fixedMax: 100 },
    { id: "chart-rps", key: "requests_per_second", label: "req/s", color: "#1a7f37", fill: "rgba(26,127,55,0.10)", fixedMax: null }
  ];

  var plots = [];
  var lastSuccess = 0;
  var lastError = null;

  function setStatus(text, kind) {
    if (!statusEl) return;
    statusEl.textContent = text;
    statusEl.className = "status" + (kind ? " " + kind : "");
  }

  function formatUptime(s) {
    if (typeof s !== "number" || !isFinite(s)) return "–";
    s = Math.max(0, Math.floor(s));
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    var parts = [];
    if (d) parts.push(d + " d");
    if (d || h) parts.push(h + " h");
    if (d || h || m) parts.push(m + " min");
    parts.push(sec + " s");
    return parts.join(" ");
  }

  function chartWidth(el) {
    return Math.max(200, Math.floor(el.clientWidth || el.parentNode.clientWidth || 600));
  }

  function chartHeight() {
    return window.innerWidth < 600 ? 180 : 220;
  }

  function makePlot(cfg) {
    var el = document.getElementById(cfg.id);
    if (!el) return null;
    var opts = {
      width: chartWidth(el),
      height: chartHeight(),
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        y: {
          range: function (u, min, max) {
            var hi = cfg.fixedMax != null ? cfg.fixedMax : Math.max(1, (max || 0) * 1.15);
            if (cfg.fixedMax != null && max > cfg.fixedMax) hi = max;
            return [0, hi];
          }
        }
      },
      series: [
        {},
        {
          label: cfg.label,
          stroke: cfg.color,
          fill: cfg.fill,
          width: 2,
          points: { show: false },
          value: function (u, v) { return v == null ? "–" : v.toFixed(1); }
        }
      ],
      axes: [
        { stroke: "#5b636e", grid: { stroke: "#eceff3" } },
        { stroke: "#5b636e", grid: { stroke: "#eceff3" }, size: 50 }
      ]
    };
    return { cfg: cfg, el: el, plot: new uPlot(opts, [[], []], el) };
  }

  function toNumber(v) {
    return typeof v === "number" && isFinite(v) ? v : null;
  }

  function render(json) {
    var samples = Array.isArray(json && json.samples) ? json.samples : [];
    var xs = new Array(samples.length);
    for (var i = 0; i < samples.length; i++) xs[i] = samples[i].t / 1000; // epoch ms -> s
    plots.forEach(function (p) {
      var ys = new Array(samples.length);
      for (var j = 0; j < samples.length; j++) ys[j] = toNumber(samples[j][p.cfg.key]);
      p.plot.setData([xs, ys]);
    });
    if (uptimeEl) uptimeEl.textContent = formatUptime(json && json.uptime_seconds);
    return samples.length;
  }

  function updateStatus() {
    if (lastError) {
      var since = lastSuccess ? " (last update " + Math.round((Date.now() - lastSuccess) / 1000) + " s ago)" : "";
      setStatus("cannot reach /api/stats: " + lastError + since, "error");
    } else if (lastSuccess) {
      setStatus("updated " + Math.round((Date.now() - lastSuccess) / 1000) + " s ago", "ok");
    }
  }

  function poll() {
    var ctrl = typeof AbortController === "function" ? new AbortController() : null;
    var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, POLL_MS * 2) : null;
    fetch("/api/stats", { cache: "no-store", headers: { "Accept": "application/json" }, signal: ctrl ? ctrl.signal : undefined })
      .then(function (res) {
        if (!res.ok) throw new Error("HTTP " + res.status);
        return res.json();
      })
      .then(function (json) {
        render(json);
        lastSuccess = Date.now();
        lastError = null;
      })
      .catch(function (err) {
        lastError = err && err.name === "AbortError" ? "timed out" : (err && err.message) || String(err);
      })
      .then(function () {
        if (timer) clearTimeout(timer);
        updateStatus();
        setTimeout(poll, POLL_MS);
      });
  }

  function resizeAll() {
    plots.forEach(function (p) {
      var w = chartWidth(p.el), h = chartHeight();
      if (w !== p.plot.width || h !== p.plot.height) p.plot.setSize({ width: w, height: h });
    });
  }

  function init() {
    if (typeof uPlot !== "function") {
      setStatus("chart library /static/vendor/uplot/uPlot.iife.min.js did not load", "error");
      return;
    }
    CHARTS.forEach(function (cfg) {
      var p = makePlot(cfg);
      if (p) plots.push(p);
    });
    // Follow the width of the containers (window resize, scrollbar appearing, etc.).
    var resizeTimer = null;
    function scheduleResize() {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(resizeAll, 100);
    }
    window.addEventListener("resize", scheduleResize);
    if (typeof ResizeObserver === "function") {
      var ro = new ResizeObserver(scheduleResize);
      plots.forEach(function (p) { ro.observe(p.el); });
    }
    setInterval(updateStatus, 1000);
    poll();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
