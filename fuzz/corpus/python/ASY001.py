import asyncio
import asyncio as aio
from asyncio import gather as g
from asyncio.tasks import gather as tasks_gather


async def flagged():
    await asyncio.gather(one(), two())  # flag
    await aio.gather(one())  # flag
    await g(one(), two())  # flag
    await tasks_gather(one())  # flag
    results = await asyncio.gather(  # flag
        one(),
        two(),
    )


def sync_context_still_counts():
    return asyncio.gather(one())  # flag


async def not_flagged(items, tg):
    def gather(*awaitables):
        return awaitables

    gather(one(), two())  # a local function that shadows the name
    items.gather()  # a method with the same name on another object
    tg.start_soon(one)
    text = "asyncio.gather(x)"  # a string that merely mentions the API
    # asyncio.gather(in_a_comment)
    await asyncio.wait_for(one(), 1)


class Collector:
    def gather(self):
        return self.gather()  # a method called gather is not asyncio's
