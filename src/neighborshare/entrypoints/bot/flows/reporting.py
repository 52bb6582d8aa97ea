"""/report: what -> category -> description -> optional photo evidence."""

from __future__ import annotations

from neighborshare.domain.errors import InvalidInput
from neighborshare.domain.reports import ReportCategory
from neighborshare.entrypoints.bot import photos
from neighborshare.entrypoints.bot.flows.common import button_parts, number, typed_text
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.ports.services import Button
from neighborshare.presentation import keyboards, texts
from neighborshare.presentation.formatting import esc
from neighborshare.presentation.i18n import N_, _
from neighborshare.presentation.labels import CATEGORIES
from neighborshare.services.reporting import ReportForm

FLOW = "report"
HINT = N_("To report a dish, tap ⚠️ Report under it in /browse.")


async def start(turn: Turn) -> None:
    """Offer the neighbor's recent exchanges as things to report."""
    user_id = await turn.user_id()
    views = await turn.deps.run(turn.deps.exchanges.mine, user_id)
    choices = tuple(
        (Button(_("{dish} with {other}").format(dish=v.post.name, other=v.other_name),
                f"rp:x:{v.exchange.id}"),)
        for v in views[:6]
    )
    if not choices:
        await turn.say(HINT)
        return
    await turn.say(_("Which exchange is it about?") + " " + HINT, choices)


async def on_button(turn: Turn) -> None:
    parts = button_parts(turn)
    if parts[1] in ("p", "x"):
        target = "post_id" if parts[1] == "p" else "exchange_id"
        turn.begin(FLOW, "category", **{target: number(parts[2])})
        await turn.say(_("What's the problem?"), keyboards.report_categories())
    elif parts[1] == "c" and turn.at(FLOW, "category"):
        if parts[2] not in {c.value for c in ReportCategory}:  # forged callback data
            raise InvalidInput()
        category = ReportCategory(parts[2])
        turn.go("describe", category=category.value)
        await turn.edit(_("Problem: <b>{category}</b>").format(
            category=esc(CATEGORIES[category])))
        await turn.say(_("Please describe what happened in a few sentences."))
    elif parts[1] == "skip" and turn.at(FLOW, "evidence"):
        await turn.edit(None)
        await _submit(turn, None)
    else:
        await turn.say(texts.STALE_BUTTON)


async def on_message(turn: Turn) -> None:
    text = typed_text(turn)
    if turn.at(FLOW, "describe") and text is not None:
        turn.go("evidence", description=text)
        await turn.say(_("Add a photo as evidence, or tap Skip."), keyboards.skip("rp:skip"))
    elif turn.at(FLOW, "evidence") and photos.has_photo(turn):
        stored = await photos.receive(turn, "evidence")
        await _submit(turn, stored.ref)
    else:
        await turn.say(_("Please use the buttons above, or /cancel."))


async def _submit(turn: Turn, evidence: str | None) -> None:
    data = turn.data
    form = ReportForm(
        category=ReportCategory(data["category"]),
        description=data["description"],
        post_id=data.get("post_id"),
        exchange_id=data.get("exchange_id"),
        evidence_ref=evidence,
    )
    report = await turn.deps.run(turn.deps.reporting.report, await turn.user_id(), form)
    turn.end()
    await turn.say(_("📨 Report #{report} is with the moderators. Thank you.").format(
        report=report.id))
