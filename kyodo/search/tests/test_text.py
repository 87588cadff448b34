"""Search text helpers: the one reading of a speaker's role."""


def test_one_speaker_role_reads_labels_and_filters():
    from kyodo.search.text import speaker_role

    assert [
        speaker_role(x) for x in ("熊田委員", "副委員長", "山本委員長", "事務局", "", None)
    ] == [
        "委員",
        "副委員長",
        "委員長",
        "",
        "",
        "",
    ]
    # A filter names a role only as the role word itself; 「熊田委員」 is a person.
    assert [speaker_role(x, whole=True) for x in ("委員", " 委員長 ", "熊田委員")] == [
        "委員",
        "委員長",
        "",
    ]
