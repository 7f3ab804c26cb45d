"""Shared plumbing for `seed_demo`: each app has a ``demo.load(result)``
listed in settings.DEMO_LOADERS, and reports what it did here."""

from dataclasses import dataclass, field


@dataclass
class DemoResult:
    created: int = 0
    updated: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, e-mail, password)
    notes: list[str] = field(default_factory=list)

    def track(self, created: bool, updated: bool = False) -> None:
        if created:
            self.created += 1
        elif updated:
            self.updated += 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)
