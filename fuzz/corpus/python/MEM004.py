import functools
from functools import cache, lru_cache
from functools import lru_cache as memo


@functools.cache  # flag
def a(x):
    return x


@cache  # flag
def b(x):
    return x


@lru_cache(maxsize=None)  # flag
def c(x):
    return x


@memo(None)  # flag
def d(x):
    return x


class Service:
    @functools.lru_cache(maxsize=None, typed=True)  # flag
    def lookup(self, key):
        return key


@lru_cache
def bounded_default(x):
    return x


@lru_cache()
def bounded_call(x):
    return x


@functools.lru_cache(maxsize=256)
def bounded(x):
    return x


@property
def not_a_cache(self):
    return 1
