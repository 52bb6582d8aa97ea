"""A neighbor opens the map in Telegram (here: headless chromium with a signed initData), sees
the grid cells of the dishes /browse would show, opens a card and asks for portions."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from neighborshare.domain.values import PickupWindow
from neighborshare.services.food import Dish
from tests.browser.conftest import MiniApp

pytestmark = pytest.mark.browser


def balance_of(app: MiniApp, who: str) -> int:
    return app.world.container.credits().balance(getattr(app.world, who).id)


def test_the_map_shows_the_dishes_cells_and_a_card_asks_for_portions(
    miniapp: MiniApp, artifacts: Path
) -> None:
    page = miniapp.open("tom")
    assert page.locator(".dish-marker").count() == 1  # the dal; the paneer has milk
    assert page.locator(".own-marker").count() == 1  # Tom's soup, apart
    assert page.locator("#dish-list .dish .name").all_inner_texts() == ["Dal <b>tadka</b>"]
    assert page.locator("#own-list .name").all_inner_texts() == ["Tomato soup"]
    assert page.locator("#balance").inner_text() == "Balance: 5 credits"
    assert page.locator(".leaflet-tile-loaded").count() > 0
    assert page.locator("#show-all-row").is_visible()  # Tom is allergic to milk
    page.screenshot(path=str(artifacts / "map.png"))

    page.locator(".dish-marker").click()
    card = page.locator("#card")
    card.wait_for(state="visible")
    assert card.locator("h2.name").inner_text() == "Dal <b>tadka</b>"  # text, never markup
    assert card.locator("b").count() == 0
    assert card.locator(".left").inner_text() == "4 portions left"
    assert card.locator(".allergens").inner_text() == "Allergens: none listed"
    assert card.locator(".window").inner_text() == "Pickup 17:00–19:00"
    assert card.locator(".sharer").inner_text() == "~100 m · shared by Priya · new neighbor"
    assert card.locator(".portions button").all_inner_texts() == ["1", "2", "3", "4"]
    card.locator(".portions button", has_text="2").click()
    page.screenshot(path=str(artifacts / "card.png"))

    card.locator("button.request").click()
    result = card.locator(".result[data-kind=done]")
    result.wait_for()
    assert result.inner_text().startswith("🙋 You asked Priya for 2 portions.")
    assert page.locator("#balance").inner_text() == "Balance: 3 credits"
    page.locator("#dish-list .line", has_text="2 portions left").wait_for()  # the list is redrawn
    expect(card.locator(".left")).to_have_text("2 portions left")  # and the open card
    assert not card.locator("button.request").is_visible()  # asked once: no second button
    assert balance_of(miniapp, "tom") == 3
    chat = miniapp.world.api.messages(502)  # the bot's chat goes on as after a card's button
    assert [m.shown.splitlines()[0] for m in chat] == [
        "🙋 You asked Priya for 2 portions of Dal <b>tadka</b>."]
    assert chat[0].labels == [["Cancel request"]]
    page.screenshot(path=str(artifacts / "requested.png"))


def test_a_dish_that_conflicts_with_the_diet_shows_only_with_show_all_and_says_so(
    miniapp: MiniApp,
) -> None:
    page = miniapp.open("tom")
    assert page.locator(".dish-marker").count() == 1
    page.locator("#show-all").check()
    expect(page.locator("#dish-list .dish")).to_have_count(2)
    marker = page.locator(".dish-marker")  # both of Priya's dishes are in one grid cell
    assert (marker.count(), marker.inner_text()) == (1, "2")
    marker.click()
    cell = page.locator("#card .cell-dishes .dish .name")
    assert sorted(cell.all_inner_texts()) == ["Dal <b>tadka</b>", "Palak paneer"]
    page.locator("#card .cell-dishes .dish", has_text="Palak paneer").click()
    card = page.locator("#card")
    assert card.locator("h2.name").inner_text() == "Palak paneer"
    assert card.locator(".warning").inner_text() == (
        "⚠️ This dish doesn't fit your diet or allergies.")
    assert card.locator(".allergens").inner_text() == "Allergens: milk"


def test_not_enough_credits_is_refused_on_the_card_and_nothing_changes(
    miniapp: MiniApp,
) -> None:
    credits = miniapp.world.container.credits()
    with miniapp.world.container.uow_factory()() as uow:  # Tom has spent all but one credit
        user = uow.users.get(miniapp.world.tom.id)
        user.balance = 1
        uow.users.save(user)
        uow.commit()
    page = miniapp.open("tom")
    page.locator("#dish-list .dish").first.click()
    card = page.locator("#card")
    card.locator(".portions button", has_text="3").click()
    card.locator("button.request").click()
    refusal = card.locator(".result[data-kind=error]")
    refusal.wait_for()
    assert refusal.inner_text() == "That needs 3 credits and you have 1. Share a dish to earn more!"
    assert card.locator("button.request").is_enabled()
    assert credits.balance(miniapp.world.tom.id) == 1
    assert miniapp.world.api.messages(502) == []


@pytest.mark.parametrize("how", ["forged", "expired", "missing"])
def test_a_page_without_valid_init_data_shows_no_dish(miniapp: MiniApp, how: str) -> None:
    world = miniapp.world
    if how == "forged":
        page = miniapp.open(init_data=world.init_data("tom").replace("502", "501"))
    elif how == "expired":
        page = miniapp.open("tom", auth_date=world.clock.now() - timedelta(hours=1, minutes=1))
    else:
        page = miniapp.open(init_data="")
    assert page.locator("body").get_attribute("data-state") == "refused"
    assert page.locator("#notice").inner_text() == (
        "Open this page from the bot's Map button in Telegram.")
    assert page.locator(".dish-marker").count() == 0
    assert page.locator("#dish-list li").count() == 0


def test_without_map_tiles_the_dishes_are_still_listed_and_open(miniapp: MiniApp,
                                                                artifacts: Path) -> None:
    miniapp.tiles = "down"
    page = miniapp.open("tom")
    notice = page.locator("#tiles-notice")
    notice.wait_for()
    assert notice.inner_text() == "The map can't be shown right now; the dishes are listed below."
    page.screenshot(path=str(artifacts / "no-tiles.png"))
    page.locator("#dish-list .dish").first.click()
    assert page.locator("#card h2.name").inner_text() == "Dal <b>tadka</b>"


DARK = {"bg_color": "#17212b", "secondary_bg_color": "#0e1621", "text_color": "#f5f5f5",
        "hint_color": "#708499", "link_color": "#6ab3f3", "button_color": "#5288c1",
        "button_text_color": "#ffffff"}


def test_the_page_follows_a_dark_theme_and_telegrams_back_button_closes_the_card(
    miniapp: MiniApp, artifacts: Path
) -> None:
    page = miniapp.open("tom", theme=DARK)
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(245, 245, 245)"
    assert page.locator(".dish-marker").get_attribute("title") == "Dal <b>tadka</b>"
    page.locator(".dish-marker").click()
    page.locator("#card").wait_for(state="visible")
    page.screenshot(path=str(artifacts / "card-dark.png"))
    page.evaluate("window.Telegram.WebView.receiveEvent('back_button_pressed', {})")
    page.locator("#card").wait_for(state="hidden")


def test_the_page_speaks_the_neighbors_language_and_follows_the_theme(miniapp: MiniApp) -> None:
    page = miniapp.open("tom", language="de")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("#title").inner_text() != "Dishes nearby"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(243, 239, 228)"  # the theme's secondary_bg_color


def jpeg() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (236, 178, 76))
    ImageDraw.Draw(image).ellipse((120, 60, 520, 420), fill=(250, 226, 160))
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


def test_a_dish_with_a_photo_shows_it_on_its_card(miniapp: MiniApp, artifacts: Path) -> None:
    world = miniapp.world
    key = world.container.photo_store().put(jpeg(), "image/jpeg", "posts")
    now = world.clock.now()
    window = PickupWindow(now + timedelta(hours=1), now + timedelta(hours=2))
    world.container.food().share(world.priya.id, Dish("Garlic naan", 2, window, photo_ref=key))
    page = miniapp.open("tom")
    page.locator("#dish-list .dish", has_text="Garlic naan").click()
    photo = page.locator("#card img.photo")
    photo.wait_for()
    expect(photo).to_have_js_property("naturalWidth", 640)  # loaded, and it is the dish's
    assert photo.get_attribute("alt") == "Garlic naan"
    assert key.split("/")[-1] in (photo.get_attribute("src") or "")
    page.screenshot(path=str(artifacts / "card-photo.png"))
