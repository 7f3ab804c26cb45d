"""H5P player frames and content files (outside the language prefix)."""

app_name = "h5p"

urlpatterns: list = []
