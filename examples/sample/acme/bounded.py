"""A module that follows the standard: nothing here is flagged."""

import anyio
from collections import deque


class Buffer:
    def __init__(self, max_items: int = 1000):
        self._items = deque(maxlen=max_items)

    def add(self, item) -> None:
        self._items.append(item)


async def run_all(jobs):
    async with anyio.create_task_group() as tg:
        for job in jobs:
            tg.start_soon(job)
