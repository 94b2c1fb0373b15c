import socket
import sqlite3
import tempfile
import threading
import weakref
import httpx


class Leaky:  # flag
    def __init__(self, path):
        self.handle = open(path)


class LeakySocket:  # flag
    def __init__(self):
        self.sock = socket.socket()
        self.name = "x"


class LeakyClient:  # flag
    def __init__(self):
        self.client = httpx.AsyncClient()


class LeakyTemp:  # flag
    def __init__(self):
        self.tmp = tempfile.TemporaryDirectory()


class Closes:
    def __init__(self, path):
        self.db = sqlite3.connect(path)

    def close(self):
        self.db.close()


class AsyncCloses:
    def __init__(self):
        self.client = httpx.AsyncClient()

    async def aclose(self):
        await self.client.aclose()


class Finalized:
    def __init__(self):
        self.worker = threading.Thread(target=print)
        self._finalizer = weakref.finalize(self, print)


class Base:
    def cleanup(self):
        pass


class Inherits(Base):
    def __init__(self, path):
        self.handle = open(path)


class UnknownBase(SomethingElsewhere):
    def __init__(self, path):
        self.handle = open(path)  # the base may define close(); not flagged


class OpensLater:
    def __init__(self):
        self.handle = None

    def load(self, path):
        self.handle = open(path)  # not in __init__
