"""The privacy notice (public) and the learner's own data page and download."""
