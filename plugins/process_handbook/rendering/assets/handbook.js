/* Process Handbook: a page on paper.
 *
 * While a page is laid out for print, it uses the light palette (paper is
 * white, and the dark palette's light text would print faint), and every
 * diagram or table that cannot be narrower than the page is zoomed to the
 * printable width: anything wider would make Chromium shrink every page of
 * the print, swimlanes included. Stylesheets cannot do the zooming: Material
 * draws each Mermaid diagram inside a closed shadow root, and a table is as
 * narrow as its longest words. Both changes are undone after printing.
 */
(function () {
  "use strict";
  var print = window.matchMedia("print");
  var WIDE = ".md-typeset div.mermaid, .md-typeset__table > table";
  // px inside the 12 mm margins of an A4 page (handbook.css, @page): portrait, landscape.
  var PAGE = 703, LANDSCAPE = 1031;
  var saved; // the reader's palette while printing, undefined otherwise

  function palette() {
    var body = document.body;
    if (print.matches) {
      saved = body.getAttribute("data-md-color-scheme");
      body.setAttribute("data-md-color-scheme", "default");
    } else if (saved !== undefined) {
      if (saved === null) body.removeAttribute("data-md-color-scheme");
      else body.setAttribute("data-md-color-scheme", saved);
      saved = undefined;
    }
  }

  /* The least width an element takes (the print layout's width is not known to scripts). */
  function narrowest(element) {
    var width = element.style.width, most = element.style.maxWidth;
    element.style.width = "min-content";
    element.style.maxWidth = "none";
    var natural = element.getBoundingClientRect().width;
    element.style.width = width;
    element.style.maxWidth = most;
    return natural;
  }

  function fit(printing) {
    var wide = Array.prototype.slice.call(document.querySelectorAll(WIDE));
    wide.forEach(function (element) { element.style.zoom = ""; });
    if (!printing) return;
    var scales = wide.map(function (element) {
      var section = element.closest(".ph-landscape");
      var room = section && !section.classList.contains("ph-print-portrait") ? LANDSCAPE : PAGE;
      var natural = narrowest(element);
      // 1% to spare: zoomed text can measure a little wider than it did at full size.
      return natural > room ? (0.99 * room) / natural : 1;
    });
    wide.forEach(function (element, i) {
      if (scales[i] < 1) element.style.zoom = String(scales[i]);
    });
  }

  // Chromium sizes the print from the layout right after "beforeprint" (with the screen's
  // larger text, so the zoom errs small); the print media's own text is measured next.
  window.addEventListener("beforeprint", function () { fit(true); });
  window.addEventListener("afterprint", function () { fit(print.matches); });
  print.addEventListener("change", function () {
    palette();
    fit(print.matches);
  });
})();
