"""Sample pages for the axe-core test: the search pages with results, filters and pagination."""


def samples() -> dict[str, str | None]:
    return {
        "/search/": "/search/?q=%E5%8D%94%E5%83%8D&fy=H22&sort=newest",
        "/staff/search/": "/staff/search/?q=%E5%95%8F%E5%90%88%E3%81%9B+OR+%E5%8D%94%E5%83%8D",
    }
