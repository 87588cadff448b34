"""Uploaded files in S3-compatible object storage (STORAGE_URL=s3://bucket/prefix): stored in the
bucket, read back through Kyodo, still checked for the person's role and sent as attachments.

The object storage is moto's S3 server, started by the tests on a free loopback port and spoken
to over HTTP by boto3, as a real MinIO or S3 would be.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo import env
from kyodo.core.tests.test_security_uploads import _news_post, assert_download, pdf_bytes

pytestmark = pytest.mark.django_db

BUCKET = "kyodo-files"
PREFIX = "center-a"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def _client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="kyodo-test",
        aws_secret_access_key="kyodo-test-secret",
    )


@pytest.fixture
def s3(s3_endpoint, settings, monkeypatch):
    """STORAGES["default"] as STORAGE_URL configures it, against a fresh bucket."""
    client = _client(s3_endpoint)
    existing = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
    if BUCKET in existing:
        for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    else:
        client.create_bucket(Bucket=BUCKET)
    monkeypatch.setenv("STORAGE_URL", f"s3://{BUCKET}/{PREFIX}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "kyodo-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "kyodo-test-secret")
    storage = env.env_storage("STORAGE_URL", endpoint_url=s3_endpoint, region_name="us-east-1")
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    return client


def _objects(client) -> dict[str, bytes]:
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    return {key: client.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in keys}


def test_storage_url_is_read_as_a_private_s3_bucket_with_a_prefix(monkeypatch):
    monkeypatch.setenv("STORAGE_URL", "s3://kyodo-files/center-a")
    config = env.env_storage("STORAGE_URL", endpoint_url="http://127.0.0.1:9000")
    assert config == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "kyodo-files",
            "location": "center-a",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "endpoint_url": "http://127.0.0.1:9000",
        },
    }


def test_without_storage_url_files_stay_on_the_local_disk(monkeypatch):
    monkeypatch.delenv("STORAGE_URL", raising=False)
    assert env.env_storage("STORAGE_URL") == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


@pytest.mark.parametrize("raw", ["ftp://files/x", "s3://", "/var/files", "s3://b/x?region=y"])
def test_a_storage_url_kyodo_cannot_use_is_refused_by_name(monkeypatch, raw):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("STORAGE_URL", raw)
    with pytest.raises(ImproperlyConfigured) as raised:
        env.env_storage("STORAGE_URL")
    assert str(raised.value).startswith(
        "STORAGE_URL は s3://バケット名 または s3://バケット名/フォルダ の形で指定してください"
        f"（指定値：{raw!r}）。"
    )


def test_a_news_attachment_goes_to_the_bucket_and_comes_back_as_a_download(client, staff_user, s3):
    from kyodo.website.models import NewsAttachment

    post = _news_post(staff_user)
    client.force_login(staff_user)
    pdf = pdf_bytes()
    response = client.post(
        f"/staff/site/news/{post.pk}/attach/",
        {"title": "資料", "file": SimpleUploadedFile("お知らせ.pdf", pdf)},
    )
    assert response.status_code == 302
    attachment = NewsAttachment.objects.get()
    stored = _objects(s3)
    assert list(stored.values()) == [pdf]
    (key,) = stored
    assert key == f"{PREFIX}/{attachment.file.name}"
    client.logout()
    download = client.get(f"/news/{post.pk}/attachments/{attachment.pk}/")
    assert_download(download, pdf)


def test_a_group_file_in_the_bucket_is_served_to_its_group_and_staff_only(
    client, make_user, staff_user, s3
):
    from kyodo.collaboration import services
    from kyodo.collaboration.models import ProposalAttachment
    from kyodo.collaboration.tests.conftest import PROPOSAL_DATA, make_group
    from kyodo.core.tests.test_security_uploads import _open_call

    group = make_group(make_user, "kaze", "西東京風の会")
    other = make_group(make_user, "mori", "東の森の会")
    proposal = services.proposal_create(
        actor=group.representative_user,
        call=_open_call(),
        fields=services.ProposalFields(**PROPOSAL_DATA),
    )
    client.force_login(group.representative_user)
    base = f"/group/collaboration/proposals/{proposal.pk}/attachments/"
    pdf = pdf_bytes()
    assert client.post(base, {"file": SimpleUploadedFile("計画書.pdf", pdf)}).status_code == 302
    attachment = ProposalAttachment.objects.get()
    assert list(_objects(s3).values()) == [pdf]
    assert_download(client.get(f"{base}{attachment.pk}/"), pdf)

    # Another group never gets the file, whatever the storage.
    client.force_login(other.representative_user)
    assert client.get(f"{base}{attachment.pk}/").status_code == 404

    services.proposal_submit(actor=group.representative_user, proposal=proposal)
    client.force_login(staff_user)
    download = client.get(
        f"/staff/collaboration/proposals/{proposal.pk}/attachments/{attachment.pk}/"
    )
    assert_download(download, pdf)
