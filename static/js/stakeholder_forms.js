// The new-request form keeps a server-side draft while the clerk types: every 20 seconds, and
// when the tab is hidden, changed fields are posted as a draft (without the file, which is
// kept when the form itself is posted). Without JavaScript, "Save and finish later" does it.
(function () {
  "use strict";
  var form = document.getElementById("request-form");
  if (!form || !window.fetch || !window.FormData) return;
  var status = document.getElementById("autosave-status");
  // A page shown again after a failed submit belongs to its draft: say so in the address bar,
  // so a reload opens the draft instead of posting the form once more.
  if (form.action !== window.location.href && /\/drafts\/\d+\/$/.test(form.action)) {
    window.history.replaceState(null, "", form.action);
  }
  var dirty = false;
  var saving = false;

  function markDirty() { dirty = true; }
  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);

  function save() {
    if (!dirty || saving) return;
    saving = true;
    dirty = false;
    var data = new FormData(form);
    data.delete("document");
    data.set("action", "save");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1" }
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (body) {
        var target = new URL(body.url, window.location.href).href;
        if (form.action !== target) {
          form.action = target;
          window.history.replaceState(null, "", target);
        }
        if (status) status.textContent = body.message;
      })
      .catch(function () {
        dirty = true;
        if (status) status.textContent = status.getAttribute("data-failed");
      })
      .then(function () { saving = false; });
  }

  window.setInterval(save, 20000);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") save();
  });
  form.addEventListener("submit", function () { dirty = false; });
})();
