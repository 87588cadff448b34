from kyodo.core.exceptions import DomainError


class WebsiteError(DomainError):
    """A change to the public site's content that cannot be made as asked."""
