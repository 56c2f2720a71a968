/* Process Handbook: a page on paper.
 *
 * While a page is laid out for print, it uses the light palette (paper is
 * white, and the dark palette's light text would print faint), and every
 * diagram or table wider than the page is zoomed to the printable width.
 * Stylesheets cannot do the zooming: Material draws each Mermaid diagram
 * inside a closed shadow root, and a swimlane keeps its natural size on
 * screen, where it scrolls. Both changes are undone after printing.
 */
(function () {
  "use strict";
  var print = window.matchMedia("print");
  var WIDE = ".md-typeset div.mermaid, .md-typeset__table > table";
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

  function fit() {
    var wide = Array.prototype.slice.call(document.querySelectorAll(WIDE));
    wide.forEach(function (element) { element.style.zoom = ""; });
    if (!print.matches) return;
    var scales = wide.map(function (element) {
      var page = element.closest(".md-typeset");
      var natural = Math.max(element.scrollWidth, element.getBoundingClientRect().width);
      // 1% to spare: zoomed text can measure a little wider than it did at full size.
      return page && natural > page.clientWidth ? (0.99 * page.clientWidth) / natural : 1;
    });
    wide.forEach(function (element, i) {
      if (scales[i] < 1) element.style.zoom = String(scales[i]);
    });
  }

  print.addEventListener("change", function () {
    palette();
    fit();
  });
})();
