// Solve the pace tickets of the page's forms in the background (kcs_core.pacing).
// The widget (altcha/altcha.min.js, loaded before this file) runs the work in a
// worker served from our own static files; without scripts, the ticket matures.
(function () {
  "use strict";
  var worker = document.currentScript.dataset.worker;
  function start() {
    if (!window.$altcha) {
      return; // the widget did not load: the ticket matures instead
    }
    window.$altcha.algorithms.set("PBKDF2/SHA-256", function () {
      return new Worker(worker);
    });
    document.querySelectorAll("altcha-widget[data-kcs-pace]").forEach(function (widget) {
      widget.configure({ hideFooter: true, hideLogo: true });
      widget.verify();
    });
  }
  if (window.customElements) {
    window.customElements.whenDefined("altcha-widget").then(function () {
      setTimeout(start, 0);
    });
  }
})();
