from django.core.exceptions import ValidationError


class CertificateError(ValidationError):
    """A certificate action that cannot be done, with a message for the
    person who asked (translated, ready to show)."""
