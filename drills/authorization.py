"""Authorization drill: every moderator action by a non-moderator, and every exchange action by a
neighbor who is not a party (or the wrong party), is refused and changes nothing.

    .venv/bin/python -m drills.authorization
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drills.neighborhood import Neighborhood
from drills.outcome import Outcome
from neighborshare.domain.errors import NeighborShareError, NotAModerator
from neighborshare.domain.reports import ModerationAction, ReportCategory
from neighborshare.domain.users import Role
from neighborshare.services.moderation import Resolution
from neighborshare.services.reporting import ReportForm

Attempt = tuple[str, Callable[[], Any], type[NeighborShareError]]


class Scene:
    """A moderator, a sharer with two requesters (one pending, one completed), an outsider."""

    def __init__(self) -> None:
        self.hood = hood = Neighborhood()
        c = hood.container
        self.moderator, self.sharer = hood.register(1), hood.register(2)
        self.requester, self.outsider = hood.register(3), hood.register(4)
        self.other = hood.register(5)
        c.first_moderator().appoint(self.moderator, "drill")
        self.post = hood.share(self.sharer, portions=4)
        exchanges = c.exchanges()
        self.pending = int(exchanges.request(self.requester, self.post, 1).id or 0)
        done = int(exchanges.request(self.other, self.post, 1).id or 0)
        exchanges.accept(self.sharer, done)
        exchanges.confirm_pickup(self.other, done)
        self.completed = done
        form = ReportForm(ReportCategory.SPAM, "spam listing", user_id=self.sharer)
        self.report = int(c.reporting().report(self.requester, form).id or 0)


def moderator_attempts(scene: Scene, actor: int) -> list[Attempt]:
    m, c = scene.hood.container.moderation(), scene
    def resolve(action: ModerationAction, **extra: Any) -> Callable[[], Any]:
        return lambda: m.resolve(actor, c.report, Resolution(action, "drill", **extra))
    attempts: list[Attempt] = [
        ("claim a report", lambda: m.claim(actor, c.report), NotAModerator),
        ("dismiss a report", lambda: m.dismiss(actor, c.report, "drill"), NotAModerator),
        ("suspend a neighbor", lambda: m.suspend_user(actor, c.sharer, 7, "x"), NotAModerator),
        ("unsuspend a neighbor", lambda: m.unsuspend_user(actor, c.sharer, "x"), NotAModerator),
        ("ban a neighbor", lambda: m.ban_user(actor, c.sharer, "x"), NotAModerator),
        ("promote themselves", lambda: m.set_role(actor, actor, Role.MODERATOR, "x"),
         NotAModerator),
        ("demote the moderator", lambda: m.set_role(actor, c.moderator, Role.NEIGHBOR, "x"),
         NotAModerator),
        ("give themselves credits", lambda: m.adjust_credits(actor, actor, 50, "x"),
         NotAModerator),
        ("hide a post", lambda: m.set_post_hidden(actor, c.post, True, "x"), NotAModerator),
        ("unhide a post", lambda: m.set_post_hidden(actor, c.post, False, "x"), NotAModerator),
    ]
    extras: dict[ModerationAction, dict[str, Any]] = {
        ModerationAction.SUSPEND: {"days": 3}, ModerationAction.ADJUST_CREDITS: {"amount": -5}}
    attempts += [(f"resolve a report with {a.value}", resolve(a, **extras.get(a, {})),
                  NotAModerator) for a in ModerationAction]
    return attempts


def exchange_attempts(scene: Scene, actor: int) -> list[Attempt]:
    x, c, e = scene.hood.container.exchanges(), scene, NeighborShareError
    ratings, reporting = scene.hood.container.ratings(), scene.hood.container.reporting()
    form = ReportForm(ReportCategory.NO_SHOW, "never came", exchange_id=c.completed)
    return [
        ("accept", lambda: x.accept(actor, c.pending), e),
        ("decline", lambda: x.decline(actor, c.pending), e),
        ("cancel", lambda: x.cancel(actor, c.pending), e),
        ("confirm the pickup", lambda: x.confirm_pickup(actor, c.pending), e),
        ("mark a no-show", lambda: x.no_show(actor, c.completed), e),
        ("view", lambda: x.view(actor, c.pending), e),
        ("rate a completed exchange", lambda: ratings.rate(actor, c.completed, 5, 5), e),
        ("report on an exchange", lambda: reporting.report(actor, form), e),
    ]


def refused(outcome: Outcome, scene: Scene, who: str, attempts: list[Attempt]) -> None:
    for what, call, expected in attempts:
        before = scene.hood.snapshot()
        outcome.attempt(f"{who}: {what}")
        try:
            call()
            error: Exception | None = None
        except Exception as raised:  # the refusal under test
            error = raised
        outcome.check(f"{who} cannot {what} ({type(error).__name__})",
                      isinstance(error, expected) and scene.hood.snapshot() == before)


def run() -> Outcome:
    outcome = Outcome("authorization")
    scene = Scene()
    for who, actor in (("a neighbor", scene.outsider), ("a sharer", scene.sharer),
                       ("a requester", scene.requester)):
        refused(outcome, scene, who, moderator_attempts(scene, actor))
    refused(outcome, scene, "an outsider", exchange_attempts(scene, scene.outsider))
    x = scene.hood.container.exchanges()
    refused(outcome, scene, "the requester", [
        ("accept their own request", lambda: x.accept(scene.requester, scene.pending),
         NeighborShareError),
        ("mark their own pickup a no-show",
         lambda: x.no_show(scene.other, scene.completed), NeighborShareError)])
    before = scene.hood.snapshot()  # the detector can see a change: a moderator's real action
    scene.hood.container.moderation().adjust_credits(scene.moderator, scene.outsider, 1, "ok")
    outcome.check("control: a moderator's adjustment is seen as a change",
                  scene.hood.snapshot() != before)
    outcome.figure("refusals checked", len(outcome.checks) - 1)
    return outcome


if __name__ == "__main__":
    run().print_and_exit()
