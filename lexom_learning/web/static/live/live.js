// Live quiz pages: poll a fragment with its ETag at the page's period (a 304 costs almost nothing),
// replace it when it changed, and send a phone's answers as JSON. No library, no build step.
(function () {
  "use strict";
  var panel = document.getElementById("live-panel");
  if (!panel) { return; }
  var status = document.getElementById("live-connection");
  var url = panel.getAttribute("data-poll-url");
  var etag = panel.getAttribute("data-etag") ? '"' + panel.getAttribute("data-etag") + '"' : null;
  var tokenTag = document.querySelector('meta[name="csrf-token"]');
  var csrf = tokenTag ? tokenTag.getAttribute("content") : "";
  var PERIOD = parseInt(panel.getAttribute("data-poll-period"), 10) || 1000;
  var polling = false;
  var sending = false;
  var stopped = false;

  // The page gives the messages in its language (templates/live/_connection.html).
  function message(name) { return (status && status.getAttribute("data-" + name)) || name; }
  function say(text) { if (status) { status.textContent = text; } }

  // Keep what the person is typing when the same question is drawn again.
  function swap(html) {
    var active = document.activeElement;
    var typing = active && panel.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
    var before = panel.querySelector("[data-question]");
    var kept = typing ? { id: active.id, value: active.value } : null;
    panel.innerHTML = html;
    var after = panel.querySelector("[data-question]");
    if (kept && kept.id && before && after &&
        before.getAttribute("data-question") === after.getAttribute("data-question")) {
      var field = document.getElementById(kept.id);
      if (field) { field.value = kept.value; field.focus(); }
    }
  }

  function poll() {
    if (polling || stopped) { return; }
    polling = true;
    var headers = { "Accept": "text/html" };
    if (etag) { headers["If-None-Match"] = etag; }
    fetch(url, { headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 200) {
          etag = response.headers.get("ETag");
          return response.text().then(swap).then(function () { say(""); });
        }
        if (response.status === 304) { say(""); return null; }
        if (response.status === 401 || response.status === 403) {
          stopped = true;
          say(message("signed-out"));
          return null;
        }
        say(message("server-error"));
        return null;
      })
      .catch(function () { say(message("offline")); })
      .then(function () { polling = false; });
  }

  function responseOf(form, submitter) {
    var kind = form.getAttribute("data-kind");
    if (kind === "single") { return submitter ? submitter.value : null; }
    if (kind === "int") { return submitter ? parseInt(submitter.value, 10) : null; }
    if (kind === "multi") {
      return Array.prototype.map.call(form.querySelectorAll('input[name="response"]:checked'),
        function (box) { return box.value; });
    }
    if (kind === "ordering") {
      return Array.prototype.map.call(form.querySelectorAll('select[name="order"]'),
        function (select) { return select.value; });
    }
    if (kind === "matching") {
      var pairs = {};
      Array.prototype.forEach.call(form.querySelectorAll('select[name="match"]'), function (select) {
        if (select.value) { pairs[select.getAttribute("data-left")] = select.value; }
      });
      return pairs;
    }
    var field = form.querySelector('[name="response"]');
    return field ? field.value : "";
  }

  // One answer in flight at a time; a lost connection is retried with the same body, which the
  // server recognises and never counts twice. Each answer carries its own request id, so a
  // resend arriving after a later answer is recognised too, never counted as the last one.
  function requestId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function send(form, body, tries) {
    var error = form.querySelector(".live-error");
    return fetch(form.getAttribute("data-url"), {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
      body: body
    }).then(function (response) {
      if (response.ok) { etag = null; return poll(); }
      return response.json().then(function (data) {
        error.textContent = (data && data.error && data.error.message) || message("refused");
        error.hidden = false;
        if (response.status === 409) { etag = null; setTimeout(poll, 1500); }
      }, function () {
        error.textContent = message("refused-reload");
        error.hidden = false;
      });
    }, function () {
      if (tries > 0) {
        return new Promise(function (resolve) { setTimeout(resolve, 700); })
          .then(function () { return send(form, body, tries - 1); });
      }
      error.textContent = message("not-sent");
      error.hidden = false;
      return null;
    });
  }

  panel.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("live-answer")) { return; }
    event.preventDefault();
    if (sending) { return; }
    var response = responseOf(form, event.submitter);
    if (response === null) { return; }
    sending = true;
    form.querySelector(".live-error").hidden = true;
    Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = true; });
    send(form, JSON.stringify({ response: response, request_id: requestId() }), 3).then(function () {
      sending = false;
      Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = false; });
    });
  });

  var full = document.querySelector("[data-fullscreen]");
  if (full && document.documentElement.requestFullscreen) {
    full.addEventListener("click", function () { document.documentElement.requestFullscreen(); });
  } else if (full) { full.hidden = true; }

  setInterval(poll, PERIOD);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { poll(); } });
}());
