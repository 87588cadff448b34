from kyodo.core.audit import audit_log


def test_page_links_keep_the_filters(client, staff_user):
    for n in range(51):
        audit_log(actor=staff_user, action=f"kyodo.test.{n}")
    client.force_login(staff_user)

    first = client.get("/staff/audit/", {"action": "kyodo.test"})
    assert 'href="?action=kyodo.test&amp;page=2"' in first.text
    second = client.get("/staff/audit/", {"action": "kyodo.test", "page": "2"})
    assert 'href="?action=kyodo.test&amp;page=1"' in second.text
    assert "page=2&amp;page" not in second.text
