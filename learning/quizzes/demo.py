"""Demo content for this app; seed_demo calls ``load`` (settings.DEMO_LOADERS).
Until its issue lands, this app has no demo content."""


def load(result) -> None:
    return None
