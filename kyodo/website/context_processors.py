from kyodo.website.display import display_of


def display(request):
    """The visitor's display settings (text size, background, ふりがな) for base.html."""
    return {"display": display_of(request)}
