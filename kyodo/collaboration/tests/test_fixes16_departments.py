"""The same department added (or renamed to) twice at the same moment: the second is told the
name is taken, never a server error. Threads with their own database connections, on SQLite
and PostgreSQL alike."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from kyodo.collaboration import services
from kyodo.collaboration.exceptions import InvalidInput
from kyodo.collaboration.models import Department
from kyodo.core.models import AuditEntry
from kyodo.core.services import field_values

TAKEN = "この名称の課はすでに登録されています。"


def _at_once(*jobs) -> tuple[list, list[BaseException]]:
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []
    lock = threading.Lock()

    def run(job) -> None:
        try:
            barrier.wait(timeout=30)
            result = job()
            with lock:
                results.append(result)
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.fixture
def blind_check(monkeypatch):
    # The check before the insert, as it reads while another request's insert is not committed
    # yet: it sees no department of that name.
    def clean(fields, *, exclude_pk=None):
        data = field_values(fields)
        data["name"] = data["name"].strip()
        return data

    monkeypatch.setattr(services, "_clean_department", clean)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("check_missed", [False, True], ids=["as-is", "check-missed"])
def test_two_staff_adding_the_same_department_at_once_get_one_and_a_message(
    staff, check_missed, request
):
    if check_missed:  # every thread reaches the insert: only the unique name can refuse
        request.getfixturevalue("blind_check")
    fields = services.DepartmentFields(name="文化振興課", bureau="生活文化スポーツ部")

    results, errors = _at_once(
        *[lambda: services.department_create(actor=staff, fields=fields).name] * 4
    )

    assert results == ["文化振興課"]
    assert [(type(e), str(e.message)) for e in errors] == [(InvalidInput, TAKEN)] * 3
    assert list(Department.objects.values_list("name", "bureau")) == [
        ("文化振興課", "生活文化スポーツ部")
    ]
    assert AuditEntry.objects.filter(action="kyodo.collaboration.department.created").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_departments_renamed_to_one_name_at_once(staff):
    a = Department.objects.create(name="文化課")
    b = Department.objects.create(name="振興課")

    def rename(department):
        return lambda: services.department_update(
            actor=staff, department=department, fields=services.DepartmentFields(name="文化振興課")
        )

    results, errors = _at_once(rename(a), rename(b))

    assert results == [{"name": [results[0]["name"][0], "文化振興課"]}]
    assert [(type(e), str(e.message)) for e in errors] == [(InvalidInput, TAKEN)]
    assert sorted(Department.objects.values_list("name", flat=True)) == sorted(
        ["文化振興課", {"文化課": "振興課", "振興課": "文化課"}[results[0]["name"][0]]]
    )


@pytest.mark.django_db
def test_the_unique_name_is_a_message_even_when_the_check_missed_it(client, staff, blind_check):
    Department.objects.create(name="文化振興課", bureau="生活文化スポーツ部")
    client.force_login(staff)

    response = client.post("/staff/collaboration/departments/", {"name": "文化振興課"})

    assert response.status_code == 200
    assert TAKEN in response.text
    assert list(Department.objects.values_list("name", "bureau")) == [
        ("文化振興課", "生活文化スポーツ部")
    ]
    assert not AuditEntry.objects.exists()
    # The refusal left the transaction usable: the next department is added as usual.
    added = services.department_create(actor=staff, fields=services.DepartmentFields(name="協働課"))
    assert added.pk is not None


@pytest.mark.django_db
def test_renaming_to_a_taken_name_is_a_message_even_when_the_check_missed_it(staff, blind_check):
    Department.objects.create(name="文化振興課")
    other = Department.objects.create(name="協働課")

    with pytest.raises(InvalidInput) as refused:
        services.department_update(
            actor=staff, department=other, fields=services.DepartmentFields(name="文化振興課")
        )

    assert str(refused.value.message) == TAKEN
    assert sorted(Department.objects.values_list("name", flat=True)) == ["協働課", "文化振興課"]
    assert not AuditEntry.objects.exists()
