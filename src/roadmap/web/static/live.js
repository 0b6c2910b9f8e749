// Live updates without reloading: when the server says the workshop changed, fetch the fresh
// part of the page; votes are sent the same way so that the page keeps its place. Without
// scripts, every form still works by posting and reloading.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live) { return; }
  var busy = Promise.resolve();

  function swap(html) {
    var focused = document.activeElement;
    var key = focused && focused.closest && focused.closest("form.vote");
    var item = key ? key.querySelector("input[name=item]").value : null;
    live.innerHTML = html;
    if (item) {
      var again = live.querySelector("form.vote input[name=item][value='" + CSS.escape(item) + "']");
      var button = again && again.form.querySelector("button[value='" + focused.value + "']");
      if (button) { button.focus(); }
    }
  }

  function refresh() {
    busy = busy.then(function () {
      return fetch(live.dataset.live, {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { swap(html); } });
    });
  }

  live.addEventListener("submit", function (event) {
    var form = event.target;
    var data = new FormData(form);
    if (event.submitter) { data.append(event.submitter.name, event.submitter.value); }
    event.preventDefault();
    busy = busy.then(function () {  // presses are sent in order, none dropped
      return fetch(form.action, {method: "POST", body: data, credentials: "same-origin",
                                 headers: {"X-Requested-With": "fetch"}})
        .then(function (r) { return r.text(); })
        .then(swap);
    });
  });

  var source = new EventSource(live.dataset.events);
  source.addEventListener("change", refresh);
})();
