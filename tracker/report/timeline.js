// tracker's timeline page. Plain JavaScript and SVG, no library. Every text from the data goes
// into the page through textContent (never innerHTML): event fields are untrusted.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const DAY = 86400000;
  const LANE_LIMIT = 14; // company lanes shown; the other companies share one lane
  const ROWS_PER_LANE = 6; // overlapping events stack this deep, then overlap
  const PAGE = 500; // table rows shown at first; a button shows the next ones
  const ROW_H = 12, ROW_GAP = 3, LANE_PAD = 6, AXIS_H = 22, LABEL_W = 180;

  const raw = JSON.parse(document.getElementById("tracker-data").textContent);
  const dayNumber = (iso) => (iso ? Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY : null);
  const isoDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);
  const words = (type) => type.replace(/_/g, " ");

  const events = raw.events.map((e, i) => {
    const sources = e[9].map((s) => {
      const place = raw.sources[s[0]];
      return { doc: place[0], article: place[1], url: place[2], quote: s[1], dateText: s[2] };
    });
    const ev = {
      i, id: e[0], date: e[1], precision: e[2],
      start: dayNumber(e[3]), end: e[4] ? dayNumber(e[4]) + 1 : null, // end: the day after the last
      companies: e[5].map((c) => raw.companies[c]), people: e[6], type: raw.types[e[7]], title: e[8],
      sources, tags: e[10],
    };
    ev.text = [ev.title, ...ev.companies, ...ev.people, ...ev.tags, ev.type, words(ev.type), ev.date, ev.id,
      ...sources.flatMap((s) => [s.quote, s.doc, s.article, s.dateText])].join("\n").toLowerCase();
    return ev;
  });

  const rows = new Map();
  for (const tr of document.querySelectorAll("#events tbody tr")) rows.set(+tr.dataset.i, tr);
  const tbody = document.querySelector("#events tbody");
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, text) => {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const companyCounts = new Map();
  for (const e of events) for (const c of e.companies) companyCounts.set(c, (companyCounts.get(c) || 0) + 1);
  const byCount = [...companyCounts.keys()].sort((a, b) => companyCounts.get(b) - companyCounts.get(a) || a.localeCompare(b));
  const presentTypes = raw.types.filter((t) => events.some((e) => e.type === t));

  // --- state, and the URL fragment that shares it: #q=Unicom&type=trial,contract&company=... --
  const state = { q: "", types: new Set(presentTypes), company: "", lanes: "company", sort: "", desc: false, period: "quarter", zoom: 1, selected: null };

  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    state.q = p.get("q") || "";
    const wanted = (p.get("type") || "").split(",").map((t) => t.trim().toLowerCase().replace(/[- ]/g, "_")).filter(Boolean);
    state.types = new Set(wanted.length ? presentTypes.filter((t) => wanted.includes(t)) : presentTypes);
    const company = (p.get("company") || "").toLowerCase();
    state.company = byCount.find((c) => c.toLowerCase() === company) || "";
    state.lanes = p.get("lanes") === "type" ? "type" : "company";
    state.sort = ["date", "companies", "type", "title", "source"].includes(p.get("sort")) ? p.get("sort") : "";
    state.desc = p.get("desc") === "1";
    state.period = p.get("period") === "month" ? "month" : "quarter";
    const found = events.find((e) => e.id === p.get("event"));
    state.selected = found ? found.i : null;
  }

  function writeHash() {
    const p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    if (state.types.size !== presentTypes.length) p.set("type", [...state.types].join(","));
    if (state.company) p.set("company", state.company);
    if (state.lanes !== "company") p.set("lanes", state.lanes);
    if (state.sort) p.set("sort", state.sort);
    if (state.desc) p.set("desc", "1");
    if (state.period !== "quarter") p.set("period", state.period);
    if (state.selected !== null) p.set("event", events[state.selected].id);
    const hash = p.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }

  function visibleEvents() {
    const q = state.q.trim().toLowerCase();
    return events.filter((e) => state.types.has(e.type) && (!state.company || e.companies.includes(state.company)) && (!q || e.text.includes(q)));
  }

  // --- the table: the server-rendered rows, hidden and reordered ------------------------------
  let shownOrder = "+"; // the server wrote the rows in the listing's order
  let limit = PAGE;
  const sortKeys = {
    date: (e) => [e.start === null ? Infinity : e.start, e.start === null ? 0 : -(e.end - e.start), e.title],
    companies: (e) => [e.companies.join(", ").toLowerCase()],
    type: (e) => [e.type],
    title: (e) => [e.title.toLowerCase()],
    source: (e) => [(e.sources[0] ? e.sources[0].doc : "").toLowerCase()],
  };
  const compare = (a, b) => { for (let k = 0; k < a.length; k++) { if (a[k] < b[k]) return -1; if (a[k] > b[k]) return 1; } return 0; };

  function renderTable(visible) {
    const order = state.sort + (state.desc ? "-" : "+");
    if (order !== shownOrder) {
      let ordered = events.slice(); // the listing's own order when no column is chosen
      if (state.sort) {
        const key = sortKeys[state.sort];
        const keyed = ordered.map((e) => [key(e), e]);
        keyed.sort((a, b) => compare(a[0], b[0]) || a[1].i - b[1].i);
        ordered = keyed.map((pair) => pair[1]);
        if (state.desc) ordered.reverse();
      }
      const fragment = document.createDocumentFragment();
      for (const e of ordered) fragment.appendChild(rows.get(e.i));
      tbody.appendChild(fragment);
      shownOrder = order;
      for (const th of document.querySelectorAll("#events th")) {
        if (th.dataset.sort === state.sort) th.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      }
    }
    const keep = new Set(visible.map((e) => e.i));
    let rank = 0;
    for (const tr of tbody.rows) {
      const i = +tr.dataset.i, match = keep.has(i);
      const shown = match && (rank++ < limit || i === state.selected);
      if (tr.hidden === match) tr.hidden = !match; // "hidden": filtered out
      if (tr.classList.contains("shown") !== shown) { tr.classList.toggle("shown", shown); tr.tabIndex = shown ? 0 : -1; }
      tr.classList.toggle("sel", i === state.selected);
    }
    const more = $("more");
    more.textContent = "";
    if (visible.length > limit) {
      const button = el("button", { type: "button" }, "show " + Math.min(PAGE, visible.length - limit) + " more of the " + (visible.length - limit) + " rows not shown");
      button.addEventListener("click", () => { limit += PAGE; renderTable(visibleEvents()); });
      const all = el("button", { type: "button" }, "show all");
      all.addEventListener("click", () => { limit = Infinity; renderTable(visibleEvents()); });
      more.append(button, " ", all);
    }
  }

  // --- counts by type (each a filter toggle) ---------------------------------------------------
  function setupCounts() {
    for (const li of document.querySelectorAll("#counts li")) {
      const box = el("input", { type: "checkbox", "aria-label": "show " + words(li.dataset.type) });
      box.dataset.type = li.dataset.type;
      const label = el("label");
      while (li.firstChild) label.appendChild(li.firstChild);
      label.prepend(box);
      li.appendChild(label);
      box.addEventListener("change", () => {
        if (box.checked) state.types.add(box.dataset.type); else state.types.delete(box.dataset.type);
        update();
      });
    }
  }

  function renderCounts(visible) {
    const q = state.q.trim().toLowerCase();
    const counts = new Map();
    // a type's count is what it would show when ticked: the other filters apply, the type filter does not
    for (const e of events) {
      if ((!state.company || e.companies.includes(state.company)) && (!q || e.text.includes(q))) counts.set(e.type, (counts.get(e.type) || 0) + 1);
    }
    for (const li of document.querySelectorAll("#counts li")) {
      const box = li.querySelector("input");
      box.checked = state.types.has(li.dataset.type);
      li.classList.toggle("off", !box.checked);
      li.querySelector(".n").textContent = String(counts.get(li.dataset.type) || 0);
    }
    $("status").textContent = "showing " + visible.length + " of " + events.length + " events";
    document.body.dataset.shown = String(visible.length);
  }

  // --- the timeline ----------------------------------------------------------------------------
  const timeline = $("timeline");
  let view = null; // {x0, perDay, scroll, width} of the last drawing, for zoom and scrolling to marks

  function lanesOf(visible) {
    if (state.lanes === "type") {
      return raw.types.filter((t) => visible.some((e) => e.type === t)).map((t) => ({ label: words(t), type: t, items: visible.filter((e) => e.type === t) }));
    }
    const counts = new Map();
    for (const e of visible) for (const c of e.companies) counts.set(c, (counts.get(c) || 0) + 1);
    let names = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b));
    if (state.company) names = [state.company, ...names.filter((c) => c !== state.company)];
    const shown = names.slice(0, LANE_LIMIT);
    const lanes = shown.map((c) => ({ label: c, items: [] }));
    const other = { label: (names.length - shown.length) + " other companies", items: [] };
    const index = new Map(shown.map((c, k) => [c, k]));
    for (const e of visible) {
      let placed = false;
      for (const c of e.companies) if (index.has(c)) { lanes[index.get(c)].items.push(e); placed = true; }
      if (!placed) other.items.push(e);
    }
    if (other.items.length) lanes.push(other);
    return lanes;
  }

  function renderTimeline(visible) {
    const keepScroll = view ? view.scroll.scrollLeft : 0;
    timeline.textContent = "";
    const dated = visible.filter((e) => e.start !== null);
    const undated = visible.filter((e) => e.start === null);
    if (!dated.length) {
      view = null;
      timeline.appendChild(el("p", { class: "undated" }, visible.length ? "No event shown has a date." : "No event matches the filters."));
      drawUndated(undated);
      return;
    }
    const wrap = el("div", { class: "tl" });
    const labels = el("svg:svg", { class: "tl-labels", width: LABEL_W });
    const scroll = el("div", { class: "tl-scroll" });
    wrap.append(labels, scroll);
    timeline.appendChild(wrap);
    const visibleWidth = Math.max(200, scroll.clientWidth || timeline.clientWidth - LABEL_W - 2);
    let first = Math.min(...dated.map((e) => e.start)), last = Math.max(...dated.map((e) => e.end));
    const pad = Math.max(15, (last - first) * 0.02);
    first -= pad; last += pad;
    const perDay = (visibleWidth / (last - first)) * state.zoom;
    const width = Math.ceil((last - first) * perDay);
    const x = (day) => (day - first) * perDay;
    const svg = el("svg:svg", { class: "tl-marks", width: width });
    scroll.appendChild(svg);

    // lanes: events packed into rows so none hides another, unless a lane is very crowded
    let y = AXIS_H;
    const laneBoxes = [];
    for (const lane of lanesOf(dated)) {
      const rowEnds = [];
      const placed = lane.items.slice().sort((a, b) => a.start - b.start || b.end - a.end).map((e) => {
        const left = x(e.start), w = Math.max(4, x(e.end) - left);
        let row = rowEnds.findIndex((end) => end <= left);
        if (row < 0) {
          if (rowEnds.length < ROWS_PER_LANE) row = rowEnds.push(0) - 1;
          else row = rowEnds.indexOf(Math.min(...rowEnds));
        }
        rowEnds[row] = left + w + 2;
        return { e, left, w, row };
      });
      const height = Math.max(1, rowEnds.length) * (ROW_H + ROW_GAP) + 2 * LANE_PAD;
      laneBoxes.push({ lane, y, height, placed });
      y += height;
    }
    const total = y + 4;
    svg.setAttribute("height", total);
    labels.setAttribute("height", total);
    const axis = el("svg:g", { class: "axis" });
    svg.appendChild(axis);
    laneBoxes.forEach((box, k) => {
      if (k % 2 === 0) svg.appendChild(el("svg:rect", { class: "lane-bg", x: 0, y: box.y, width: width, height: box.height }));
      const label = el("svg:text", { x: 8, y: box.y + Math.min(box.height / 2, 18) + 4 }, box.lane.label.length > 26 ? box.lane.label.slice(0, 25) + "…" : box.lane.label);
      label.appendChild(el("svg:title", {}, box.lane.label + ": " + box.lane.items.length + " events"));
      labels.appendChild(label);
    });
    drawAxis(axis, first, last, perDay, total);
    const marks = el("svg:g", { class: "marks" });
    for (const box of laneBoxes) {
      for (const p of box.placed) {
        const cls = "m t-" + p.e.type + (p.e.end - p.e.start > 1 ? " span" : "") + (p.e.i === state.selected ? " sel" : "");
        const rect = el("svg:rect", { class: cls, x: p.left.toFixed(1), y: box.y + LANE_PAD + p.row * (ROW_H + ROW_GAP), width: p.w.toFixed(1), height: ROW_H, rx: 2, "data-i": p.e.i });
        rect.appendChild(el("svg:title", {}, p.e.date + " · " + p.e.title));
        marks.appendChild(rect);
      }
    }
    svg.appendChild(marks);
    drawUndated(undated);
    view = { first, perDay, scroll, visibleWidth };
    scroll.scrollLeft = keepScroll;
    scroll.addEventListener("wheel", (ev) => {
      if (!ev.ctrlKey) return;
      ev.preventDefault();
      zoomAround(ev.deltaY < 0 ? 1.5 : 1 / 1.5, ev.clientX - scroll.getBoundingClientRect().left);
    }, { passive: false });
  }

  // Events with no date have no place on the axis: they sit on a strip below it.
  function drawUndated(undated) {
    if (!undated.length) return;
    const strip = el("div", { class: "undated" }, "Undated: ");
    for (const e of undated) {
      const chip = el("button", { type: "button", class: "m-undated t-" + e.type + (e.i === state.selected ? " sel" : ""), "data-i": e.i, title: e.title }, e.title.length > 40 ? e.title.slice(0, 39) + "…" : e.title);
      strip.appendChild(chip);
    }
    timeline.appendChild(strip);
  }

  function drawAxis(axis, first, last, perDay, height) {
    const from = new Date(first * DAY), to = new Date(last * DAY);
    const step = perDay * 30 > 60 ? 1 : perDay * 91 > 60 ? 3 : 12; // months between ticks
    let y = from.getUTCFullYear(), m = step === 12 ? 0 : Math.floor(from.getUTCMonth() / step) * step;
    const yearEvery = Math.max(1, Math.ceil(45 / (perDay * 365)));
    for (; Date.UTC(y, m, 1) <= to.getTime(); m += step) {
      if (m >= 12) { y += Math.floor(m / 12); m %= 12; }
      const day = Date.UTC(y, m, 1) / DAY;
      if (day < first) continue;
      const px = (day - first) * perDay;
      if (step === 12 && y % yearEvery) continue;
      axis.appendChild(el("svg:line", { x1: px, x2: px, y1: m === 0 ? 0 : 12, y2: height }));
      const label = m === 0 ? String(y) : step === 3 ? "Q" + (m / 3 + 1) : isoDay(day).slice(5, 7);
      axis.appendChild(el("svg:text", { x: px + 3, y: 12 }, label));
    }
  }

  function zoomAround(factor, atPx) {
    if (!view) return;
    const before = state.zoom;
    state.zoom = Math.min(400, Math.max(1, state.zoom * factor));
    if (state.zoom === before) return;
    const anchor = view.scroll.scrollLeft + (atPx === undefined ? view.visibleWidth / 2 : atPx);
    const shift = anchor * (state.zoom / before) - (atPx === undefined ? view.visibleWidth / 2 : atPx);
    renderTimeline(visibleEvents());
    view.scroll.scrollLeft = shift;
  }

  function scrollToEvent(e) {
    if (!view || e.start === null) return;
    const px = (e.start - view.first) * view.perDay;
    if (px < view.scroll.scrollLeft || px > view.scroll.scrollLeft + view.visibleWidth - 20) view.scroll.scrollLeft = px - view.visibleWidth / 3;
  }

  // --- activity: events per month or quarter, stacked by type ---------------------------------
  // An event dated only to a year counts a quarter in each of its quarters (its weight is spread
  // over the periods its range covers, by days), so coarse dates are drawn as what they stand for.
  function renderActivity(visible) {
    const box = $("activity");
    box.textContent = "";
    const dated = visible.filter((e) => e.start !== null);
    if (!dated.length) return;
    const months = state.period === "month" ? 1 : 3;
    const begin = new Date(Math.min(...dated.map((e) => e.start)) * DAY), finish = new Date((Math.max(...dated.map((e) => e.end)) - 1) * DAY);
    const periods = [];
    for (let y = begin.getUTCFullYear(), m = Math.floor(begin.getUTCMonth() / months) * months; Date.UTC(y, m, 1) <= finish.getTime(); m += months) {
      if (m >= 12) { y += 1; m -= 12; }
      const start = Date.UTC(y, m, 1) / DAY, end = Date.UTC(y, m + months, 1) / DAY;
      periods.push({ start, end, label: months === 1 ? isoDay(start).slice(0, 7) : y + "-Q" + (m / 3 + 1), byType: new Map(), total: 0 });
    }
    let k0 = 0;
    for (const e of dated.slice().sort((a, b) => a.start - b.start)) {
      while (periods[k0].end <= e.start) k0++;
      const length = e.end - e.start;
      for (let k = k0; k < periods.length && periods[k].start < e.end; k++) {
        const share = (Math.min(e.end, periods[k].end) - Math.max(e.start, periods[k].start)) / length;
        periods[k].byType.set(e.type, (periods[k].byType.get(e.type) || 0) + share);
        periods[k].total += share;
      }
    }
    const width = Math.max(300, box.clientWidth || 600), height = 130, bottom = 16, headroom = 14;
    const barW = width / periods.length, top = Math.max(...periods.map((p) => p.total));
    const svg = el("svg:svg", { width: width, height: height + bottom, role: "img", "aria-label": "events per " + state.period });
    periods.forEach((p, k) => {
      let y = height;
      for (const t of raw.types) {
        const n = p.byType.get(t);
        if (!n) continue;
        const h = (n / top) * (height - headroom);
        y -= h;
        const rect = el("svg:rect", { class: "t-" + t, x: (k * barW + 0.5).toFixed(1), y: y.toFixed(1), width: Math.max(1, barW - 1).toFixed(1), height: h.toFixed(1) });
        rect.appendChild(el("svg:title", {}, p.label + ": " + (Number.isInteger(n) ? n : "≈" + n.toFixed(1)) + " " + words(t)));
        svg.appendChild(rect);
      }
      const first = k === 0 || p.label.slice(0, 4) !== periods[k - 1].label.slice(0, 4);
      const every = Math.max(1, Math.ceil(34 / (barW * (12 / months))));
      if (first && +p.label.slice(0, 4) % every === 0) svg.appendChild(el("svg:text", { x: k * barW, y: height + 12, class: "year", "font-size": 10, fill: "#5d6873" }, p.label.slice(0, 4)));
    });
    svg.appendChild(el("svg:text", { x: width - 4, y: 10, "text-anchor": "end", "font-size": 10, fill: "#5d6873" }, "max " + (Number.isInteger(top) ? top : top.toFixed(1)) + " per " + state.period));
    box.appendChild(svg);
  }

  // --- details of one event ---------------------------------------------------------------------
  function showDetails() {
    const panel = $("details");
    panel.textContent = "";
    if (state.selected === null) { panel.hidden = true; return; }
    const e = events[state.selected];
    const close = el("button", { type: "button", class: "close", "aria-label": "close" }, "×");
    close.addEventListener("click", () => select(null));
    panel.append(close, el("h3", {}, e.title));
    const dl = el("dl");
    const add = (term, value) => { if (value === "" || value === null || value === undefined) return; dl.append(el("dt", {}, term)); const dd = el("dd"); if (typeof value === "string") dd.textContent = value; else dd.appendChild(value); dl.append(dd); };
    add("date", (e.date || "undated") + (e.start !== null && e.end - e.start > 1 ? " (" + isoDay(e.start) + " to " + isoDay(e.end - 1) + ")" : ""));
    add("companies", e.companies.join(", "));
    add("people", e.people.join(", "));
    add("type", words(e.type));
    add("tags", e.tags.join(", "));
    add("id", e.id);
    e.sources.forEach((s, k) => {
      const label = e.sources.length > 1 ? "source " + (k + 1) : "source";
      add(label, s.quote ? el("blockquote", {}, "“" + s.quote + "”") : "");
      add("date words", s.dateText);
      add("document", s.doc);
      add("article", s.article);
      if (s.url) {
        if (/^https?:\/\//i.test(s.url.trim())) add("URL", el("a", { href: s.url.trim(), rel: "noopener noreferrer", target: "_blank" }, s.url));
        else add("URL", s.url);
      }
    });
    panel.appendChild(dl);
    panel.hidden = false;
  }

  function select(i, from) {
    state.selected = i;
    for (const node of timeline.querySelectorAll(".sel")) node.classList.remove("sel");
    if (i !== null) for (const node of timeline.querySelectorAll('[data-i="' + i + '"]')) node.classList.add("sel");
    for (const [k, tr] of rows) tr.classList.toggle("sel", k === i);
    if (i !== null && from === "table") scrollToEvent(events[i]);
    if (i !== null && from === "timeline" && !rows.get(i).hidden) rows.get(i).scrollIntoView({ block: "nearest" });
    showDetails();
    writeHash();
  }

  // --- wiring -------------------------------------------------------------------------------
  function update(keepPage) {
    if (!keepPage) limit = PAGE;
    const visible = visibleEvents();
    if (state.selected !== null && !visible.some((e) => e.i === state.selected)) state.selected = null;
    renderTable(visible);
    renderCounts(visible);
    renderTimeline(visible);
    renderActivity(visible);
    showDetails();
    writeHash();
  }

  function syncControls() {
    $("q").value = state.q;
    $("company").value = state.company;
    $("lanes").value = state.lanes;
    $("period").value = state.period;
  }

  function setup() {
    document.documentElement.classList.add("js");
    for (const c of byCount) $("company").appendChild(el("option", { value: c }, c + " (" + companyCounts.get(c) + ")"));
    setupCounts();
    let typing = null;
    $("q").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(() => { state.q = $("q").value; update(); }, 150); });
    $("company").addEventListener("change", () => { state.company = $("company").value; update(); });
    $("lanes").addEventListener("change", () => { state.lanes = $("lanes").value; update(); });
    $("period").addEventListener("change", () => { state.period = $("period").value; update(); });
    $("zoom-in").addEventListener("click", () => zoomAround(2));
    $("zoom-out").addEventListener("click", () => zoomAround(0.5));
    $("zoom-fit").addEventListener("click", () => { state.zoom = 1; renderTimeline(visibleEvents()); });
    $("reset").addEventListener("click", () => { history.replaceState(null, "", location.pathname); readHash(); syncControls(); update(); });
    $("controls").addEventListener("submit", (ev) => ev.preventDefault());
    for (const th of document.querySelectorAll("#events th")) {
      th.addEventListener("click", () => {
        if (state.sort === th.dataset.sort) state.desc = !state.desc; else { state.sort = th.dataset.sort; state.desc = false; }
        update();
      });
    }
    timeline.addEventListener("click", (ev) => {
      const mark = ev.target.closest("[data-i]");
      if (mark) select(+mark.dataset.i, "timeline");
    });
    tbody.addEventListener("click", (ev) => {
      if (ev.target.closest("a")) return; // a source link opens; it does not select
      const tr = ev.target.closest("tr[data-i]");
      if (tr) select(+tr.dataset.i, "table");
    });
    tbody.addEventListener("keydown", (ev) => {
      const tr = ev.target.closest("tr[data-i]");
      if (tr && ev.key === "Enter") select(+tr.dataset.i, "table");
    });
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && state.selected !== null) select(null); });
    window.addEventListener("hashchange", () => { readHash(); syncControls(); update(); });
    let resizing = null;
    window.addEventListener("resize", () => { clearTimeout(resizing); resizing = setTimeout(update, 200); });
    readHash();
    syncControls();
    update();
    if (state.selected !== null) scrollToEvent(events[state.selected]);
    document.body.getBoundingClientRect(); // lay the finished page out, so the time below includes it
    document.body.dataset.renderMs = String(Math.round(performance.now()));
    document.body.dataset.ready = "1";
  }

  try {
    setup();
  } catch (error) {
    // Never leave a reader with less than the page without JavaScript: the rows come back.
    document.documentElement.classList.remove("js");
    throw error;
  }
})();
