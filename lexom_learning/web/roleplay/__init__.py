"""Role plays in the room: the trainer runs them, participants play and observe on phones."""
