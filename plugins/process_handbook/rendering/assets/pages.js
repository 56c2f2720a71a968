/* Process Handbook: run a page's own code on every page.
 *
 * Material's instant navigation swaps a page's content without loading the
 * scripts again, and announces each new page on its `document$` stream; other
 * sites (`handbook generate`) load every page in full. The handbook's scripts
 * (finder.js, checklist.js) register here and are called for each page shown.
 */
(function () {
  "use strict";
  var handbook = (window.processHandbook = window.processHandbook || {});
  handbook.onEveryPage = function (mount) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { mount(document); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { mount(document); });
    } else {
      mount(document);
    }
  };
})();
