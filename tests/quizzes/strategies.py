"""Hypothesis strategies shared by the question types' property tests."""

from hypothesis import strategies as st

# What authors could write as a right item (matching) or an item (ordering): letters, digits,
# punctuation and spaces, never blank.
texts = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=12
).filter(str.strip)
