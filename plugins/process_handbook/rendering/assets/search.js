/* Process Handbook: Material's search, finding the Chinese word that was typed.
 *
 * Material indexes Chinese text split into words (jieba, at build time) and, in
 * its search worker, splits a Chinese query against the index's words before
 * searching each as a prefix. That split never uses the query's last character
 * (Material 9.x, `segment()`), so 报销 is searched as 报* and finds 报价, 报修,
 * 报到; and the words are alternatives, so 第一责任人 also finds every 第一.
 *
 * This script splits the query itself, against the same words (read from the
 * index when Material hands it to its worker, or fetched once from the site if
 * Material was quicker than this script), and sends every word as required:
 * 费用报销 becomes `+费\用 +报\销*`. The backslashes keep the worker from splitting
 * the words again (lunr drops them), and only the last word stays a prefix. Words
 * in other scripts, and queries that use search operators (+ - * ~ ^ : "), are
 * left as Material treats them.
 */
(function () {
  "use strict";
  var SETUP = 0; // Material's search worker messages (SearchMessageType)
  var QUERY = 2;
  var LONGEST = 64; // characters of one Chinese run split here; longer runs are left alone
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var HAN_RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var OPERATORS = /[+\-*~^:"\\]/;
  // lunr-languages' trimmer for zh (with en): word characters are \w and 一-龥.
  var TRIM = /^[^\w\u4e00-\u9fa5]+|[^\w\u4e00-\u9fa5]+$/g;

  // The site's search index, under the site's root: Material's configuration names that root
  // relative to this page (the handbook may sit in a folder of the site, the plugin's prefix).
  var config = document.getElementById("__config");
  var base = config ? JSON.parse(config.textContent).base : ".";
  var INDEX = new URL(base + "/search/search_index.json", location.href);
  var index = null; // the index as Material sent it, until its words are needed
  var words = null; // its words that hold Chinese characters: a Set, and sorted for prefixes
  var sorted = null;
  var fetching = null; // the index fetched here, when Material sent it before this script ran
  var held = []; // [worker, query, rest] waiting for that fetch, in order

  function learn(data) {
    var lang = data.config && data.config.lang;
    index = lang && lang.indexOf("zh") !== -1 ? data : null;
    words = sorted = null;
    // Read the words while the browser is idle, so the first query need not wait for them.
    if (index && window.requestIdleCallback) window.requestIdleCallback(vocabulary, { timeout: 5000 });
  }

  function vocabulary() {
    if (words || !index) return words;
    var separator = new RegExp(index.config.separator, "g");
    words = new Set();
    index.docs.forEach(function (doc) {
      [doc.title, doc.text].concat(doc.tags || []).forEach(function (field) {
        String(field || "").replace(/<[^>]*>/g, " ").split(separator).forEach(function (token) {
          if (token && HAN.test(token)) words.add(token.replace(TRIM, "").toLowerCase());
        });
      });
    });
    sorted = Array.from(words).sort();
    index = null;
    return words;
  }

  function isPrefix(text) {
    var low = 0;
    var high = sorted.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (sorted[middle] < text) low = middle + 1;
      else high = middle;
    }
    return low < sorted.length && sorted[low].lastIndexOf(text, 0) === 0;
  }

  /* The fewest index words that make up `run`; the last may be the start of a word. */
  function split(run) {
    var chars = Array.from(run.toLowerCase());
    var n = chars.length;
    var best = [[]];
    for (var end = 1; end < n; end++) {
      for (var start = 0; start < end; start++) {
        var piece = chars.slice(start, end).join("");
        if (best[start] && words.has(piece) &&
            (!best[end] || best[start].length + 1 < best[end].length)) {
          best[end] = best[start].concat([piece]);
        }
      }
    }
    var answer = null;
    for (var from = 0; from < n; from++) {
      var last = chars.slice(from).join("");
      if (best[from] && (words.has(last) || isPrefix(last)) &&
          (!answer || best[from].length + 1 < answer.length)) {
        answer = best[from].concat([last]);
      }
    }
    return answer || [run.toLowerCase()];
  }

  function required(piece, prefix) {
    return "+" + Array.from(piece).join("\\") + (prefix ? "*" : "");
  }

  function rewrite(query) {
    if (!HAN.test(query) || !vocabulary()) return query;
    return query.split(/\s+/).map(function (term) {
      if (!HAN.test(term) || OPERATORS.test(term)) return term;
      return (term.match(HAN_RUNS) || []).map(function (part) {
        if (!HAN.test(part) || part.length > LONGEST) return part;
        var pieces = split(part);
        return pieces.map(function (p, i) { return required(p, i === pieces.length - 1); }).join(" ");
      }).join(" ");
    }).join(" ");
  }

  if (typeof Worker === "undefined") return;
  var post = Worker.prototype.postMessage;

  function send(worker, query, rest) {
    post.apply(worker, [{ type: QUERY, data: rewrite(query) }].concat(rest));
  }

  /* Material set up its worker before this script ran: read the same index once, then answer. */
  function hold(worker, query, rest) {
    held.push([worker, query, rest]);
    if (!fetching) {
      fetching = fetch(INDEX.href)
        .then(function (response) { return response.json(); })
        .then(learn, function () { learn({}); })
        .then(function () {
          held.splice(0).forEach(function (h) { send(h[0], h[1], h[2]); });
        });
    }
  }

  Worker.prototype.postMessage = function (message) {
    var rest = Array.prototype.slice.call(arguments, 1);
    if (message && message.type === SETUP && message.data && message.data.docs) {
      learn(message.data);
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      if (HAN.test(message.data) && !index && !words && !fetching) return hold(this, message.data, rest);
      if (held.length) return hold(this, message.data, rest); // keep the order
      return send(this, message.data, rest);
    }
    return post.apply(this, [message].concat(rest));
  };
})();
