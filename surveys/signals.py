"""Signals other apps listen to; surveys never import them (data flows one way)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by Survey.move_to after a survey was saved as closed; sender=Survey, survey=<Survey>.
# The reports app builds the final snapshot from it.
survey_closed = Signal()
