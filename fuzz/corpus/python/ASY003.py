import asyncio
from asyncio import wait
import asyncio as aio


async def flagged(tasks):
    done, pending = await asyncio.wait(tasks)  # flag
    await wait(tasks)  # flag
    await aio.wait(tasks, return_when=aio.FIRST_COMPLETED)  # flag


async def not_flagged(tasks, condition, event):
    await asyncio.wait_for(tasks[0], timeout=1)
    await condition.wait()  # a method called wait
    await event.wait()

    def wait(*args):
        return args

    wait(tasks)
    doc = "use asyncio.wait(...) sparingly"
