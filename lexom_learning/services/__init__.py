"""Use cases: one function each, called by the web views, the API and the CLI."""
