"""The Mini App's JSON API: the same dishes and refusals as the chat, only for signed initData."""

from __future__ import annotations

from datetime import timedelta

import pytest
from starlette.testclient import TestClient

from tests.miniapp.world import MiniAppWorld

DISHES = "/miniapp/api/dishes"


def request_url(post_id: int) -> str:
    return f"{DISHES}/{post_id}/request"


def names(body: dict) -> list[str]:
    return [d["name"] for d in body["dishes"]]


def balance_of(world: MiniAppWorld, who: str) -> int:
    user = getattr(world, who)
    return world.container.credits().balance(user.id)


def test_the_map_shows_what_browse_shows_and_keeps_own_dishes_apart(
    client: TestClient, world: MiniAppWorld
) -> None:
    response = client.get(DISHES, headers=world.auth("tom"))
    assert response.status_code == 200
    body = response.json()
    assert names(body) == ["Dal <b>tadka</b>"]  # paneer has milk; the stew is 3 km away
    assert [d["name"] for d in body["own"]] == ["Tomato soup"]
    assert (body["restricted"], body["show_all"], body["balance"]) == (True, False, 5)
    browse = world.container.food().browse(world.tom.id)
    assert [c.post.id for c in browse.cards] == [d["id"] for d in body["dishes"]]


def test_a_dish_card_has_what_the_chat_card_has(client: TestClient, world: MiniAppWorld) -> None:
    dal = client.get(DISHES, headers=world.auth("tom")).json()["dishes"][0]
    assert dal["portions_left"] == 4 and dal["max_request"] == 4
    assert dal["allergens"] == [] and dal["diet_tags"] == ["vegan"]
    assert dal["window"] == "17:00–19:00"  # 16:00-18:00 UTC in the community's zone (BST)
    assert (dal["distance"], dal["sharer"], dal["rating"]) == ("~100 m", "Priya", "new neighbor")
    assert dal["fits_diet"] is True and dal["photo"] is None


def test_show_all_adds_the_dishes_that_conflict_and_says_so(
    client: TestClient, world: MiniAppWorld
) -> None:
    body = client.get(DISHES + "?all=1", headers=world.auth("tom")).json()
    assert sorted(names(body)) == ["Dal <b>tadka</b>", "Palak paneer"]
    fits = {d["name"]: d["fits_diet"] for d in body["dishes"]}
    assert fits == {"Dal <b>tadka</b>": True, "Palak paneer": False}
    assert body["show_all"] is True


def test_a_request_goes_through_the_use_case_and_the_chat_goes_on(
    client: TestClient, world: MiniAppWorld
) -> None:
    world.container.notifications().drain_all()  # the new-dish alerts
    alerts = len(world.container.notifier().sent)
    response = client.post(request_url(world.posts["dal"]), json={"portions": 2},
                           headers=world.auth("tom"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["exchange"]["status"] == "pending" and body["balance"] == 3
    assert balance_of(world, "tom") == 3
    tom_chat = world.api.messages(502)
    assert [m.shown for m in tom_chat] == [
        "🙋 You asked Priya for 2 portions of Dal <b>tadka</b>.\n2 credits held until pickup "
        "(balance now 3). I'll tell you when Priya answers."
    ]
    assert tom_chat[0].labels == [["Cancel request"]]
    world.container.notifications().drain_all()
    sent = world.container.notifier().sent[alerts:]
    assert [m.chat_id for m in sent] == [501]  # Priya is asked to accept or decline
    assert sent[0].html.startswith("🙋 Tom asked for 2 portions")
    assert [b.label for b in sent[0].buttons[0]] == ["✅ Accept", "❌ Decline"]


def test_the_dishes_left_shrink_after_a_request(client: TestClient, world: MiniAppWorld) -> None:
    client.post(request_url(world.posts["dal"]), json={"portions": 3}, headers=world.auth("tom"))
    dal = client.get(DISHES, headers=world.auth("tom")).json()["dishes"][0]
    assert dal["portions_left"] == 1


@pytest.mark.parametrize(("post", "portions", "status", "message"), [
    ("soup", 1, 409, "That's your own dish – you can't request it."),
    ("dal", 6, 409, "That needs 6 credits and you have 5. Share a dish to earn more!"),
    ("dal", 0, 400, "Please ask for at least one portion."),
])
def test_the_use_cases_refusals_come_back_and_change_nothing(
    client: TestClient, world: MiniAppWorld, post: str, portions: int, status: int, message: str
) -> None:
    response = client.post(request_url(world.posts[post]), json={"portions": portions},
                           headers=world.auth("tom"))
    assert (response.status_code, response.json()) == (status, {"error": message})
    assert balance_of(world, "tom") == 5
    assert world.api.messages(502) == []


def test_a_dish_that_is_gone_is_not_found(client: TestClient, world: MiniAppWorld) -> None:
    response = client.post(request_url(9999), json={"portions": 1}, headers=world.auth("tom"))
    assert response.status_code == 404


@pytest.mark.parametrize("body", [b"{not json", b"[1]", b'{"portions": "2"}',
                                  b'{"portions": true}', b'{"portions": 1, "x": "' + b"y" * 2000])
def test_a_malformed_request_body_is_a_bad_request(
    client: TestClient, world: MiniAppWorld, body: bytes
) -> None:
    response = client.post(request_url(world.posts["dal"]), content=body,
                           headers=world.auth("tom"))
    assert response.status_code == 400
    assert balance_of(world, "tom") == 5


def test_a_neighbor_who_has_not_onboarded_is_sent_to_start(
    client: TestClient, world: MiniAppWorld
) -> None:
    response = client.get(DISHES, headers=world.auth("stranger"))
    assert response.status_code == 403
    assert response.json() == {"error": "Please set up your profile first with /start."}


def refused_headers(world: MiniAppWorld) -> list[dict[str, str]]:
    good = world.init_data("tom")
    return [
        {},
        {"Authorization": good},  # no "tma" scheme
        {"Authorization": "Bearer " + good},
        {"Authorization": "tma " + good.replace("502", "501")},  # Tom pretending to be Priya
        {"Authorization": "tma " + world.init_data("tom", token="999:another-bot")},
        {"Authorization": "tma " + good + "&extra=1"},
        world.auth("tom", auth_date=world.clock.now() - timedelta(hours=1, seconds=1)),
    ]


def test_forged_or_expired_init_data_is_401_and_changes_nothing(
    client: TestClient, world: MiniAppWorld
) -> None:
    for headers in refused_headers(world):
        listed = client.get(DISHES, headers=headers)
        asked = client.post(request_url(world.posts["dal"]), json={"portions": 1},
                            headers=headers)
        assert (listed.status_code, asked.status_code) == (401, 401), headers
        assert "dishes" not in listed.json()
    assert balance_of(world, "tom") == 5
    assert world.container.food().card(world.tom.id, world.posts["dal"]).post.portions_left == 4
    assert world.api.messages(502) == [] and world.api.messages(501) == []


def test_init_data_an_hour_old_is_still_accepted(client: TestClient, world: MiniAppWorld) -> None:
    headers = world.auth("tom", auth_date=world.clock.now() - timedelta(minutes=59))
    assert client.get(DISHES, headers=headers).status_code == 200


def test_calls_are_rate_limited_like_updates(client: TestClient, world: MiniAppWorld) -> None:
    limit = world.container.rules().updates_per_minute
    statuses = [client.get(DISHES, headers=world.auth("tom")).status_code
                for _ in range(limit + 1)]
    assert statuses == [200] * limit + [429]
    assert client.get(DISHES, headers=world.auth("priya")).status_code == 200  # per neighbor


def test_the_page_texts_come_in_the_neighbors_language_or_english(client: TestClient) -> None:
    body = client.get("/miniapp/api/page?lang=xx").json()
    assert body["lang"] == "en"
    assert body["texts"]["request"] == "🙋 Request"
    assert body["tiles"]["url"].startswith("https://")


def test_without_a_built_page_the_server_says_it_is_not_there(world: MiniAppWorld,
                                                               tmp_path) -> None:
    from starlette.applications import Starlette

    from neighborshare.entrypoints.miniapp.api import miniapp_routes

    world.runtime.miniapp.bundle_dir = tmp_path
    with TestClient(Starlette(routes=miniapp_routes(world.runtime.miniapp))) as bare:
        missing = bare.get("/miniapp/")
        assert missing.status_code == 503
        assert "scripts/build_miniapp.sh" in missing.text and "/miniapp/api/" in missing.text
        (tmp_path / "index.html").write_text("<!doctype html><title>map</title>")
        (tmp_path / "app.js").write_text("// built")
        page = bare.get("/miniapp")
        assert page.status_code == 200 and "<title>map</title>" in page.text
        assert bare.get("/miniapp/assets/app.js").text == "// built"


def test_the_map_answers_in_the_language_of_the_neighbors_telegram_app(
    client: TestClient, world: MiniAppWorld
) -> None:
    german = client.get(DISHES, headers=world.auth("tom", language="de-AT")).json()
    unknown = client.get(DISHES, headers=world.auth("tom", language="xx")).json()
    assert (german["lang"], unknown["lang"]) == ("de", "en")
    assert unknown["texts"]["request"] == "🙋 Request"


@pytest.mark.parametrize(("url", "source"), [
    ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
    ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
    ("http://127.0.0.1:8081/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8081"),
    ("https://tiles-{x}.example.org/{z}.png", "https:"),
    ("not a url", ""),
])
def test_the_page_may_load_images_from_itself_and_the_tile_server_only(url: str,
                                                                        source: str) -> None:
    from neighborshare.entrypoints.miniapp.api import policy, tile_source

    assert tile_source(url) == source
    rules = dict(rule.split(" ", 1) for rule in policy(url).split("; "))
    assert rules["img-src"] == f"'self' data: {source}".rstrip()
    assert rules["script-src"] == rules["connect-src"] == "'self'"
    assert rules["default-src"] == "'none'"
