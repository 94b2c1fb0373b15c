import collections
from collections import deque
from collections import deque as dq


def flagged(items):
    a = collections.deque()  # flag
    b = deque(items)  # flag
    c = dq(items, None)  # flag
    d = deque(maxlen=None)  # flag
    e = deque(  # flag
        items,
    )


def not_flagged(items, args, kwargs, size):
    a = deque(maxlen=100)
    b = deque(items, 10)
    c = deque(items, maxlen=size)
    d = deque(*args)  # the bound cannot be known
    e = deque(items, **kwargs)

    def deque(*a):
        return list(a)

    f = deque()  # a local function named deque
    g = "collections.deque()"
