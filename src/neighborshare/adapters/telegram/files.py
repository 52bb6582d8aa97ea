"""The files the offline Bot API serves: photos neighbors sent, and photos the bot uploaded."""

from __future__ import annotations

import secrets
from typing import Any

from telegram.constants import FileSizeLimit

from neighborshare.adapters.telegram.errors import UnknownBotMethod, bad_request


class FileStore:
    def __init__(self) -> None:
        self._files: dict[str, bytes] = {}

    def add(self, data: bytes) -> str:
        file_id = "F" + secrets.token_hex(8)
        self._files[file_id] = data
        return file_id

    def knows(self, file_id: str) -> bool:
        return file_id in self._files

    def data(self, file_id: str) -> bytes:
        return self._files[file_id]

    def get_file(self, file_id: str) -> dict[str, Any]:
        """getFile: Telegram lets a bot download files of at most 20 MB."""
        if file_id not in self._files:
            raise bad_request("invalid file_id")
        size = len(self._files[file_id])
        if size > FileSizeLimit.FILESIZE_DOWNLOAD:
            raise bad_request("file is too big")
        return {"file_id": file_id, "file_unique_id": file_id, "file_size": size,
                "file_path": f"photos/{file_id}.jpg"}

    def download(self, url: str) -> bytes:
        file_id = url.rsplit("/", 1)[-1].split(".")[0]
        if file_id not in self._files:
            raise UnknownBotMethod(f"no such offline file: {url!r}")
        return self._files[file_id]
