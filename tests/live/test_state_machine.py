"""The live-quiz state machine: every legal and illegal move from every kind of state."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lexom_learning.live import (
    IllegalMove,
    LiveState,
    Move,
    Status,
    accepts_answer,
    apply,
    close,
    closed_count,
    finish,
    is_revealed,
    legal_moves,
    open_next,
    waiting,
)

W, OPEN, C, F = Status.WAITING, Status.OPEN, Status.CLOSED, Status.FINISHED
TOTAL = 3
STATES = {
    "waiting": LiveState(W, None, TOTAL),
    "open first": LiveState(OPEN, 0, TOTAL),
    "open middle": LiveState(OPEN, 1, TOTAL),
    "open last": LiveState(OPEN, 2, TOTAL),
    "closed first": LiveState(C, 0, TOTAL),
    "closed middle": LiveState(C, 1, TOTAL),
    "closed last": LiveState(C, 2, TOTAL),
    "finished before any question": LiveState(F, None, TOTAL),
    "finished early": LiveState(F, 1, TOTAL),
    "finished after the last": LiveState(F, 2, TOTAL),
}
# (state, move) -> the next state, or the start of the message of IllegalMove.
TABLE = {
    ("waiting", Move.NEXT): LiveState(OPEN, 0, TOTAL),
    ("waiting", Move.CLOSE): "Aucune question n'est ouverte.",
    ("waiting", Move.FINISH): LiveState(F, None, TOTAL),
    ("open first", Move.NEXT): "La question 1 est encore ouverte",
    ("open first", Move.CLOSE): LiveState(C, 0, TOTAL),
    ("open first", Move.FINISH): "Fermez d'abord la question 1.",
    ("open middle", Move.NEXT): "La question 2 est encore ouverte",
    ("open middle", Move.CLOSE): LiveState(C, 1, TOTAL),
    ("open middle", Move.FINISH): "Fermez d'abord la question 2.",
    ("open last", Move.NEXT): "La question 3 est encore ouverte",
    ("open last", Move.CLOSE): LiveState(C, 2, TOTAL),
    ("open last", Move.FINISH): "Fermez d'abord la question 3.",
    ("closed first", Move.NEXT): LiveState(OPEN, 1, TOTAL),
    ("closed first", Move.CLOSE): "La question 1 est déjà fermée.",
    ("closed first", Move.FINISH): LiveState(F, 0, TOTAL),
    ("closed middle", Move.NEXT): LiveState(OPEN, 2, TOTAL),
    ("closed middle", Move.CLOSE): "La question 2 est déjà fermée.",
    ("closed middle", Move.FINISH): LiveState(F, 1, TOTAL),
    ("closed last", Move.NEXT): "C'était la dernière question : terminez le quiz.",
    ("closed last", Move.CLOSE): "La question 3 est déjà fermée.",
    ("closed last", Move.FINISH): LiveState(F, 2, TOTAL),
}
for _name in ("finished before any question", "finished early", "finished after the last"):
    TABLE[(_name, Move.NEXT)] = "Le quiz est terminé."
    TABLE[(_name, Move.CLOSE)] = "Le quiz est terminé."
    TABLE[(_name, Move.FINISH)] = "Le quiz est déjà terminé."


def test_the_table_covers_every_state_and_move():
    assert set(TABLE) == {(s, m) for s in STATES for m in Move}


@pytest.mark.parametrize("name, move", sorted(TABLE, key=str))
def test_every_move_from_every_state(name, move):
    expected = TABLE[(name, move)]
    state = STATES[name]
    if isinstance(expected, LiveState):
        assert apply(state, move) == expected
        assert apply(state, move.value) == expected  # the adapters pass strings
        assert move in legal_moves(state)
    else:
        with pytest.raises(IllegalMove) as raised:
            apply(state, move)
        assert str(raised.value).startswith(expected)
        assert move not in legal_moves(state)


def test_the_named_steps_are_the_moves():
    state = waiting(2)
    assert open_next(state) == apply(state, Move.NEXT)
    assert close(open_next(state)) == apply(open_next(state), "close")
    assert finish(state) == apply(state, "finish")


def test_unknown_move_is_illegal():
    with pytest.raises(IllegalMove, match="Action inconnue"):
        apply(waiting(2), "rewind")


def test_one_question_run_from_start_to_end():
    state = waiting(1)
    assert legal_moves(state) == {Move.NEXT, Move.FINISH}
    state = open_next(state)
    assert (state.status, state.index, state.number) == (OPEN, 0, 1)
    assert legal_moves(state) == {Move.CLOSE}
    state = close(state)
    assert legal_moves(state) == {Move.FINISH}
    state = finish(state)
    assert legal_moves(state) == frozenset()
    assert (state.status, state.index) == (F, 0)


@pytest.mark.parametrize(
    "status, index, total",
    [(W, 0, 3), (OPEN, None, 3), (C, None, 3), (OPEN, 3, 3), (C, -1, 3), (F, 5, 3), (W, None, 0)],
)
def test_impossible_states_cannot_be_built(status, index, total):
    with pytest.raises(ValueError):
        LiveState(status, index, total)


@pytest.mark.parametrize(
    "name, open_index, revealed",
    [
        ("waiting", None, []),
        ("open first", 0, []),
        ("open middle", 1, [0]),
        ("closed first", None, [0]),
        ("closed last", None, [0, 1, 2]),
        ("finished before any question", None, []),
        ("finished early", None, [0, 1]),
        ("finished after the last", None, [0, 1, 2]),
    ],
)
def test_answers_are_taken_only_for_the_open_question_and_shown_only_after(
    name, open_index, revealed
):
    state = STATES[name]
    assert [i for i in range(TOTAL) if accepts_answer(state, i)] == (
        [] if open_index is None else [open_index]
    )
    assert [i for i in range(TOTAL) if is_revealed(state, i)] == revealed
    assert closed_count(state) == len(revealed)


moves = st.lists(st.sampled_from(list(Move)), max_size=40)


@given(total=st.integers(min_value=1, max_value=6), sequence=moves)
def test_any_sequence_of_moves_follows_the_machine(total, sequence):
    """Illegal moves change nothing; legal ones walk waiting → (open closed)* → finished."""
    state = waiting(total)
    path = ["W"]
    opened = []
    revealed_before: set[int] = set()
    for move in sequence:
        allowed = legal_moves(state)
        try:
            after = apply(state, move)
        except IllegalMove as error:
            assert move not in allowed and str(error)
            continue
        assert move in allowed
        if after.status is OPEN:
            opened.append(after.index)
        if state.index is not None:
            assert after.index is not None and after.index >= state.index  # never back
        revealed = {i for i in range(total) if is_revealed(after, i)}
        assert revealed_before <= revealed  # a correction once shown stays shown
        assert sum(accepts_answer(after, i) for i in range(total)) == (after.status is OPEN)
        revealed_before = revealed
        path.append(after.status.value[0].upper())
        state = after
    assert opened == list(range(len(opened)))  # each question once, in order
    assert re.fullmatch(r"W(OC)*(O|F)?", "".join(path))
    if state.status is F:
        assert legal_moves(state) == frozenset()
