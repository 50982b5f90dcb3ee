/*
 * The services page: polls /api/services every two seconds and shows one row per service, with
 * its replicas, its range, its agent, the conditions that are not True and its last decision.
 */
(function () {
  "use strict";

  var POLL_MS = 2000;

  function $(id) { return document.getElementById(id); }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function dash(value) { return value === null || value === undefined ? "–" : String(value); }

  function render(services) {
    var body = $("services").tBodies[0];
    body.textContent = "";
    services.forEach(function (s) {
      var row = document.createElement("tr");
      row.setAttribute("data-service", s.service);
      var name = cell(row, "");
      var link = document.createElement("a");
      link.href = s.page;
      link.textContent = s.service;
      name.appendChild(link);
      cell(row, dash(s.desired_replicas) + " desired · " + dash(s.running_replicas) + " running", "num");
      cell(row, s.min_replicas === undefined ? "–" : s.min_replicas + "–" + s.max_replicas, "num");
      cell(row, s.agent === undefined ? "–" : s.agent + (s.mode ? " (" + s.mode + ")" : ""));
      var bad = s.conditions.filter(function (c) { return c.status === "False"; });
      var conditions = cell(row, bad.length === 0 ? "all True" : bad.map(function (c) {
        return c.type + " False (" + c.reason + "): " + c.message;
      }).join("; "), bad.length === 0 ? "good" : "bad");
      conditions.setAttribute("data-conditions", bad.map(function (c) { return c.reason; }).join(","));
      var d = s.last_decision;
      cell(row, d ? d.action + " to " + d.replicas_after + " (" + d.reason + "; " + d.safety + ")" : "none yet");
      body.appendChild(row);
    });
  }

  function poll() {
    fetch("/api/services", { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("/api/services answered " + response.status);
        return response.json();
      })
      .then(function (services) {
        render(services);
        var status = $("status");
        status.textContent = services.length + " service" + (services.length === 1 ? "" : "s") + " · updated "
          + new Date().toLocaleTimeString();
        status.className = "status ok";
      })
      .catch(function (error) {
        var status = $("status");
        status.textContent = "cannot reach the autoscaler (" + error.message + "); showing the last answer";
        status.className = "status bad";
      })
      .then(function () { setTimeout(poll, POLL_MS); });
  }

  poll();
}());
