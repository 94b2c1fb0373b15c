import asyncio
from asyncio import create_task as spawn, ensure_future
import asyncio as aio


async def flagged(loop: asyncio.AbstractEventLoop):
    asyncio.create_task(work())  # flag
    spawn(work())  # flag
    ensure_future(work())  # flag
    aio.get_running_loop().create_task(work())  # flag
    running = asyncio.get_running_loop()
    running.create_task(work())  # flag
    loop.create_task(work())  # flag


class Service:
    def __init__(self):
        self.loop = asyncio.new_event_loop()

    async def start(self):
        self.loop.create_task(work())  # flag


class LateBinding:
    async def start(self):
        self._loop.create_task(work())  # flag

    def attach(self):
        self._loop = asyncio.get_event_loop()


async def not_flagged(tg, anything, pool):
    async with asyncio.TaskGroup() as group:
        group.create_task(work())  # TaskGroup.create_task is ASY005's business
    tg.create_task(work())  # unknown receiver
    anything.create_task(work())

    def create_task(coro):
        return coro

    create_task(work())  # a local function
    "asyncio.create_task(work())"
    loop = pool.loop
    loop.create_task(work())  # not bound to an event loop getter
