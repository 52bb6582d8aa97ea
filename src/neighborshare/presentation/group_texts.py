"""What the bot says in a community group about linking it (/linkgroup, /unlinkgroup)."""

from __future__ import annotations

from neighborshare.presentation.i18n import N_

LINK_HOW = N_(
    "To link this group to its place: send the place as a location pin, then reply to that "
    "pin with /linkgroup RADIUS LANGUAGE, for example /linkgroup 800 en. The radius is in "
    "metres ({low}-{high}); the languages are {languages}."
)
ADMINS_ONLY = N_("Only this group's admins can link or unlink it.")
ANONYMOUS = N_("I can't tell which admin you are while you post anonymously. "
               "Please send the command as yourself.")
OWN_PIN = N_("Please reply to a location pin you sent yourself.")
LINKED = N_(
    "✅ Linked. I'll post new dishes within {radius} of this place here: at most {cap} a "
    "day, and none between {quiet_start} and {quiet_end}. /unlinkgroup stops it."
)
UNLINKED = N_("This group is unlinked: I won't post new dishes here any more.")
NOT_LINKED = N_("This group isn't linked.")
OUTSIDE_AREA = N_("That place is outside the area NeighborShare serves.")
PRIVATE_ONLY_IN_GROUP = N_("/linkgroup and /unlinkgroup work in a group, sent by its admins.")
