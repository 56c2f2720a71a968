/* Process Handbook: the "Who owns…?" finder.
 *
 * Fills every <div class="ph-finder"> of a page (the home page, department pages,
 * any page of the site) with a search field and, as you type, the matching steps
 * as rows: the step, its process, its owner (第一责任人) with the people who hold
 * the role and how to reach them, and its lead department. ↑/↓ choose a row,
 * Enter opens its step. `data-department="<id>"` keeps a finder to the steps that
 * department leads or supports.
 *
 * The data is finder.json, written by the build next to this script; nothing
 * leaves the site. A query matches a step when each of its words occurs in the
 * step's text (step name and aliases, process title and aliases, owner, the
 * people, departments), compared after Unicode normalisation and in lower case:
 * 报销 finds 费用报销流程 and never 报价. Everything is put into the page as
 * text, never as HTML.
 */
(function () {
  "use strict";
  var MAX_ROWS = 20;
  var script = document.currentScript;
  var here = script ? script.src : location.href;
  // The handbook's root (the site's, or the plugin's prefix folder), which finder.json's URLs are
  // relative to: this script is <root>assets/process-handbook/finder.js.
  var root = new URL("../../", here);
  var loading;
  var counter = 0;

  function load() {
    if (!loading) {
      loading = fetch(new URL("finder.json", here).href)
        .then(function (response) { return response.json(); })
        .then(prepare);
    }
    return loading;
  }

  function normal(text) {
    return String(text).normalize("NFKC").toLowerCase();
  }

  /* Each step with its texts by weight: what the query is found in decides the order. */
  function prepare(data) {
    data.rows = data.steps.map(function (s, position) {
      var process = data.processes[s[1]];
      var role = data.roles[s[3]] || ["", "", []];
      var lead = data.departments[s[4]] || ["", "", ""];
      var support = s[5].map(function (i) { return data.departments[i]; });
      return {
        position: position,
        name: s[0], anchor: s[2], process: process, role: role, lead: lead, support: support,
        aliases: s[6],
        texts: [
          normal(s[0]),
          normal(s[6].join(" ")),
          normal(process[0] + " " + process[2].join(" ")),
          normal(role[0] + " " + role[2].map(function (h) { return h.name; }).join(" ")),
          normal(lead[0] + " " + support.map(function (d) { return d[0]; }).join(" ")),
        ],
      };
    });
    return data;
  }

  function matches(data, query, department) {
    var words = normal(query).split(/\s+/).filter(Boolean);
    var found = [];
    data.rows.forEach(function (row) {
      if (department && row.lead[2] !== department &&
          !row.support.some(function (d) { return d[2] === department; })) return;
      var rank = 0;
      for (var w = 0; w < words.length; w++) {
        var best = row.texts.findIndex(function (t) { return t.indexOf(words[w]) !== -1; });
        if (best === -1) return;
        rank += best;
      }
      found.push({ row: row, rank: rank });
    });
    found.sort(function (a, b) { return a.rank - b.rank || a.row.position - b.row.position; });
    return found.map(function (f) { return f.row; });
  }

  function text(key, values, data) {
    var entry = data.labels[key];
    if (entry && typeof entry === "object") entry = values.n === 1 ? entry.one : entry.other;
    return String(entry).replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  function element(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (content !== undefined) el.textContent = content;
    return el;
  }

  function link(href, content, className) {
    var a = element("a", className, content);
    a.href = href;
    return a;
  }

  function people(role, data) {
    var box = element("span", "ph-people");
    role[2].forEach(function (h) {
      var person = element("span", "ph-person", h.name);
      if (h.phone) person.append(" ", link(h.tel, h.phone, "ph-contact"));
      if (h.mail) {
        var mail = link("mailto:" + h.mail, data.labels.mail, "ph-contact");
        mail.title = h.mail;
        person.append(" ", mail);
      }
      if (h.chat) person.append(" ", link(h.chat, data.labels.chat, "ph-contact"));
      box.append(person);
    });
    return box;
  }

  function render(state) {
    var data = state.data;
    var query = state.input.value.trim();
    var list = state.list;
    list.textContent = "";
    state.rows = [];
    state.active = -1;
    state.input.removeAttribute("aria-activedescendant");
    if (!query && !state.department) {
      state.status.textContent = data.labels.finder_hint;
      return;
    }
    var found = matches(data, query, state.department);
    if (!found.length) {
      state.status.textContent = text("finder_none", { query: query }, data);
      return;
    }
    var shown = found.slice(0, MAX_ROWS);
    state.status.textContent = text("finder_count", { n: found.length }, data) +
      (found.length > MAX_ROWS ? " " + text("finder_more", { n: MAX_ROWS }, data) : "");
    shown.forEach(function (row, i) {
      var item = element("li", "ph-finder__row");
      item.id = state.id + "-" + i;
      item.setAttribute("role", "option");
      var step = link(new URL(row.process[1] + "#" + row.anchor, root).href, row.name, "ph-finder__step");
      var name = element("span", "ph-finder__cell ph-finder__name");
      name.append(step);
      if (row.aliases.length) name.append(element("span", "ph-finder__aliases", row.aliases.join(data.labels.list_separator)));
      var process = element("span", "ph-finder__cell ph-finder__process");
      process.append(link(new URL(row.process[1], root).href, row.process[0]));
      var owner = element("span", "ph-finder__cell ph-finder__owner");
      owner.append(element("span", "ph-finder__key", data.labels.accountable + " "));
      if (row.role[1]) owner.append(link(new URL(row.role[1], root).href, row.role[0]));
      if (row.role[2].length) owner.append(" ", people(row.role, data));
      var lead = element("span", "ph-finder__cell ph-finder__lead");
      lead.append(element("span", "ph-finder__key", data.labels.lead + " "));
      if (row.lead[1]) lead.append(link(new URL(row.lead[1], root).href, row.lead[0]));
      item.append(name, process, owner, lead);
      item.addEventListener("mousemove", function () { select(state, i); });
      list.append(item);
      state.rows.push({ item: item, step: step });
    });
  }

  function select(state, index) {
    if (!state.rows.length) return;
    var count = state.rows.length;
    state.active = (index + count) % count;
    state.rows.forEach(function (r, i) {
      r.item.classList.toggle("ph-finder__row--active", i === state.active);
      r.item.setAttribute("aria-selected", String(i === state.active));
    });
    var active = state.rows[state.active].item;
    state.input.setAttribute("aria-activedescendant", active.id);
    active.scrollIntoView({ block: "nearest" });
  }

  function keydown(state, event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      select(state, state.active === -1 ? (step > 0 ? 0 : -1) : state.active + step);
    } else if (event.key === "Enter") {
      var chosen = state.rows[state.active === -1 ? 0 : state.active];
      if (chosen) {
        event.preventDefault();
        chosen.step.click(); // a link click: Material's instant navigation takes it
      }
    } else if (event.key === "Escape") {
      state.input.value = "";
      render(state);
    }
  }

  function mount(box) {
    if (box.getAttribute("data-ph-mounted")) return;
    box.setAttribute("data-ph-mounted", "true");
    var id = "ph-finder-" + ++counter;
    load().then(function (data) {
      var label = element("label", "ph-finder__label", data.labels.finder_label);
      label.htmlFor = id + "-input";
      var input = element("input", "ph-finder__input");
      input.id = id + "-input";
      input.type = "search";
      input.autocomplete = "off";
      input.spellcheck = false;
      input.placeholder = data.labels.finder_placeholder;
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-controls", id + "-list");
      input.setAttribute("aria-expanded", "true");
      var status = element("p", "ph-finder__status");
      status.setAttribute("aria-live", "polite");
      var list = element("ul", "ph-finder__rows");
      list.id = id + "-list";
      list.setAttribute("role", "listbox");
      box.textContent = "";
      box.append(label, input, status, list);
      var state = {
        id: id, data: data, input: input, status: status, list: list, rows: [], active: -1,
        department: box.getAttribute("data-department") || "",
      };
      input.addEventListener("input", function () { render(state); });
      input.addEventListener("keydown", function (event) { keydown(state, event); });
      render(state);
    }).catch(function (error) {
      box.textContent = "";
      console.warn("Process Handbook finder: cannot read its data", error);
    });
  }

  window.processHandbook.onEveryPage(function (page) {
    Array.prototype.forEach.call(page.querySelectorAll(".ph-finder"), mount);
  });
})();
