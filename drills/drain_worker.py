"""The worker process the fault drill kills with SIGKILL: it completes overdue exchanges (the
real auto-complete sweep) and drains the outbox (the real NotificationService, 2 s lease) into a
notifier that appends each delivery to a file, as Telegram would receive it.

    python -m drills.drain_worker DATABASE_URL DELIVERIES_FILE
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

from dependency_injector import providers

from drills.webhooks import services
from neighborshare.ports.services import Delivery, OutgoingMessage
from neighborshare.services.notifications import NotificationService

LEASE = timedelta(seconds=2)
SEND_TIME = 0.004  # seconds per message, like a call to Telegram


class FileNotifier:
    """Appends "chat<TAB>digest of the text" and fsyncs: what Telegram has once send returns."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("a", encoding="utf-8")

    def send(self, message: OutgoingMessage) -> Delivery:
        time.sleep(SEND_TIME)
        digest = hashlib.sha256(message.html.encode()).hexdigest()[:16]
        self._file.write(f"{message.chat_id}\t{digest}\n")
        self._file.flush()
        os.fsync(self._file.fileno())
        return Delivery.SENT


def main(url: str, deliveries: str) -> None:
    container = services(url)
    notifier = FileNotifier(Path(deliveries))
    container.notifier.override(providers.Object(notifier))
    outbox = NotificationService(container.uow_factory(), container.clock(), notifier,
                                 container.renderer(), container.rules(), lease=LEASE)
    sweeps = container.sweeps()
    print("worker ready", flush=True)
    while True:
        done = sweeps.auto_complete().handled
        sent = outbox.drain(batch=25)
        if not done and not sent.handled:
            time.sleep(0.05)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
