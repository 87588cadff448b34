from kyodo.core.models import Center


def center(request):
    """The center's name on every page: its row, read again after it is written."""
    if not hasattr(request, "_kyodo_center"):
        request._kyodo_center = Center.objects.kept()
    return {"center": request._kyodo_center}


def staff_menu(request):
    """The staff navigation: each app lists its pages as ``staff_menu`` on its AppConfig."""
    from django.apps import apps

    from kyodo.core.links import reverse_once

    def items():
        for config in apps.get_app_configs():
            for label, url_name in getattr(config, "staff_menu", ()):
                yield {"label": label, "url": reverse_once(url_name)}

    return {"staff_menu": items}
