"""Domain errors, one hierarchy; each message is fit to show a neighbor or a moderator."""

from __future__ import annotations


class NeighborShareError(Exception):
    """Base of every refusal the product can explain to a person."""

    default_message = "Sorry, that can't be done right now."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class InvalidInput(NeighborShareError):
    default_message = "That doesn't look right. Please try again."


class NotFound(NeighborShareError):
    default_message = "I couldn't find that. It may have been removed."


class NotAllowed(NeighborShareError):
    default_message = "You're not allowed to do that."


class NotRegistered(NeighborShareError):
    default_message = "Please set up your profile first with /start."


class AccountSuspended(NeighborShareError):
    default_message = (
        "Your account is paused while a moderator reviews it, so you can't post or request "
        "food for now."
    )


class AccountBanned(NeighborShareError):
    default_message = "This account has been closed by the moderators."


class OutsideServiceArea(NeighborShareError):
    default_message = "Sorry, NeighborShare isn't in your area yet. We'll be there soon!"


class PhoneAlreadyRegistered(NeighborShareError):
    default_message = "That phone number already belongs to another neighbor."


class VerificationFailed(NeighborShareError):
    default_message = "That code didn't match. Please check it and try again."


class VerificationUnavailable(NeighborShareError):
    default_message = "Phone verification is unavailable right now. Please try again later."


class VerificationExpired(VerificationFailed):
    default_message = "That code has expired. Please ask for a new one."


class TooManyVerificationAttempts(VerificationFailed):
    default_message = "Too many tries for that number. Please wait 10 minutes and try again."


class GeocodingFailed(NeighborShareError):
    default_message = "I couldn't find that address. Please send a location pin instead."


class GeocodingUnavailable(GeocodingFailed):
    default_message = "Address lookup isn't working right now. Please send a location pin instead."


class InvalidPickupWindow(InvalidInput):
    default_message = "That pickup window doesn't work."


class OwnPost(NotAllowed):
    default_message = "That's your own dish – you can't request it."


class NotEnoughPortions(NeighborShareError):
    default_message = "There aren't that many portions left."


class PostNotAvailable(NeighborShareError):
    default_message = "This dish is no longer available."


class TooManyOpenRequests(NeighborShareError):
    default_message = "You already have the maximum number of open requests."


class NotEnoughCredits(NeighborShareError):
    default_message = "You don't have enough credits for that."


class InvalidTransition(NeighborShareError):
    default_message = "That exchange can't be changed that way any more."


class RatingNotAllowed(NeighborShareError):
    default_message = "You can't rate this exchange."


class AlreadyRated(RatingNotAllowed):
    default_message = "You've already rated this exchange. Thank you!"


class ReportLimitReached(NeighborShareError):
    default_message = "You can file one report a day for now. Please try again tomorrow."


class NotAModerator(NotAllowed):
    default_message = "Only moderators can do that."


class ConflictOfInterest(NotAllowed):
    default_message = "You can't handle a report that involves you. Ask another moderator."


class InvalidPhoto(InvalidInput):
    default_message = "That photo couldn't be used. Please send a JPEG or PNG under 5 MB."


class RateLimited(NeighborShareError):
    default_message = "You're going a little fast. Please wait a minute and try again."


class ConcurrencyConflict(NeighborShareError):
    """Raised by adapters when a transaction lost a race and may be retried."""

    default_message = "Lots happening right now. Please try again."
