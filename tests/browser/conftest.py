"""The Mini App in a real browser: Debian's chromium, headless, driven by Playwright (never
`playwright install`), loading the built page from the webhook app served by uvicorn on loopback,
with initData signed by the test with the bot's token, as Telegram signs it."""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from neighborshare.entrypoints.miniapp.bundle import BUNDLE_DIR, is_built
from tests.miniapp.world import MiniAppWorld, build_world

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("NEIGHBORSHARE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# screenshots of the map and of a card (docs/miniapp.md names this folder; it is gitignored)
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "miniapp"
PHONE = {"width": 390, "height": 800}  # a phone's screen, held in one hand
THEME = {"bg_color": "#fffdf7", "secondary_bg_color": "#f3efe4", "text_color": "#222222",
         "hint_color": "#7a7466", "link_color": "#1f6f5c", "button_color": "#1f6f5c",
         "button_text_color": "#ffffff"}


def _missing() -> str | None:
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing: scripts/services.sh installs Debian's chromium"
    if not is_built():
        return f"the page is not built in {BUNDLE_DIR}: run scripts/build_miniapp.sh"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is missing: pip install -e '.[dev]'"
    return None


@pytest.fixture(scope="module")  # Playwright's sync API holds an event loop on this thread while
def browser() -> Iterator[Any]:  # it runs: gone after the module, so later asyncio.run() works
    why = _missing()
    if why is not None:  # scripts/test provides all three: their lack is a failure, not a skip
        pytest.fail(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def tile_png() -> bytes:
    """A plain map tile, so that the map is drawn without any tile server."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (256, 256), (232, 238, 226))
    draw = ImageDraw.Draw(image)
    for step in range(0, 256, 64):
        draw.line([(step, 0), (step, 256)], fill=(210, 216, 204), width=2)
        draw.line([(0, step), (256, step)], fill=(210, 216, 204), width=2)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


class Server:
    """The webhook app (with its Mini App routes) on a loopback port, in a thread of its own."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]},
                                       daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the Mini App's test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        self.socket.close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class MiniApp:
    """A world, the server showing it, and a phone-sized browser tab."""

    world: MiniAppWorld
    server: Server
    browser: Any
    tiles: str = "served"  # "served": every tile is drawn; "down": every tile fails

    def open(self, who: str = "tom", init_data: str | None = None,
             theme: dict[str, str] | None = None, **signed: Any) -> Any:
        context = self.browser.new_context(viewport=PHONE, device_scale_factor=2,
                                           is_mobile=True, has_touch=True)
        page = context.new_page()
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.errors.append(message.text)
                if "Content Security Policy" in message.text else None)
        tile = tile_png()
        if self.tiles == "served":
            page.route("**/tiles/**", lambda route: route.fulfill(
                status=200, content_type="image/png", body=tile))
        else:
            page.route("**/tiles/**", lambda route: route.abort())
        page.route(lambda url: not url.startswith(self.server.base),  # nothing leaves the machine
                   lambda route: route.abort())
        data = init_data if init_data is not None else self.world.init_data(who, **signed)
        fragment = urlencode({"tgWebAppData": data, "tgWebAppVersion": "8.0",
                              "tgWebAppPlatform": "android",
                              "tgWebAppThemeParams": json.dumps(theme or THEME)})
        page.goto(f"{self.server.base}/miniapp/#{fragment}")
        page.wait_for_selector("body[data-state=ready], body[data-state=refused]")
        return page

    def __post_init__(self) -> None:
        self.errors: list[str] = []


@pytest.fixture
def miniapp(browser: Any) -> Iterator[MiniApp]:
    from neighborshare.entrypoints.webhook.app import create_app

    world = build_world()
    with Server(create_app(world.runtime.webhook_parts([b"secret"], None))) as server:
        world.runtime.miniapp.tiles = {"url": server.base + "/tiles/{z}/{x}/{y}.png",
                                       "attribution": "test tiles"}
        app = MiniApp(world, server, browser)
        yield app
    assert app.errors == []  # no script error on the page


@pytest.fixture(scope="session")
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
