"""Photos kept in a local folder (the embedded profile's PhotoStore)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from neighborshare.domain.errors import InvalidInput, NotFound

_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}


class LocalFolderPhotoStore:
    def __init__(self, root: Path) -> None:
        self._root = root

    def _path(self, key: str) -> Path:
        path = (self._root / key).resolve()
        if self._root.resolve() not in path.parents:
            raise InvalidInput("invalid_photo_key")
        return path

    def put(self, data: bytes, content_type: str, prefix: str) -> str:
        if not prefix.isidentifier():
            raise InvalidInput("invalid_photo_folder")
        key = f"{prefix}/{secrets.token_urlsafe(18)}{_EXTENSIONS.get(content_type, '.bin')}"
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # never leave a half-written photo under its final name
        return key

    def get(self, key: str) -> bytes:
        path = self._path(key)
        if not path.is_file():
            raise NotFound("photo_gone")
        return path.read_bytes()

    def url(self, key: str, expires_seconds: int = 3600) -> str:
        path = self._path(key)
        if not path.is_file():
            raise NotFound("photo_gone")
        return path.as_uri()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
