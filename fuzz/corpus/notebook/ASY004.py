import threading
import threading as th
from threading import RLock, Semaphore as Sem

MODULE_LOCK = threading.Lock()
ASYNC_LOCK = None


async def flagged():
    lock = threading.Lock()  # flag
    rlock = RLock()  # flag
    sem = Sem(2)  # flag
    cond = th.Condition()  # flag
    with MODULE_LOCK:  # flag
        pass
    MODULE_LOCK.acquire()  # flag


class Cache:
    class_lock = threading.BoundedSemaphore(3)

    def __init__(self):
        self._lock = threading.Lock()

    async def get(self):
        with self._lock:  # flag
            return 1

    async def put(self):
        self.class_lock.acquire()  # flag


def not_flagged_sync():
    lock = threading.Lock()  # sync code may use thread locks
    with MODULE_LOCK:
        pass


async def not_flagged(anyio_lock):
    async with anyio_lock:
        pass

    def helper():
        with MODULE_LOCK:  # a nested sync def is not async context
            pass

    lock = make_lock()
    with lock:
        pass
    with open("f") as f:
        pass


class Plain:
    def __init__(self):
        self._lock = threading.Lock()

    def get(self):
        with self._lock:
            return 1
