"""Attendance pages: the participant's signature, the trainer's grid, sheet and closing."""
