"""Domain errors, one hierarchy. A refusal carries a code and the values its explanation
needs, never a sentence: presentation/refusals.py words it in the reader's language."""

from __future__ import annotations


class NeighborShareError(Exception):
    """Base of every refusal the product can explain to a person."""

    code = "unavailable"

    def __init__(self, code: str | None = None, /, **values: object) -> None:
        self.code = code or type(self).code
        self.values = values
        shown = ", ".join(f"{k}={v!r}" for k, v in values.items())
        super().__init__(f"{self.code}({shown})" if values else self.code)


class InvalidInput(NeighborShareError):
    code = "invalid_input"


class NotFound(NeighborShareError):
    code = "not_found"


class NotAllowed(NeighborShareError):
    code = "not_allowed"


class NotRegistered(NeighborShareError):
    code = "not_registered"


class AccountSuspended(NeighborShareError):
    code = "account_suspended"


class AccountErased(NeighborShareError):
    """The account was erased (/deleteaccount, or `users erase`): nothing more can change it."""

    code = "account_erased"


class AccountBanned(NeighborShareError):
    code = "account_banned"


class OutsideServiceArea(NeighborShareError):
    code = "outside_service_area"


class PhoneAlreadyRegistered(NeighborShareError):
    code = "phone_already_registered"


class VerificationFailed(NeighborShareError):
    code = "verification_failed"


class VerificationUnavailable(NeighborShareError):
    code = "verification_unavailable"


class VerificationExpired(VerificationFailed):
    code = "verification_expired"


class TooManyVerificationAttempts(VerificationFailed):
    code = "too_many_verification_attempts"


class GeocodingFailed(NeighborShareError):
    code = "geocoding_failed"


class GeocodingUnavailable(GeocodingFailed):
    code = "geocoding_unavailable"


class InvalidPickupWindow(InvalidInput):
    code = "invalid_pickup_window"


class OwnPost(NotAllowed):
    code = "own_post"


class NotEnoughPortions(NeighborShareError):
    code = "not_enough_portions"


class PostNotAvailable(NeighborShareError):
    code = "post_not_available"


class TooManyOpenRequests(NeighborShareError):
    code = "too_many_open_requests"


class AlreadyRequested(NeighborShareError):
    """The neighbor's earlier request for this dish is still waiting for the sharer."""

    code = "already_requested"


class NotEnoughCredits(NeighborShareError):
    code = "not_enough_credits"


class InvalidTransition(NeighborShareError):
    code = "invalid_transition"


class RatingNotAllowed(NeighborShareError):
    code = "rating_not_allowed"


class AlreadyRated(RatingNotAllowed):
    code = "already_rated"


class ReportLimitReached(NeighborShareError):
    code = "report_limit_reached"


class NotAModerator(NotAllowed):
    code = "not_a_moderator"


class ConflictOfInterest(NotAllowed):
    code = "conflict_of_interest"


class InvalidPhoto(InvalidInput):
    code = "invalid_photo"


class RateLimited(NeighborShareError):
    code = "rate_limited"


class ConcurrencyConflict(NeighborShareError):
    """Raised by adapters when a transaction lost a race and may be retried."""

    code = "concurrency_conflict"
