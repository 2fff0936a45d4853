// Every admin page (templates/admin/base_site.html); see leacorner/admin_accessibility.py.
// Django's two-list selector (filter_horizontal) draws its filter icons as spans with an
// aria-label, which ARIA does not allow on an element without a role. Give them the role of
// the image they are, so the label they carry names the filter box for screen readers.
(function () {
  "use strict";
  function giveRoles(root) {
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }
  function watch() {
    giveRoles(document);
    new MutationObserver(function () { giveRoles(document); })
      .observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
