"""Proving a neighbor's phone number: a shared contact, or a code sent by SMS."""

from __future__ import annotations

import phonenumbers

from neighborshare.domain.errors import InvalidInput, NotAllowed, VerificationFailed
from neighborshare.domain.values import PhoneHash
from neighborshare.ports.services import SmsVerifier


class AuthService:
    def __init__(self, pepper: bytes, default_region: str, sms: SmsVerifier | None) -> None:
        self._pepper = pepper
        self._region = default_region
        self._sms = sms

    @property
    def can_send_codes(self) -> bool:
        return self._sms is not None

    def normalize(self, raw: str) -> str:
        """The number in E.164 form, or a clear refusal."""
        try:
            number = phonenumbers.parse(raw.strip(), self._region)
        except phonenumbers.NumberParseException:
            raise InvalidInput("not_a_phone_number") from None
        if not phonenumbers.is_possible_number(number):
            raise InvalidInput("not_a_phone_number")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def hash(self, e164: str) -> PhoneHash:
        return PhoneHash.of(e164, self._pepper)

    def from_contact(self, raw: str, contact_user_id: int | None, sender_id: int) -> PhoneHash:
        """Accept a shared contact only when it is the sender's own."""
        if contact_user_id != sender_id:
            raise NotAllowed("share_own_contact")
        return self.hash(self.normalize(raw))

    def start_sms(self, raw: str) -> str:
        if self._sms is None:
            raise NotAllowed("use_contact_button")
        e164 = self.normalize(raw)
        self._sms.start(e164)
        return e164

    def check_sms(self, e164: str, code: str) -> PhoneHash:
        if self._sms is None:
            raise NotAllowed("use_contact_button")
        code = code.strip()
        if not code.isdigit() or not 4 <= len(code) <= 10:
            raise VerificationFailed("code_digits")
        if not self._sms.check(e164, code):
            raise VerificationFailed()
        return self.hash(e164)
