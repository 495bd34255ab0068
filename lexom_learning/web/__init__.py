"""The Flask adapter: app factory, blueprints, templates."""
