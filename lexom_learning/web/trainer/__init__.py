"""Trainers' pages: sessions, participants, links and the session dashboard."""
