import asyncio
import concurrent.futures
from concurrent.futures import ThreadPoolExecutor as Pool
from asyncio import TaskGroup


async def flagged(loop):
    async with asyncio.TaskGroup() as tg:  # flag
        tg.create_task(work())
    async with TaskGroup() as tg:  # flag
        pass
    await loop.run_in_executor(None, blocking)  # flag
    with concurrent.futures.ProcessPoolExecutor() as pool:  # flag
        pass
    executor = Pool(max_workers=2)  # flag


def sync_task_group():
    return asyncio.TaskGroup()  # flag


def not_flagged_sync(loop):
    with Pool() as pool:  # executors in sync code are fine
        pool.submit(blocking)
    loop.run_in_executor(None, blocking)  # not inside an async def


async def not_flagged():
    async with anyio.create_task_group() as tg:
        tg.start_soon(work)
    await anyio.to_thread.run_sync(blocking)
    run = lambda loop: loop.run_in_executor(None, blocking)  # a lambda is not async context
