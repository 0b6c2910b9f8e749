// Live updates without reloading: when the server says the workshop changed, fetch the fresh
// part of the page; votes are sent the same way so that the page keeps its place. Without
// scripts, every form still works by posting and reloading.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live) { return; }
  var busy = Promise.resolve();
  var said = null;  // "saved" or why not, kept when the page is refreshed after the vote

  function swap(html, fromVote) {
    var focused = document.activeElement;
    var key = focused && focused.closest && focused.closest("form.vote");
    var item = key ? key.querySelector("input[name=item]").value : null;
    live.innerHTML = html;
    var message = live.querySelector(".saved, .error");
    if (fromVote) {
      said = message ? message.outerHTML : null;
    } else if (!message && said) {
      var step = live.querySelector("#step");
      if (step) { step.insertAdjacentHTML("afterend", said); }
    }
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
        .then(function (html) { if (html !== null) { swap(html, false); } });
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
        .then(function (html) { swap(html, true); });
    });
  });

  var source = new EventSource(live.dataset.events);
  source.addEventListener("change", refresh);
})();
