"""Public verification URLs, outside the language prefix: the QR codes
printed on certificates point here and must never change."""

app_name = "verify"

urlpatterns: list = []
