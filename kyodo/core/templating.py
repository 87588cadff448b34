"""Kyodo's template backend: Django's, knowing that the ``i18n`` label is Kyodo's on purpose.

settings.TEMPLATES points ``{% load i18n %}`` at ``kyodo.core.templatetags.i18n_once`` (Django's
tags, ``{% translate "literal" %}`` kept per process). Django's check ``templates.W003`` warns
whenever a label names two modules; this backend leaves out that one intended pair and reports
every other duplicate as Django does.
"""

from __future__ import annotations

from django.template.backends.django import DjangoTemplates as DjangoBackend

INTENDED = {"i18n": "'django.templatetags.i18n', 'kyodo.core.templatetags.i18n_once'"}


class DjangoTemplates(DjangoBackend):
    def _check_for_template_tags_with_the_same_name(self):
        return [
            warning
            for warning in super()._check_for_template_tags_with_the_same_name()
            if not any(
                warning.msg == f"{label!r} is used for multiple template tag modules: {modules}"
                for label, modules in INTENDED.items()
            )
        ]
