"""/report: what -> category -> description -> optional photo evidence."""

from __future__ import annotations

from neighborshare.domain.posts import PostStatus
from neighborshare.domain.reports import ReportCategory
from neighborshare.entrypoints.bot import photos
from neighborshare.entrypoints.bot.flows.common import button_id, button_parts, one_of, typed_text
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.ports.services import Button
from neighborshare.presentation import keyboards, texts
from neighborshare.presentation.formatting import esc, who
from neighborshare.presentation.i18n import N_, _
from neighborshare.presentation.labels import CATEGORIES, POST_STATUSES
from neighborshare.services.reporting import Reportable, ReportForm

FLOW = "report"
CATEGORY_VALUES = frozenset(c.value for c in ReportCategory)
MAX_CHOICES = 8
HINT = N_("To report a dish, tap ⚠️ Report under it in /browse.")


async def start(turn: Turn) -> None:
    """Offer the neighbor's exchanges of the last 30 days, and those of their dishes gone."""
    user_id = await turn.user_id()
    await turn.deps.run(turn.deps.reporting.ensure_may_report, user_id)  # limited: refused now
    found = await turn.deps.run(turn.deps.reporting.reportable, user_id)
    choices = tuple((_choice(item),) for item in found[:MAX_CHOICES])
    if not choices:
        await turn.say(HINT)
        return
    await turn.say(_("Who or what is it about?") + " " + HINT, choices)


def _choice(item: Reportable) -> Button:
    """An exchange by dish and the other side's first name; a gone dish by name and state."""
    if item.exchange_id is not None:
        label = _("{dish} with {other}").format(dish=item.dish, other=who(item.other_name or ""))
        return Button(label, f"rp:x:{item.exchange_id}")
    state = POST_STATUSES[item.post_status or PostStatus.HIDDEN]
    return Button(_("{dish} ({state})").format(dish=item.dish, state=state),
                  f"rp:p:{item.post_id}")


async def on_button(turn: Turn) -> None:
    parts = button_parts(turn)
    if parts[1] in ("p", "x"):
        await turn.deps.run(turn.deps.reporting.ensure_may_report, await turn.user_id())
        target = await _target(turn, parts[1], button_id(parts[2]))
        turn.begin(FLOW, "category", **target)
        await turn.say(_("What's the problem?"), keyboards.report_categories())
    elif parts[1] == "c" and turn.at(FLOW, "category"):
        category = ReportCategory(one_of(parts[2], CATEGORY_VALUES))
        turn.go("describe", category=category.value)
        await turn.edit(_("Problem: <b>{category}</b>").format(
            category=esc(CATEGORIES[category])))
        await turn.say(_("Please describe what happened in a few sentences."))
    elif parts[1] == "skip" and turn.at(FLOW, "evidence"):
        await turn.edit(None)
        await _submit(turn, None)
    else:
        await turn.say(texts.STALE_BUTTON)


async def _target(turn: Turn, kind: str, target_id: int) -> dict[str, int]:
    """What a Report button names, if the neighbor may see it: a dish (its card), or one of
    their own exchanges; refused (nothing begun) otherwise."""
    user_id = await turn.user_id()
    if kind == "p":
        await turn.deps.run(turn.deps.food.card, user_id, target_id)
        return {"post_id": target_id}
    await turn.deps.run(turn.deps.exchanges.view, user_id, target_id)
    return {"exchange_id": target_id}


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
