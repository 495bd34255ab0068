"""The participant's personal space, on a phone: modules, units, quizzes, progress."""
