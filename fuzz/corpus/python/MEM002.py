import asyncio
import math
import multiprocessing
import queue
import anyio
from queue import SimpleQueue
from asyncio import Queue as AQ


def flagged():
    a = asyncio.Queue()  # flag
    b = AQ(0)  # flag
    c = queue.LifoQueue(maxsize=-1)  # flag
    d = queue.PriorityQueue()  # flag
    e = multiprocessing.Queue()  # flag
    f = multiprocessing.JoinableQueue()  # flag
    g = SimpleQueue()  # flag
    h = anyio.create_memory_object_stream(math.inf)  # flag
    i = anyio.create_memory_object_stream[int](float("inf"))  # flag
    j = anyio.create_memory_object_stream(max_buffer_size=math.inf)  # flag


def not_flagged(size, args, kwargs):
    a = asyncio.Queue(maxsize=100)
    b = queue.Queue(10)
    c = asyncio.Queue(size)
    d = asyncio.Queue(*args)
    e = queue.Queue(**kwargs)
    f = anyio.create_memory_object_stream(100)
    g = anyio.create_memory_object_stream()  # AnyIO's default buffer is 0
    h = asyncio.Event()

    class Queue:
        pass

    i = Queue()  # a local class named Queue
