from django.urls import register_converter


class PublicIdConverter:
    """Exactly the shape of a public id (22 base64url characters), so that
    sibling paths such as /verify/check/ stay free for other views."""

    regex = "[A-Za-z0-9_-]{22}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PublicIdConverter, "public_id")
