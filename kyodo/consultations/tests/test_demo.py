from datetime import date

from kyodo.consultations.demo import load_demo
from kyodo.consultations.models import Consultation, ConsultationCategory


def test_the_demo_has_the_seeds_december_case(demo):
    case = Consultation.objects.get(received_on=date(2010, 12, 7))

    assert case.category_values == ["legal_form"]
    assert case.channel == "visit" and case.client_type == "individual"
    assert "高齢者向けのダンスセラピー" in case.summary
    assert "営利か非営利か" in case.advice
    assert "NPO法人" in case.advice and "一般社団法人" in case.advice
    assert case.report_example == (
        "高齢者向けのダンスセラピーを行っている方から、"
        "ふさわしい法人格とその取得方法について相談があった。"
    )
    assert case.use_in_report is True
    months = sorted({(c.received_on.year, c.received_on.month) for c in Consultation.objects.all()})
    assert months == [(2010, 11), (2010, 12), (2011, 1)]


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (Consultation.objects.count(), ConsultationCategory.objects.count())
    load_demo()
    assert (Consultation.objects.count(), ConsultationCategory.objects.count()) == counts == (6, 8)
