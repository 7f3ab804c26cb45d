"""Writes of the credentials app: signing keys, status lists, issued credentials."""
