"""Food photos and report evidence in an S3 bucket, handed out through presigned URLs."""

from __future__ import annotations

import secrets
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from neighborshare.domain.errors import InvalidInput, NeighborShareError, NotFound

_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}
_MISSING = {"NoSuchKey", "404", "NotFound"}


class PhotoStoreUnavailable(NeighborShareError):
    code = "photos_unavailable"


class S3PhotoStore:
    """Keys are ``prefix/random``: they name no neighbor, post or report."""

    def __init__(self, client: Any, bucket: str) -> None:
        self._s3 = client
        self._bucket = bucket

    def put(self, data: bytes, content_type: str, prefix: str) -> str:
        if not prefix.isidentifier():
            raise InvalidInput("invalid_photo_folder")
        key = f"{prefix}/{secrets.token_urlsafe(18)}{_EXTENSIONS.get(content_type, '.bin')}"
        self._call("put_object", Key=key, Body=data, ContentType=content_type)
        return key

    def get(self, key: str) -> bytes:
        body = self._call("get_object", Key=key)["Body"]
        data: bytes = body.read()
        return data

    def url(self, key: str, expires_seconds: int = 3600) -> str:
        self._call("head_object", Key=key)  # a link to nothing helps no one
        params = {"Bucket": self._bucket, "Key": key}
        link: str = self._s3.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expires_seconds
        )
        return link

    def delete(self, key: str) -> None:
        self._call("delete_object", Key=key)

    def _call(self, operation: str, **params: Any) -> Any:
        try:
            return getattr(self._s3, operation)(Bucket=self._bucket, **params)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in _MISSING:
                raise NotFound("photo_gone") from None
            raise PhotoStoreUnavailable() from error
        except BotoCoreError as error:
            raise PhotoStoreUnavailable() from error


def s3_client(
    region: str,
    endpoint_url: str | None,
    access_key_id: str | None,
    secret_access_key: str | None,
    timeout_seconds: float = 5.0,
) -> Any:
    """A boto3 S3 client with short timeouts, built only when the production profile asks."""
    import boto3
    from botocore.config import Config

    config = Config(
        connect_timeout=timeout_seconds,
        read_timeout=timeout_seconds,
        retries={"max_attempts": 3, "mode": "standard"},
        signature_version="s3v4",
    )
    return boto3.client(
        "s3",
        region_name=region,
        endpoint_url=endpoint_url,
        aws_access_key_id=access_key_id,
        aws_secret_access_key=secret_access_key,
        config=config,
    )
