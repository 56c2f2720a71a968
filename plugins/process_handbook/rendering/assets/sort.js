/* Process Handbook: sortable tables.
 *
 * Every table inside an element with the class `ph-sortable` gets a button in
 * each column header; selecting it sorts the rows by that column, ascending,
 * then descending. A cell sorts by the `data-sort` value of an element inside it
 * when it has one (durations are sorted in minutes, not by their text), else by
 * its text, numbers before words. Handlers are attached here, never inline, and
 * the script runs again on every page Material's instant navigation shows.
 */
(function () {
  "use strict";

  function key(cell) {
    var marked = cell ? cell.querySelector("[data-sort]") : null;
    var text = marked ? marked.getAttribute("data-sort") : (cell ? cell.textContent.trim() : "");
    var number = parseFloat(text);
    return isNaN(number) ? { text: text } : { number: number };
  }

  function compare(a, b) {
    if ("number" in a && "number" in b) return a.number - b.number;
    if ("number" in a) return -1;
    if ("number" in b) return 1;
    return a.text.localeCompare(b.text);
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.map.call(body.rows, function (row, position) {
      return { row: row, key: key(row.cells[index]), position: position };
    });
    rows.sort(function (a, b) {
      var order = compare(a.key, b.key) || a.position - b.position;
      return ascending ? order : -order;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
  }

  function setup() {
    var tables = document.querySelectorAll(".ph-sortable table");
    Array.prototype.forEach.call(tables, function (table) {
      if (!table.tHead || !table.tBodies.length || table.getAttribute("data-ph-sortable")) return;
      table.setAttribute("data-ph-sortable", "");
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "ph-sort";
        while (header.firstChild) button.appendChild(header.firstChild);
        header.appendChild(button);
        button.addEventListener("click", function () { sortBy(table, index, header); });
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
