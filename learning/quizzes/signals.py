"""Signals the quiz app sends."""

from django.dispatch import Signal

# An attempt was graded (automatically at submission or time-out, or after a
# trainer graded its essays). sender=<Attempt model class>, attempt=<Attempt>,
# user=<User>, quiz_id=<int>.
quiz_attempt_graded = Signal()
