from kyodo.core.models import Center


def center(request):
    """The center's name on every page; one cheap query, cached on the request."""
    if not hasattr(request, "_kyodo_center"):
        request._kyodo_center = Center.objects.current()
    return {"center": request._kyodo_center}
