"""Can a learner guess the keys? Figures on choice and true/false items, and their limits (pure).

For single-choice items: how often the key is the strictly longest option, and where the key
stands in the authored order. For true/false items: the share keyed « Vrai ». A quiz breaks
the rules when the key is the longest in more than a third of its items, when one authored
position holds more than 40 % of its keys, or when its true share is outside 40–60 %; each
limit is loosened to what the quiz's size allows (3 items cannot be split 40/60).
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from ..quizzes.single_choice import SingleChoiceSpec
from ..quizzes.true_false import TrueFalseSpec

LONGEST_MAX = 1 / 3
POSITION_MAX = 0.40
TRUE_RANGE = (0.40, 0.60)


@dataclass(frozen=True)
class KeyBalance:
    """The key figures of a set of questions."""

    single_choice: int = 0
    longest_is_key: int = 0
    positions: dict[int, int] = field(default_factory=dict)
    option_count: int = 4
    true_false: int = 0
    true_keys: int = 0

    @property
    def longest_share(self) -> float | None:
        """Return the share of single-choice keys that are the strictly longest option."""
        return self.longest_is_key / self.single_choice if self.single_choice else None

    @property
    def true_share(self) -> float | None:
        """Return the share of true/false items keyed « Vrai »."""
        return self.true_keys / self.true_false if self.true_false else None

    def position_shares(self) -> dict[str, float]:
        """Return the share of keys per authored position, as letters (a, b, c…)."""
        n = self.single_choice
        return {chr(97 + p): c / n for p, c in sorted(self.positions.items())} if n else {}

    def breaches(self) -> list[str]:
        """Return what breaks the rules, in words (empty when the keys are balanced)."""
        found = []
        n = self.single_choice
        if n and self.longest_is_key > max(1, math.floor(n * LONGEST_MAX)):
            found.append(
                f"the key is the longest option in {self.longest_is_key} of {n} "
                f"single-choice items (at most a third)"
            )
        if n:
            allowed = max(math.floor(n * POSITION_MAX), math.ceil(n / max(self.option_count, 1)))
            for position, count in sorted(self.positions.items()):
                if count > allowed:
                    found.append(
                        f"{count} of {n} single-choice keys are option {chr(97 + position)}) "
                        f"(at most 40 %)"
                    )
        t = self.true_false
        if t:
            low, high = math.floor(t * TRUE_RANGE[0]), math.ceil(t * TRUE_RANGE[1])
            if not low <= self.true_keys <= high:
                found.append(
                    f"{self.true_keys} of {t} true/false items are true (between 40 and 60 %)"
                )
        return found


def key_balance(questions) -> KeyBalance:
    """Return the key figures of some questions (other types are ignored)."""
    longest, positions, sizes = 0, Counter(), Counter()
    single = [q for q in questions if isinstance(q, SingleChoiceSpec)]
    for question in single:
        options = list(question.options)
        key = next(i for i, o in enumerate(options) if o.correct)
        positions[key] += 1
        sizes[len(options)] += 1
        lengths = [len(o.text.strip()) for o in options]
        if lengths[key] == max(lengths) and lengths.count(max(lengths)) == 1:
            longest += 1
    true_false = [q for q in questions if isinstance(q, TrueFalseSpec)]
    return KeyBalance(
        single_choice=len(single),
        longest_is_key=longest,
        positions=dict(positions),
        option_count=sizes.most_common(1)[0][0] if sizes else 4,
        true_false=len(true_false),
        true_keys=sum(1 for q in true_false if q.answer),
    )


def format_balance(name: str, balance: KeyBalance) -> str:
    """Return one line of figures for ``lexom content stats``."""
    parts = [f"  {name:<17}"]
    if balance.single_choice:
        shares = " ".join(f"{k}) {v:.0%}" for k, v in balance.position_shares().items())
        parts.append(
            f"single choice {balance.single_choice}: longest is key "
            f"{balance.longest_share:.0%}; key positions {shares}"
        )
    if balance.true_false:
        sep = "; " if balance.single_choice else ""
        parts.append(f"{sep}true/false {balance.true_false}: true {balance.true_share:.0%}")
    if not balance.single_choice and not balance.true_false:
        parts.append("no single-choice or true/false item")
    return "".join(parts)
