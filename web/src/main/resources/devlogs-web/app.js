// devlogs dashboard: plain JS against the query API (/v1/logs, /v1/streams/{name}).
(function () {
  "use strict";

  var KEY_STORAGE = "devlogs.queryKey";
  var $ = function (id) { return document.getElementById(id); };

  function apiKey() { return localStorage.getItem(KEY_STORAGE); }

  function showView(name) {
    var signedIn = !!apiKey();
    $("signin").hidden = signedIn;
    $("nav").hidden = !signedIn;
    $("view-search").hidden = !signedIn || name !== "search";
    $("view-stream").hidden = !signedIn || name !== "stream";
    document.querySelectorAll(".tab").forEach(function (tab) {
      tab.classList.toggle("active", tab.dataset.view === name);
    });
  }

  function signOut(message) {
    localStorage.removeItem(KEY_STORAGE);
    showView("search");
    var error = $("signin-error");
    error.textContent = message || "";
    error.hidden = !message;
  }

  // GET an API path; resolves with the JSON body, rejects with a readable message.
  function api(path, params) {
    var query = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      if (params[k] !== undefined && params[k] !== "") { query.append(k, params[k]); }
    });
    var url = path + (query.toString() ? "?" + query : "");
    return fetch(url, { headers: { Authorization: "Bearer " + apiKey() } })
      .catch(function () { throw new Error("Cannot reach the query service."); })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.status === 401 || response.status === 403) {
            signOut(body.detail || "That key was not accepted.");
            throw new Error("Signed out: " + (body.detail || "key not accepted"));
          }
          if (!response.ok) {
            throw new Error(body.detail || body.error || ("HTTP " + response.status));
          }
          return body;
        });
      });
  }

  function rangeParams(minutes) {
    var to = new Date();
    var from = new Date(to.getTime() - minutes * 60 * 1000);
    return { from: from.toISOString(), to: to.toISOString() };
  }

  function formatTime(ts) {
    // 2024-05-01T10:00:00.123456789Z -> 2024-05-01 10:00:00.123456
    return ts.replace("T", " ").replace("Z", "").slice(0, 26);
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text == null ? "" : text;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  // Fills a results table; clicking a row toggles a line with the event's id and attributes.
  function render(table, status, events, withStream) {
    var body = table.querySelector("tbody");
    body.textContent = "";
    events.forEach(function (event) {
      var row = document.createElement("tr");
      row.className = "event";
      cell(row, formatTime(event.timestamp), "ts");
      cell(row, event.level, "level level-" + event.level);
      cell(row, event.service);
      if (withStream) {
        var streamCell = cell(row, "");
        var link = document.createElement("a");
        link.href = "#";
        link.className = "stream-link";
        link.textContent = event.stream;
        link.addEventListener("click", function (e) {
          e.preventDefault();
          e.stopPropagation();
          openStream(event.stream);
        });
        streamCell.appendChild(link);
      }
      cell(row, event.message, "msg");
      body.appendChild(row);

      row.addEventListener("click", function () {
        var next = row.nextSibling;
        if (next && next.classList && next.classList.contains("attrs")) { next.remove(); return; }
        var detail = document.createElement("tr");
        detail.className = "attrs";
        var attrs = Object.keys(event.attributes || {}).map(function (k) {
          return k + "=" + event.attributes[k];
        });
        var td = cell(detail, "id=" + event.id + (attrs.length ? "\n" + attrs.join("\n") : ""));
        td.colSpan = row.children.length;
        td.style.whiteSpace = "pre-wrap";
        row.after(detail);
      });
    });
    table.hidden = events.length === 0;
    status.classList.remove("error");
    status.textContent = events.length === 0
      ? "No events in this time range."
      : events.length + " event" + (events.length === 1 ? "" : "s") + ".";
  }

  function run(form, status, table, request, withStream) {
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    status.classList.remove("error");
    status.textContent = "Loading...";
    return request()
      .then(function (body) { render(table, status, body.events || [], withStream); })
      .catch(function (error) {
        table.hidden = true;
        status.classList.add("error");
        status.textContent = error.message;
      })
      .finally(function () { button.disabled = false; });
  }

  function search(event) {
    if (event) { event.preventDefault(); }
    var form = $("search-form");
    var params = rangeParams(Number(form.range.value));
    params.level = form.level.value;
    params.service = form.service.value.trim();
    params.q = form.q.value.trim();
    params.limit = 200;
    return run(form, $("search-status"), $("search-results"),
      function () { return api("/v1/logs", params); }, true);
  }

  function readStream(event) {
    if (event) { event.preventDefault(); }
    var form = $("stream-form");
    var name = form.name.value.trim();
    if (!name) { return; }
    var params = rangeParams(Number(form.range.value));
    params.limit = 1000;
    return run(form, $("stream-status"), $("stream-results"),
      function () { return api("/v1/streams/" + encodeURIComponent(name), params); }, false);
  }

  function openStream(name) {
    $("stream-form").name.value = name;
    showView("stream");
    readStream();
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("signin-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var key = $("key").value.trim();
      if (!key) { return; }
      localStorage.setItem(KEY_STORAGE, key);
      $("key").value = "";
      $("signin-error").hidden = true;
      showView("search");
      search();
    });
    $("sign-out").addEventListener("click", function () { signOut(); });
    document.querySelectorAll(".tab").forEach(function (tab) {
      tab.addEventListener("click", function () { showView(tab.dataset.view); });
    });
    $("search-form").addEventListener("submit", search);
    $("stream-form").addEventListener("submit", readStream);

    showView("search");
    if (apiKey()) { search(); }
  });
})();
