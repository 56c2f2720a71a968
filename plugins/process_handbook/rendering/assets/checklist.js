/* Process Handbook: onboarding checklists that keep what you tick.
 *
 * Every <div class="ph-checklist" data-checklist="<process id>"> holds checkboxes
 * with `data-item="<step id>"`. What is ticked is kept in the browser's local
 * storage (one key per site, process and step), so it is still ticked after a
 * reload or another visit; the progress line counts the ticked items. Without
 * storage (private windows may refuse it) the boxes still tick, for this visit.
 */
(function () {
  "use strict";
  var PREFIX = "process-handbook:checklist:";
  var script = document.currentScript;
  // One handbook per site: the site's root (this script is assets/process-handbook/checklist.js).
  var site = new URL("../../", script ? script.src : location.href).pathname;

  function key(list, box) {
    return PREFIX + site + ":" + list.getAttribute("data-checklist") + ":" + box.getAttribute("data-item");
  }

  function read(name) {
    try { return window.localStorage.getItem(name); } catch (error) { return null; }
  }

  function write(name, ticked) {
    try {
      if (ticked) window.localStorage.setItem(name, "1");
      else window.localStorage.removeItem(name);
    } catch (error) { /* no storage: the tick lasts for this visit */ }
  }

  function progress(list) {
    var line = list.querySelector(".ph-checklist-progress");
    if (!line) return;
    var boxes = list.querySelectorAll("input[type=checkbox][data-item]");
    var done = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
    line.textContent = (line.getAttribute("data-template") || "{done}/{total}")
      .replace("{done}", String(done)).replace("{total}", String(boxes.length));
    list.classList.toggle("ph-checklist--done", boxes.length > 0 && done === boxes.length);
  }

  function mount(list) {
    if (list.getAttribute("data-ph-mounted")) return;
    list.setAttribute("data-ph-mounted", "true");
    Array.prototype.forEach.call(list.querySelectorAll("input[type=checkbox][data-item]"), function (box) {
      box.checked = read(key(list, box)) === "1";
      box.addEventListener("change", function () {
        write(key(list, box), box.checked);
        progress(list);
      });
    });
    progress(list);
  }

  window.processHandbook.onEveryPage(function (page) {
    Array.prototype.forEach.call(page.querySelectorAll(".ph-checklist[data-checklist]"), mount);
  });
})();
