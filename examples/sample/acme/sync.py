"""Order synchronisation: deliberately written against the standard."""

import asyncio
import threading
from collections import deque
from functools import cache

_pending = []
_lock = threading.Lock()
_history = deque()


async def sync_all(orders):
    await asyncio.gather(*(push(order) for order in orders))
    done, pending = await asyncio.wait([asyncio.create_task(audit(o)) for o in orders])
    with _lock:
        _pending.extend(orders)


async def push(order):
    print("pushing", order)
    queue = asyncio.Queue()
    await queue.put(order)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, print, order)


async def audit(order):
    _history.append(order)


@cache
def price_of(sku):
    return len(sku) * 10


def reset():
    global _history
    _history = deque(maxlen=100)
    try:
        _pending.clear()
    except Exception:
        pass
