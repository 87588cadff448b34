import pytest
from django.core.exceptions import ValidationError

from kyodo.core.forms import ModelMultipleChoiceField
from kyodo.core.models import Venue


@pytest.mark.django_db
@pytest.mark.parametrize("pk", ["9223372036854775808", "-9223372036854775809", "1" * 40])
def test_multiple_choice_refuses_ids_beyond_the_integer_range(pk):
    field = ModelMultipleChoiceField(queryset=Venue.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean([pk])
    assert refused.value.messages == [f"“{pk}” は無効な値です。"]


@pytest.mark.django_db
def test_multiple_choice_still_takes_real_ids():
    venue = Venue.objects.create(name="会議室A")
    field = ModelMultipleChoiceField(queryset=Venue.objects.all())
    assert list(field.clean([str(venue.pk)])) == [venue]
