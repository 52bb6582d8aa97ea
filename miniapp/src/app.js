// The Mini App's page: a map of the grid cells of nearby dishes, the same dishes as a list (it
// works without map tiles), a card per dish and a request of portions. Every sentence comes from
// the API in the neighbor's language; every value a neighbor wrote is set as text, never as HTML.

import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "./app.css";
import { applyTheme, launch, onEvent, postEvent } from "./telegram.js";

const session = launch();
const state = { texts: {}, body: null, showAll: false, map: null, layer: null, tiles: null };

const $ = (id) => document.getElementById(id);

function fill(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, (whole, key) =>
    key in values ? String(values[key]) : whole);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function url(path) {
  return new URL(path, document.baseURI).toString();
}

async function call(path, options = {}) {
  const headers = { ...(options.headers || {}), Authorization: `tma ${session.initData}` };
  const response = await fetch(url(path), { ...options, headers });
  let body = {};
  try {
    body = await response.json();
  } catch {
    body = {};
  }
  return { status: response.status, body };
}

function notice(text, kind = "info") {
  const box = $("notice");
  box.textContent = text || "";
  box.dataset.kind = kind;
  box.hidden = !text;
}

function applyTexts(texts) {
  state.texts = texts;
  document.title = texts.title || document.title;
  $("title").textContent = texts.title || "";
  $("show-all-label").textContent = texts.show_all || "";
  $("own-title").textContent = texts.your_dishes || "";
}

async function pageTexts(language) {
  const query = language ? `?lang=${encodeURIComponent(language)}` : "";
  try {
    const response = await fetch(url(`api/page${query}`));
    const body = await response.json();
    document.documentElement.lang = body.lang || "en";
    applyTexts(body.texts || {});
    return body;
  } catch {
    return null;
  }
}

function refused(status, body) {
  if (status === 401) {
    notice(state.texts.no_session, "error");
  } else {
    notice(body.error || state.texts.error, "error");
  }
}

async function load(quiet = false) {
  if (!quiet) notice(state.texts.loading);
  const query = state.showAll ? "?all=1" : "";
  let answer;
  try {
    answer = await call(`api/dishes${query}`);
  } catch {
    notice(state.texts.error, "error");
    return;
  }
  if (answer.status !== 200) {
    refused(answer.status, answer.body);
    document.body.dataset.state = "refused";
    return;
  }
  const body = answer.body;
  state.body = body;
  document.documentElement.lang = body.lang || "en";
  applyTexts(body.texts || state.texts);
  $("balance").textContent = fill(state.texts.balance, { balance: body.balance });
  $("show-all-row").hidden = !body.restricted;
  $("show-all").checked = Boolean(body.show_all);
  if (body.dishes.length === 0) {
    notice(body.restricted && !body.show_all ? state.texts.nothing_filtered : state.texts.nothing);
  } else {
    notice("");
  }
  drawMap(body);
  drawList(body);
  refreshCard(body);
  document.body.dataset.state = "ready";
}

/** An open card shows the portions left as they are now (after a request, say). */
function refreshCard(body) {
  const card = $("card");
  const left = card.querySelector(".left");
  if (card.hidden || !left) return;
  const dish = body.dishes.find((d) => String(d.id) === card.dataset.dish);
  if (dish) left.textContent = fill(state.texts.portions_left, { count: dish.portions_text });
}

// ---- the map ---------------------------------------------------------------------------------

function cellKey(cell) {
  return `${cell.lat.toFixed(6)},${cell.lon.toFixed(6)}`;
}

function byCell(dishes) {
  const cells = new Map();
  for (const dish of dishes) {
    const key = cellKey(dish.cell);
    if (!cells.has(key)) cells.set(key, { cell: dish.cell, dishes: [] });
    cells.get(key).dishes.push(dish);
  }
  return [...cells.values()];
}

function ensureMap(body) {
  if (state.map) return state.map;
  const map = L.map("map", { zoomControl: false, attributionControl: true });
  L.control.zoom({ position: "bottomright" }).addTo(map);
  const tiles = body.tiles || {};
  let loaded = 0;
  let failed = 0;
  if (tiles.url) {
    state.tiles = L.tileLayer(tiles.url, {
      maxZoom: 19,
      attribution: tiles.attribution || "",
    });
    state.tiles.on("tileload", () => {
      loaded += 1;
      $("map").classList.remove("no-tiles");
    });
    state.tiles.on("tileerror", () => {
      failed += 1;
      if (loaded === 0 && failed >= 1) {
        $("map").classList.add("no-tiles");
        $("tiles-notice").textContent = state.texts.tiles_unavailable || "";
        $("tiles-notice").hidden = false;
      }
    });
    state.tiles.addTo(map);
  } else {
    $("map").classList.add("no-tiles");
  }
  state.layer = L.layerGroup().addTo(map);
  state.map = map;
  return map;
}

function marker(cell, label, className, title, onTap) {
  const icon = L.divIcon({
    className: `marker ${className}`,
    html: `<span>${label}</span>`,
    iconSize: [40, 40],
    iconAnchor: [20, 20],
  });
  const mark = L.marker([cell.lat, cell.lon], { icon, title, keyboard: true, riseOnHover: true });
  if (onTap) mark.on("click", onTap);
  return mark;
}

function drawMap(body) {
  const map = ensureMap(body);
  state.layer.clearLayers();
  const points = [[body.centre.lat, body.centre.lon]];
  for (const group of byCell(body.dishes)) {
    const count = group.dishes.length;
    const fits = group.dishes.some((dish) => dish.fits_diet);
    const mark = marker(group.cell, count > 1 ? String(count) : "🍲",
      `dish-marker${fits ? "" : " conflict"}`, group.dishes.map((dish) => dish.name).join(", "),
      () => (count === 1 ? openCard(group.dishes[0]) : openCell(group)));
    mark.addTo(state.layer);
    points.push([group.cell.lat, group.cell.lon]);
  }
  for (const group of byCell(body.own)) {
    marker(group.cell, "🏠", "own-marker", group.dishes.map((dish) => dish.name).join(", "), null)
      .addTo(state.layer);
    points.push([group.cell.lat, group.cell.lon]);
  }
  if (points.length > 1) {
    map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 17 });
  } else {
    map.setView(points[0], 16);
  }
  window.setTimeout(() => map.invalidateSize(), 0);
}

// ---- the list --------------------------------------------------------------------------------

function dishLine(dish) {
  return [
    fill(state.texts.portions_left, { count: dish.portions_text }),
    fill(state.texts.pickup, { window: dish.window }),
    dish.distance,
  ].join(" · ");
}

function drawList(body) {
  const list = $("dish-list");
  list.replaceChildren(...body.dishes.map((dish) => el("li", {},
    el("button", { class: `dish${dish.fits_diet ? "" : " conflict"}`, type: "button",
      "data-dish": String(dish.id), onclick: () => openCard(dish) },
    el("span", { class: "name", text: dish.name }),
    el("span", { class: "line", text: dishLine(dish) })))));
  const own = $("own-list");
  own.replaceChildren(...body.own.map((dish) => el("li", { class: "own" },
    el("span", { class: "name", text: dish.name }),
    el("span", { class: "line", text: [fill(state.texts.portions_left,
      { count: dish.portions_text }), fill(state.texts.pickup, { window: dish.window })]
      .join(" · ") }))));
  $("own").hidden = body.own.length === 0;
}

// ---- the card --------------------------------------------------------------------------------

function closeCard() {
  $("card").hidden = true;
  $("card").replaceChildren();
  postEvent("web_app_setup_back_button", { is_visible: false });
}

function sheet(...children) {
  const card = $("card");
  card.replaceChildren(el("div", { class: "sheet-body" }, ...children));
  card.hidden = false;
  card.scrollTop = 0;
  postEvent("web_app_setup_back_button", { is_visible: true }); // Telegram's Back closes it
}

function closeButton() {
  return el("button", { class: "close", type: "button", "aria-label": state.texts.close,
    text: "✕", onclick: closeCard });
}

function openCell(group) {
  sheet(closeButton(), el("ul", { class: "cell-dishes" }, ...group.dishes.map((dish) =>
    el("li", {}, el("button", { class: "dish", type: "button", "data-dish": String(dish.id),
      onclick: () => openCard(dish) }, el("span", { class: "name", text: dish.name }),
    el("span", { class: "line", text: dishLine(dish) }))))));
}

function openCard(dish) {
  const texts = state.texts;
  let portions = 1;
  const result = el("p", { class: "result", role: "status" });
  const choices = el("div", { class: "portions", role: "group", "aria-label": texts.portions });
  const chosen = [];
  for (let n = 1; n <= dish.max_request; n += 1) {
    const button = el("button", { type: "button", class: n === 1 ? "chosen" : "",
      "aria-pressed": n === 1 ? "true" : "false", text: String(n), onclick: () => {
        portions = n;
        for (const other of chosen) {
          other.classList.toggle("chosen", other === button);
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        }
      } });
    chosen.push(button);
    choices.append(button);
  }
  const ask = el("button", { class: "request", type: "button", text: texts.request });
  ask.addEventListener("click", () => request(dish, () => portions, ask, result));
  const allergens = dish.allergens.length
    ? fill(texts.allergens, { list: dish.allergens_text }) : texts.no_allergens;
  sheet(
    closeButton(),
    dish.photo ? el("img", { class: "photo", src: url(dish.photo), alt: dish.name }) : null,
    el("h2", { class: "name", text: dish.name }),
    dish.diet_text ? el("p", { class: "diet", text: dish.diet_text }) : null,
    dish.fits_diet ? null : el("p", { class: "warning", text: texts.doesnt_fit }),
    el("p", { class: "left", text: fill(texts.portions_left, { count: dish.portions_text }) }),
    el("p", { class: "allergens", text: allergens }),
    el("p", { class: "window", text: fill(texts.pickup, { window: dish.window }) }),
    el("p", { class: "sharer", text: fill(texts.shared_by,
      { distance: dish.distance, name: dish.sharer, rating: dish.rating }) }),
    el("div", { class: "ask" }, el("span", { class: "label", text: texts.portions }), choices),
    result,
    ask,
  );
  $("card").dataset.dish = String(dish.id);
}

async function request(dish, portions, button, result) {
  const texts = state.texts;
  button.disabled = true;
  button.textContent = texts.requesting;
  result.textContent = "";
  result.dataset.kind = "";
  let answer;
  try {
    answer = await call(`api/dishes/${dish.id}/request`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ portions: portions() }),
    });
  } catch {
    answer = { status: 0, body: {} };
  }
  button.textContent = texts.request;
  if (answer.status === 200) {
    const body = answer.body;
    result.textContent = fill(texts.requested, { name: body.sharer,
      portions: body.portions_text, balance: body.balance });
    result.dataset.kind = "done";
    button.closest(".sheet-body").querySelector(".ask").hidden = true; // asked: no second pick
    button.hidden = true;
    $("balance").textContent = fill(texts.balance, { balance: body.balance });
    load(true); // the portions left, as they are now (the card stays open)
    postEvent("web_app_trigger_haptic_feedback", { type: "notification",
      notification_type: "success" });
    return;
  }
  button.disabled = false;
  result.dataset.kind = "error";
  result.textContent = answer.status === 401 ? texts.no_session
    : (answer.body.error || texts.error);
}

// ---- start -----------------------------------------------------------------------------------

function themed(themeParams) {
  applyTheme(themeParams || {});
}

async function start() {
  themed(session.themeParams);
  onEvent((eventType, eventData) => {
    if (eventType === "theme_changed") themed(eventData.theme_params);
    if (eventType === "back_button_pressed") closeCard();
  });
  $("show-all").addEventListener("change", (event) => {
    state.showAll = event.target.checked;
    closeCard();
    load();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeCard();
  });
  postEvent("web_app_ready");
  postEvent("web_app_expand");
  await pageTexts(session.language || navigator.language);
  if (!session.initData) {
    notice(state.texts.no_session, "error");
    document.body.dataset.state = "refused";
    return;
  }
  await load();
}

start();
