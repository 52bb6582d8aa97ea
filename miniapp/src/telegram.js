// A small stand-in for Telegram's telegram-web-app.js, which we don't load from a CDN.
// Telegram opens a Mini App with its launch parameters in the URL fragment
// (#tgWebAppData=...&tgWebAppThemeParams=...&tgWebAppVersion=...), and talks to the page through
// window.Telegram.WebView.receiveEvent; the page talks back with postEvent.

const STORE = "neighborshare.launch";

function fragmentParams() {
  const hash = window.location.hash.replace(/^#/, "");
  return new URLSearchParams(hash);
}

function remembered() {
  try {
    return new URLSearchParams(window.sessionStorage.getItem(STORE) || "");
  } catch {
    return new URLSearchParams();
  }
}

/** The launch parameters: the fragment's, else the ones kept from this tab's first load. */
function launchParams() {
  const params = fragmentParams();
  if (params.get("tgWebAppData")) {
    try {
      window.sessionStorage.setItem(STORE, params.toString());
    } catch {
      // private mode without storage: a reload asks Telegram to open the page again
    }
    return params;
  }
  return remembered();
}

function parseJson(text, fallback) {
  try {
    return text ? JSON.parse(text) : fallback;
  } catch {
    return fallback;
  }
}

export function launch() {
  const official = window.Telegram && window.Telegram.WebApp;
  if (official && official.initData) {
    return {
      initData: official.initData,
      themeParams: official.themeParams || {},
      language: (official.initDataUnsafe?.user?.language_code) || "",
      colorScheme: official.colorScheme || "",
    };
  }
  const params = launchParams();
  const initData = params.get("tgWebAppData") || "";
  const user = parseJson(new URLSearchParams(initData).get("user"), {});
  return {
    initData,
    themeParams: parseJson(params.get("tgWebAppThemeParams"), {}),
    language: user.language_code || "",
    colorScheme: "",
  };
}

/** Send an event to the Telegram client, wherever it runs (mobile, desktop, web); else nothing. */
export function postEvent(eventType, eventData = {}) {
  const data = JSON.stringify(eventData);
  try {
    if (window.TelegramWebviewProxy?.postEvent) {
      window.TelegramWebviewProxy.postEvent(eventType, data);
    } else if (window.external && "notify" in window.external) {
      window.external.notify(JSON.stringify({ eventType, eventData }));
    } else if (window.parent !== window) {
      window.parent.postMessage(JSON.stringify({ eventType, eventData }), "*");
    }
  } catch {
    // outside Telegram: nobody to tell
  }
}

/** Call ``handler(eventType, eventData)`` for the events Telegram sends the page. */
export function onEvent(handler) {
  window.Telegram = window.Telegram || {};
  const previous = window.Telegram.WebView?.receiveEvent;
  window.Telegram.WebView = {
    ...(window.Telegram.WebView || {}),
    receiveEvent(eventType, eventData) {
      handler(eventType, eventData || {});
      if (previous) previous(eventType, eventData);
    },
  };
  window.addEventListener("message", (event) => {
    const message = parseJson(typeof event.data === "string" ? event.data : "", null);
    if (message && message.eventType) handler(message.eventType, message.eventData || {});
  });
}

const THEME_KEYS = [
  "bg_color", "secondary_bg_color", "text_color", "hint_color", "link_color", "button_color",
  "button_text_color", "destructive_text_color", "section_bg_color", "accent_text_color",
];

/** Telegram's theme as CSS variables (--tg-theme-bg-color, ...); the stylesheet has fallbacks. */
export function applyTheme(themeParams) {
  const style = document.documentElement.style;
  for (const key of THEME_KEYS) {
    const value = themeParams[key];
    if (typeof value === "string" && /^#[0-9a-fA-F]{3,8}$/.test(value)) {
      style.setProperty(`--tg-theme-${key.replace(/_/g, "-")}`, value);
    }
  }
}
