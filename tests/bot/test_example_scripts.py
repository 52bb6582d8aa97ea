"""The example chat scripts run as a new user would run them, and tell the right story."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from neighborshare.entrypoints.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"


def run_script(tmp_path: Path, script: Path) -> str:
    result = CliRunner().invoke(
        main, ["chat", "--fresh", "--db", str(tmp_path / "chat.db"), "--script", str(script)]
    )
    assert result.exit_code == 0, result.output
    return result.output


def replies_to(transcript: str, name: str, command: str) -> list[str]:
    """The bot's answers to each time ``name`` typed ``command``."""
    blocks = re.split(r"(?m)^(?=(?!bot )\w+ > )", transcript)
    return [b for b in blocks if b.startswith(f"{name} > {command}\n")]


def test_first_exchange_moves_credits_as_designed(tmp_path: Path) -> None:
    transcript = run_script(tmp_path, EXAMPLES / "first_exchange.chat")
    assert transcript.count("Here are 5 welcome credits") == 2
    tom_mid, tom_end = replies_to(transcript, "tom", "/credits")
    assert "Your balance: 3 credits" in tom_mid
    assert "-2  Held for a request" in tom_mid
    assert "Your balance: 3 credits" in tom_end
    (priya_end,) = replies_to(transcript, "priya", "/credits")
    assert "Your balance: 8 credits" in priya_end
    for movement in ("+5  Welcome bonus", "+2  Thanks for sharing", "+1  5-star food bonus"):
        assert movement in priya_end
    assert "Pick up at apartment 4B" in transcript
    assert "  (photo)" in transcript


@pytest.mark.parametrize("script", sorted(EXAMPLES.glob("*.chat")), ids=lambda p: p.name)
def test_every_example_runs(tmp_path: Path, script: Path) -> None:
    transcript = run_script(tmp_path, script)
    assert "Sorry, something went wrong" not in transcript


def test_a_line_that_cannot_be_carried_out_fails_clearly(tmp_path: Path) -> None:
    script = tmp_path / "bad.chat"
    script.write_text("@alice /start\n@alice <tap Launch rocket>\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["chat", "--memory", "--script", str(script)]
    )
    assert result.exit_code != 0
    assert "line 2: no message to alice has a button labelled 'Launch rocket'" in result.output


def read_by(transcript: str, name: str) -> str:
    """Everything the bot sent ``name`` (messages, edits, buttons), one block after another."""
    blocks = re.findall(rf"(?m)^bot > {name}:(?: \(edited\))?\n((?:  .*\n?)*)", transcript)
    return "".join(blocks)


# phrases only each language's own texts contain (dish and neighbor names aside)
GERMAN = ("Willkommen bei NeighborShare", "Abholung", "Fertig", "Annehmen", "Dein Guthaben",
          "Das kostet 9 Punkte und du hast 5", "fragt nach 2 Portionen", "Neu in der Nähe",
          "Allergene: Sellerie", "Abholung bei Wohnung 14")
UKRAINIAN = ("Вітаємо в NeighborShare", "забрати", "Готово", "5 вітальних кредитів",
             "Нове поруч", "Не зрозумів час", "Прийняти", "Ваш баланс: 5 кредитів",
             "Ваш запит до Greta: 2 порції")
ENGLISH = ("Welcome to NeighborShare", "pickup", "Done", "Your balance", "Cancel request",
           "That needs 7 credits and you have 5", "New nearby", "Pick up at apartment 2C")


def test_each_neighbor_reads_everything_in_their_own_language(tmp_path: Path) -> None:
    transcript = run_script(tmp_path, EXAMPLES / "mehrsprachig.chat")
    greta, oksana, tom = (read_by(transcript, n) for n in ("greta", "oksana", "tom"))
    for reader, own, others in ((greta, GERMAN, UKRAINIAN + ENGLISH),
                                (oksana, UKRAINIAN, GERMAN + ENGLISH),
                                (tom, ENGLISH, GERMAN + UKRAINIAN)):
        assert [p for p in own if p not in reader] == []
        assert [p for p in others if p in reader] == []
    # notifications follow the recipient: Oksana's request reaches Greta in German, Greta's
    # request reaches Oksana in Ukrainian, Greta's acceptance reaches Tom in English
    assert "Оксана fragt nach 2 Portionen Kartoffelsuppe" in greta
    assert "Greta просить: 1 порція Борщ" in oksana
    assert "Greta accepted your request for Kartoffelsuppe" in tom


def bot_blocks(transcript: str, chat: str) -> list[str]:
    """Each message the bot sent to ``chat`` ("priya", "#hall"), with its indented lines."""
    return re.findall(rf"(?m)^bot > {re.escape(chat)}:.*\n(?:  .*\n?)*", transcript)


def test_a_building_group_hears_nothing_private(tmp_path: Path) -> None:
    from neighborshare.adapters.telegram.neighbors import Neighbors
    from neighborshare.adapters.telegram.offline import OfflineBotApi

    transcript = run_script(tmp_path, EXAMPLES / "building_group.chat")
    in_group = bot_blocks(transcript, "#hall")
    priya_phone = Neighbors(OfflineBotApi()).neighbor("priya").phone
    # one pointer per command addressed to the bot (/mine, /credits, /start); chatter, /dance
    # and Tom's "brb" during his onboarding get nothing
    assert len(in_group) == 3, in_group
    for block in in_group:
        assert "I answer that in our private chat" in block
        assert "[💬 Open a private chat]" in block
        assert len(block.splitlines()) == 3  # the header, one line of text, one button
        for private in ("4B", "apartment", "credit", "balance", "Priya", "Red lentil dal",
                        "…", priya_phone[-2:], "profile"):
            assert private not in block, (private, block)
    tom_onboarding = replies_to(transcript, "tom", "Tom")
    assert "Thanks, Tom!" in tom_onboarding[0]  # "brb" in the group was not taken as his name
    (mine,) = replies_to(transcript, "priya", "/start mine")
    assert "Your posts" in mine and "Red lentil dal" in mine


def test_chat_help_tells_how_to_speak_in_a_group() -> None:
    result = CliRunner().invoke(main, ["chat", "--help"])
    assert result.exit_code == 0
    assert "@alice #hall TEXT" in result.output
    assert 'bot > #hall:' in result.output


def test_my_controls_withdraws_a_dish_turns_alerts_off_and_exports(tmp_path: Path) -> None:
    transcript = run_script(tmp_path, EXAMPLES / "my_controls.chat")
    tom = read_by(transcript, "tom")
    assert "The sharer changed what Red lentil dal contains." in tom
    assert "Sorry, the sharer withdrew Red lentil dal" in tom
    (credits,) = replies_to(transcript, "tom", "/credits")
    assert "Your balance: 5 credits" in credits
    assert "Red lentil dal is withdrawn" in read_by(transcript, "priya")
    (browse,) = replies_to(transcript, "tom", "/browse")
    assert "Red lentil dal" not in browse
    assert "New-dish alerts: off" in tom
    assert "New nearby: Red lentil dal" in tom
    assert "New nearby: Flatbread" not in tom  # shared after the alerts were turned off
    (export,) = replies_to(transcript, "tom", "/mydata")
    assert "(file neighborshare-my-data-" in export
    assert "Your phone number is not in it" in export


def card_blocks(transcript: str, sharer: str, chat: str) -> list[str]:
    """The card ``sharer`` posted into ``chat`` with inline mode, then each edit of it."""
    return re.findall(rf"(?m)^{sharer} via bot > {re.escape(chat)}:.*\n(?:  .*\n?)*",
                      transcript)


def test_a_card_posted_with_inline_mode_shows_what_is_left_until_all_is_taken(
    tmp_path: Path,
) -> None:
    from neighborshare.adapters.telegram.neighbors import Neighbors
    from neighborshare.adapters.telegram.offline import OfflineBotApi

    transcript = run_script(tmp_path, EXAMPLES / "inline_card.chat")
    posted, after_tom, after_sam = card_blocks(transcript, "priya", "#hall")
    assert "3 portions left" in posted and "[🙋 Request]" in posted
    assert "(edited)" in after_tom and "1 portion left" in after_tom
    assert "[🙋 Request]" in after_tom
    assert "All taken, thank you!" in after_sam and "[" not in after_sam
    # the card's Request opened Tom's private chat at the dish, where he asked for 2
    (opened,) = replies_to(transcript, "tom", "#hall <tap Request>")
    assert opened.splitlines()[1] == "bot > tom:" and "shared by Priya" in opened
    assert "You asked Priya for 2 portions of Red lentil dal" in transcript
    phone = Neighbors(OfflineBotApi()).neighbor("priya").phone
    for card in (posted, after_tom, after_sam):
        for private in ("4B", "apartment", "Priya", "51.51", "-0.12", phone[-4:], "credit"):
            assert private not in card, (private, card)


def test_chat_help_tells_how_to_post_a_card_and_follow_its_link() -> None:
    result = CliRunner().invoke(main, ["chat", "--help"])
    assert "@alice #hall <inline WORDS>" in result.output
    assert "deep link" in result.output and "/start post_1" in result.output


def test_a_linked_group_hears_of_new_dishes_and_only_its_admin_links_it(tmp_path: Path) -> None:
    from neighborshare.adapters.telegram.neighbors import Neighbors
    from neighborshare.adapters.telegram.offline import OfflineBotApi

    transcript = run_script(tmp_path, EXAMPLES / "community_group.chat")
    refused, linked, announced, taken, unlinked = bot_blocks(transcript, "#hall")
    assert "Only this group's admins can link or unlink it." in refused
    assert "Linked. I'll post new dishes within 600 m of this place here" in linked
    assert "New nearby" in announced and "1 portion left" in announced
    assert "[🙋 Request]" in announced
    assert "(edited)" in taken and "All taken, thank you!" in taken and "[" not in taken
    assert "This group is unlinked" in unlinked
    phone = Neighbors(OfflineBotApi()).neighbor("priya").phone
    for card in (announced, taken):
        for private in ("4B", "apartment", "Priya", "51.51", "-0.12", phone[-4:], "credit"):
            assert private not in card, (private, card)


def test_chat_help_tells_how_to_reply_in_a_group() -> None:
    result = CliRunner().invoke(main, ["chat", "--help"])
    assert "@alice #hall <reply TEXT>" in result.output
