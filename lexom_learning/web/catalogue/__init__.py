"""The course catalogue: the course page, its modules and units."""
