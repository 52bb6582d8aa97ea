"""The PhotoStore contract, shared by memory, the local folder and S3 (moto over HTTP)."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from neighborshare.adapters.files.photo_store import LocalFolderPhotoStore
from neighborshare.adapters.memory.outside import InMemoryPhotoStore
from neighborshare.adapters.s3.photo_store import S3PhotoStore
from neighborshare.domain.errors import NotFound
from neighborshare.ports.services import PhotoStore
from tests.support.refusals import refused

JPEG = b"\xff\xd8\xff\xe0" + b"dal" * 100


@pytest.fixture(params=["memory", "folder", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> PhotoStore:
    if request.param == "memory":
        return InMemoryPhotoStore()
    if request.param == "folder":
        return LocalFolderPhotoStore(tmp_path)
    client, bucket = request.getfixturevalue("s3_bucket")
    return S3PhotoStore(client, bucket)


def test_a_stored_photo_reads_back_byte_for_byte(store: PhotoStore):
    key = store.put(JPEG, "image/jpeg", "food")
    assert store.get(key) == JPEG


def test_keys_are_random_and_reveal_nothing_but_the_folder(store: PhotoStore):
    first = store.put(JPEG, "image/jpeg", "evidence")
    second = store.put(JPEG, "image/jpeg", "evidence")
    assert first != second
    assert first.startswith("evidence/")
    assert len(first.split("/")[1]) >= 24  # 18 random bytes, base64


def test_a_deleted_photo_is_gone_and_deleting_twice_is_fine(store: PhotoStore):
    key = store.put(JPEG, "image/jpeg", "food")
    store.delete(key)
    store.delete(key)
    with pytest.raises(NotFound):
        store.get(key)
    with pytest.raises(NotFound):
        store.url(key)


def test_a_url_is_given_only_for_a_stored_photo(store: PhotoStore):
    key = store.put(JPEG, "image/png", "food")
    assert key.split("/")[1] in store.url(key, expires_seconds=600)
    with refused(NotFound, "That photo is gone"):
        store.get("food/never-stored")


def test_the_presigned_url_serves_the_photo_over_http(s3_bucket: tuple[object, str]):
    client, bucket = s3_bucket
    store = S3PhotoStore(client, bucket)
    key = store.put(JPEG, "image/jpeg", "food")
    url = store.url(key, expires_seconds=300)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.headers["Content-Type"] == "image/jpeg"
        assert response.read() == JPEG
