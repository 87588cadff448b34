"""With /tmp/fixes01/import_npo_print_and_publish.patch: the printed header of another body's
imported minutes (posts, no empty 事務局, no center), and publishing minutes imported unpublished."""

from __future__ import annotations

import re

import pytest

from kyodo.committees.models import Minutes
from kyodo.committees.tests.test_import_npo import BOARD, SAVE, WORKING_GROUP, _review, _review_data


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _header(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", row) for row in re.findall(r"<div><dt>.*?</dd></div>", html)]


def test_imported_unpublished_then_published_prints_the_posts(staff_client, committee):
    data = _review_data(_review(staff_client, BOARD))
    data["unpublished"] = "on"
    saved = staff_client.post(SAVE, data)
    minutes = Minutes.objects.get(meeting__committee__slug="committee-2")
    page = staff_client.get(saved["Location"]).content.decode()
    assert 'id="minutes-import-publish"' in page
    published = staff_client.post(f"/staff/committees/import/publish/{minutes.pk}/")
    assert published.status_code == 302
    minutes.refresh_from_db()
    assert minutes.is_published
    public = staff_client.get(f"/committee/minutes/{minutes.pk}/").content.decode()
    assert _header(public) == [
        "■開催日時：令和8年10月14日(水) 午後7時～8時30分",
        "■開催会場：ひばりヶ丘市民活動センター 会議室B",
        "■出席委員：山田花子理事長、鈴木一郎副理事長、佐藤次郎、田中美和＜以上4名＞",
        "■欠席委員：高橋健",
        "■委員以外の出席者：伊藤正",
    ]
    assert '<p class="minutes-org">特定非営利活動法人ひばり子ども食堂ネット</p>' in public
    again = staff_client.post(f"/staff/committees/import/publish/{minutes.pk}/")
    assert [str(m) for m in again.wsgi_request._messages][-1] == (
        "公開できるのは、公開せずに取り込んだ会議録だけです。"
    )


def test_a_working_group_prints_its_posts_and_no_center(staff_client, committee):
    data = _review_data(_review(staff_client, WORKING_GROUP))
    staff_client.post(SAVE, data)
    minutes = Minutes.objects.get(meeting__committee__name="子育て支援部会")
    public = staff_client.get(f"/committee/minutes/{minutes.pk}/").content.decode()
    assert _header(public)[2:4] == [
        "■出席委員：木村明美部会長、松田悟副部会長、野口部会員、原、吉川＜以上5名＞",
        "■欠席委員：宮本部会員",
    ]
    assert "西東京市市民協働推進センター</p>" not in public.split('class="minutes-org"')[1][:80]


@pytest.mark.parametrize("command", [["import_minutes"], ["minutes", "import"]])
def test_the_command_imports_unpublished_when_asked(committee, tmp_path, command):
    # `kyodo import-minutes` and `kyodo minutes import` (docs/import.md) alike.
    from django.core.management import call_command

    path = tmp_path / "rijikai.txt"
    path.write_text(BOARD, encoding="utf-8")
    call_command(*command, str(path), "--committee", "unei", "--unpublished")
    minutes = Minutes.objects.get(meeting__committee=committee)
    assert (minutes.status, minutes.is_published) == (Minutes.Status.DRAFT, False)
    assert minutes.recorded_header["roles"] == {"山田花子": "理事長", "鈴木一郎": "副理事長"}
