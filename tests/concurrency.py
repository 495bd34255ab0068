"""Run one task in several threads at once, as concurrent requests would."""

import threading
from collections.abc import Callable
from typing import Any


def at_once(
    task: Callable[[], Any], count: int = 2, timeout: float = 60
) -> tuple[list[Any], list[BaseException]]:
    """Run ``task`` in ``count`` threads at once; return what the calls returned and what they
    raised (the test asserts on both, in its own thread). A thread still running after
    ``timeout`` seconds is reported as a ``TimeoutError``."""
    results: list[Any] = []
    errors: list[BaseException] = []

    def run():
        try:
            results.append(task())
        except BaseException as error:  # reported to the test, in its thread
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    errors += [TimeoutError(thread.name) for thread in threads if thread.is_alive()]
    return results, errors
